using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceFlow.Web.Features.Forms;

/// What `_FormView.cshtml` needs to draw a form version with the form-js viewer inside a page's own `<form>`:
/// the schema (translated in the browser from its `translations` block), the data it starts from (values,
/// bound record fields, and the option lists `valuesKey` fields read) and the refusals to show on fields.
/// The browser posts what was entered as JSON in the field `sf-form-data`; the page's handler reads it with
/// <see cref="Entered"/> and gives it to the one validator (FormValidator).
internal sealed record FormView(FormSchema Schema, IReadOnlyDictionary<string, JsonElement> Data, IReadOnlyList<FormView.Refusal> Errors)
{
    public const string PostedField = "sf-form-data";

    /// A refusal in the reader's language; `Key` null is about the submission as a whole.
    public sealed record Refusal(string? Key, string Label, string Message);

    public string ConfigJson()
    {
        var config = new JsonObject
        {
            ["schema"] = Schema.Raw.DeepClone(),
            ["data"] = JsonSerializer.SerializeToNode(Data),
            ["locale"] = CultureInfo.CurrentUICulture.Name,
            ["errors"] = JsonSerializer.SerializeToNode(Errors.Where(e => e.Key is not null).Select(e => new { key = e.Key, message = e.Message })),
        };
        // Inside <script type="application/json">: "</" must not end the element early.
        return config.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
    }

    /// What the form-js viewer posted, or null when the page was posted without it (scripts off: the
    /// server-rendered fields). Anything but a JSON object is refused by name.
    public static Dictionary<string, JsonElement>? Entered(IFormCollection posted, out FormattableString? problem)
    {
        problem = null;
        if (!posted.TryGetValue(PostedField, out var text) || string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text.ToString(), new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        }
        catch (JsonException)
        {
        }
        problem = $"The form's data ({PostedField}) is not a JSON object; reload the page and enter it again.";
        return [];
    }
}
