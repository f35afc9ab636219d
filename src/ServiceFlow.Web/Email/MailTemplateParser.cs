using Scriban;
using Scriban.Parsing;

namespace ServiceFlow.Web.Email;

internal static class MailTemplateParser
{
    public static Template ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Mail template {path} is missing.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static Template Parse(string text, string path)
    {
        var template = Template.Parse(text, path);
        if (template.HasErrors)
        {
            // Scriban's spans are zero-based; editors count from one.
            var errors = template.Messages
                .Where(m => m.Type == ParserMessageType.Error)
                .Select(m => $"{path}({m.Span.Start.Line + 1},{m.Span.Start.Column + 1}): {m.Message}");
            throw new InvalidOperationException($"Mail template {path} does not parse:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        return template;
    }
}
