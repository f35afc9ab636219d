using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Runtime;

namespace ServiceFlow.Web.Email;

// Renders templates/{name}/{culture}.{subject|html|txt}.sbn. Every template is parsed once,
// when the renderer is built, so a broken file stops the app at start-up, not at 3 a.m.
// when the first SLA breach mail goes out.
internal sealed partial class MailTemplateRenderer
{
    public const string LayoutFile = "_layout.html.sbn";
    public const string FooterFile = "_footer.txt.sbn";
    public const string FallbackCulture = "en";

    private readonly Dictionary<(string Name, string Culture), MailTemplateSet> _templates;
    private readonly Template _layout;
    private readonly Template _footer;
    private readonly string _defaultCulture;
    private readonly string _organisationName;

    private MailTemplateRenderer(
        Dictionary<(string, string), MailTemplateSet> templates, Template layout, Template footer,
        string defaultCulture, string organisationName)
    {
        _templates = templates;
        _layout = layout;
        _footer = footer;
        _defaultCulture = defaultCulture;
        _organisationName = organisationName;
    }

    public IReadOnlyCollection<string> TemplateNames =>
        _templates.Keys.Select(k => k.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyCollection<string> CulturesOf(string name) =>
        _templates.Keys.Where(k => k.Name == name).Select(k => k.Culture).Order(StringComparer.Ordinal).ToList();

    public static MailTemplateRenderer Load(string directory, string defaultCulture = "zh-CN", string organisationName = "ServiceFlow")
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"Mail template folder '{Path.GetFullPath(directory)}' does not exist (Email:TemplatesPath).");
        }

        var layout = MailTemplateParser.ParseFile(Path.Combine(directory, LayoutFile));
        var footer = MailTemplateParser.ParseFile(Path.Combine(directory, FooterFile));
        var templates = new Dictionary<(string, string), MailTemplateSet>();
        foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            foreach (var subjectFile in Directory.EnumerateFiles(folder, "*.subject.sbn"))
            {
                var culture = Path.GetFileName(subjectFile)[..^".subject.sbn".Length];
                templates[(name, culture)] = new MailTemplateSet(
                    MailTemplateParser.ParseFile(subjectFile),
                    MailTemplateParser.ParseFile(Path.Combine(folder, $"{culture}.html.sbn")),
                    MailTemplateParser.ParseFile(Path.Combine(folder, $"{culture}.txt.sbn")));
            }
        }

        return new MailTemplateRenderer(templates, layout, footer, defaultCulture, organisationName);
    }

    // Recipient culture (and its parents, so en-GB finds en) → organisation default → en.
    public string ResolveCulture(string name, string? culture)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(culture))
        {
            candidates.Add(culture);
            try
            {
                for (var c = CultureInfo.GetCultureInfo(culture).Parent; c.Name.Length > 0; c = c.Parent)
                {
                    candidates.Add(c.Name);
                }
            }
            catch (CultureNotFoundException)
            {
                // An unknown tag from a user profile is not an error: fall back.
            }
        }

        candidates.Add(_defaultCulture);
        candidates.Add(FallbackCulture);
        foreach (var candidate in candidates)
        {
            var match = _templates.Keys.FirstOrDefault(k => k.Name == name && string.Equals(k.Culture, candidate, StringComparison.OrdinalIgnoreCase));
            if (match.Name is not null)
            {
                return match.Culture;
            }
        }

        throw new KeyNotFoundException($"No mail template '{name}' (known: {string.Join(", ", TemplateNames)}).");
    }

    /// <param name="context">The desk's time zone and public address (MailDelivery passes them); by default
    /// Asia/Shanghai and links left as the model gives them.</param>
    public RenderedMail Render(string name, string? culture, object model, MailContext? context = null)
    {
        var resolved = ResolveCulture(name, culture);
        var set = _templates[(name, resolved)];
        var cultureInfo = CultureInfo.GetCultureInfo(resolved);
        var functions = new MailTemplateFunctions(cultureInfo, context ?? MailContext.Default);

        // One set of globals and two contexts (plain, HTML-escaping) for the five templates of a mail: a context
        // builds Scriban's built-in functions when it is made, and importing the functions and the model is
        // reflection, so each is done once per mail, not once per template. Each template renders into its own
        // output.
        var globals = new ScriptObject();
        globals.Import(functions);
        Import(globals, model);
        globals.SetValue("culture", resolved, true);
        globals.SetValue("organisation_name", _organisationName, true);
        var plain = Context(new TemplateContext(), cultureInfo, globals);
        var escaping = Context(new HtmlEscapingTemplateContext(), cultureInfo, globals);

        var subject = OneLine(Evaluate(set.Subject, plain));
        var htmlBody = Evaluate(set.Html, escaping);
        var layoutValues = new ScriptObject();
        layoutValues.SetValue("body", new RawHtml(htmlBody), true);
        layoutValues.SetValue("subject", subject, true);
        var html = Evaluate(_layout, escaping, layoutValues);
        var text = Evaluate(set.Text, plain).TrimEnd()
            + "\n\n" + Evaluate(_footer, plain).TrimEnd() + "\n";

        return new RenderedMail(subject, html, text);
    }

    private static TemplateContext Context(TemplateContext context, CultureInfo culture, ScriptObject globals)
    {
        context.StrictVariables = true;
        context.PushCulture(culture);
        context.PushGlobal(globals);
        return context;
    }

    private static string Evaluate(Template template, TemplateContext context, ScriptObject? extra = null)
    {
        if (extra is not null)
            context.PushGlobal(extra);
        context.PushOutput();
        try
        {
            var text = template.Render(context);
            context.PopOutput();
            return text;
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new InvalidOperationException($"Mail template {template.SourceFilePath} failed: {e.Message}", e);
        }
        finally
        {
            if (extra is not null)
                context.PopGlobal();
        }
    }

    private static void Import(ScriptObject globals, object model)
    {
        switch (model)
        {
            case IDictionary<string, object?> typed:
                foreach (var (key, value) in typed)
                {
                    globals.SetValue(key, value, false);
                }

                break;
            case IDictionary untyped:
                foreach (DictionaryEntry entry in untyped)
                {
                    globals.SetValue(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!, entry.Value, false);
                }

                break;
            default:
                globals.Import(model);
                break;
        }
    }

    // A subject is a header: a CR or LF from a ticket title must not start a new header line.
    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed record MailTemplateSet(Template Subject, Template Html, Template Text);
}
