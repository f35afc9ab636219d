using System.Text;
using Scriban;
using Scriban.Parsing;

namespace ServiceFlow.Web.Email;

// Markup that must reach the HTML output untouched: only the layout's {{ body }} gets one.
internal sealed record RawHtml(string Html);

// Scriban has no auto-escape switch. Every {{ expression }} result goes through
// Write(SourceSpan, object), while the template's literal text goes through the other
// Write overloads, so escaping here makes "escaped" the default for everything a
// template prints, and forgetting `| html.escape` can no longer leak user input.
internal sealed class HtmlEscapingTemplateContext : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case null:
                return this;
            case RawHtml raw:
                Write(raw.Html);
                return this;
            default:
                Write(Escape(ObjectToString(textAsObject)));
                return this;
        }
    }

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text ?? "";
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
