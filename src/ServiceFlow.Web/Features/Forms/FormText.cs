using System.Globalization;
using System.Text.Json.Nodes;

namespace ServiceFlow.Web.Features.Forms;

/// A form's texts in the reader's language: the schema is written in English and lists its translations once
/// (`"translations": { "zh-CN": { "Severity": "严重程度" } }`); a text without a translation is shown as written.
internal static class FormText
{
    public static Func<string?, string> For(FormSchema form, CultureInfo culture)
    {
        var translations = form.Raw["translations"] as JsonObject;
        var own = (translations?[culture.Name] ?? translations?[culture.TwoLetterISOLanguageName]) as JsonObject;
        return text => text is null ? "" : own?[text] is JsonValue v && v.TryGetValue<string>(out var t) ? t : text;
    }
}
