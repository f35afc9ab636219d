using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ServiceFlow.Engine.Parsing;

/// <summary>
/// What other engines' files say beyond attributes: BPMN's own resource assignments, and behaviour that needs
/// their runtime (Java delegates, listeners, connectors), which must be reported rather than silently dropped.
/// </summary>
internal static partial class VendorReader
{
    private static readonly XNamespace Bpmn = Namespaces.BpmnNs;

    [GeneratedRegex(@"^(?<kind>user|group)\((?<name>[^)]*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Typed();

    /// <summary>
    /// potentialOwner → candidateUsers/candidateGroups, humanPerformer → assignee, from their formal expressions
    /// (<c>user(ann), group(l2)</c>; a bare name is a group for potentialOwner, as Activiti and Flowable read it).
    /// sf:/camunda: attributes win.
    /// </summary>
    public static ImmutableDictionary<string, string> WithResourceAssignments(XElement e, ImmutableDictionary<string, string> extensions)
    {
        var builder = extensions.ToBuilder();
        if (Formal(e, "humanPerformer") is { } performer)
        {
            builder.TryAdd("assignee", performer);
        }

        var users = new List<string>();
        var groups = new List<string>();
        foreach (var text in e.Elements(Bpmn + "potentialOwner").Select(p => Formal(p.Parent!, "potentialOwner", p)).OfType<string>())
        {
            foreach (var part in Split(text))
            {
                var typed = Typed().Match(part);
                (typed.Success && typed.Groups["kind"].Value == "user" ? users : groups).Add(typed.Success ? typed.Groups["name"].Value.Trim() : part);
            }
        }

        if (users.Count > 0)
        {
            builder.TryAdd("candidateUsers", string.Join(", ", users));
        }

        if (groups.Count > 0)
        {
            builder.TryAdd("candidateGroups", string.Join(", ", groups));
        }

        return builder.ToImmutable();
    }

    private static string? Formal(XElement e, string role, XElement? roleElement = null) =>
        DefinitionsReader.NullIfBlank((roleElement ?? e.Element(Bpmn + role))?
            .Element(Bpmn + "resourceAssignmentExpression")?.Element(Bpmn + "formalExpression")?.Value);

    // An expression (${…}) stays whole: its commas are JavaScript, not a list.
    private static IEnumerable<string> Split(string text) => text.TrimStart().StartsWith("${", StringComparison.Ordinal)
        ? [text.Trim()]
        : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static readonly string[] DelegateAttributes = ["class", "delegateExpression", "expression"];

    /// <summary>
    /// Vendor behaviour ServiceFlow cannot run, each named as written (e.g. <c>camunda:class="com.acme.Check"</c>);
    /// the validator reports them, so a model never deploys and then fails at runtime.
    /// </summary>
    public static ImmutableArray<string> Unsupported(XElement e, IReadOnlyList<XElement> extensionElements)
    {
        var found = ImmutableArray.CreateBuilder<string>();
        foreach (var attribute in e.Attributes().Where(a => Namespaces.IsCamunda(a.Name.Namespace)))
        {
            var name = attribute.Name.LocalName;
            var unsupported = DelegateAttributes.Contains(name)
                || (name == "type" && attribute.Value != "external") // camunda:type="external" + topic is a job type
                || (name == "resource" && e.Name.LocalName == "scriptTask");
            if (unsupported)
            {
                found.Add($"{Prefixed(e, attribute.Name)}=\"{attribute.Value}\"");
            }
        }

        foreach (var x in extensionElements.Where(x => Namespaces.IsCamunda(x.Name.Namespace)))
        {
            switch (x.Name.LocalName)
            {
                case "executionListener" or "taskListener" or "connector" or "field":
                    found.Add(Prefixed(e, x.Name) + Describe(x));
                    break;
                case "inputOutput":
                    foreach (var p in x.Elements().Where(p => p.Name.LocalName == "outputParameter" || (p.Name.LocalName == "inputParameter" && p.HasElements)))
                    {
                        found.Add($"{Prefixed(e, p.Name)} '{(string?)p.Attribute("name")}'" + (p.HasElements ? $" with a {p.Elements().First().Name.LocalName}" : ""));
                    }

                    break;
                default:
                    break;
            }
        }

        return [.. found.Distinct()]; // five camunda:field of one delegate are one finding
    }

    private static string Describe(XElement x) =>
        DelegateAttributes.Concat(["event"]).Select(a => (string?)x.Attribute(a) is { } v ? $" {a}=\"{v}\"" : null).OfType<string>().FirstOrDefault()
        ?? (x.Elements().FirstOrDefault(c => c.Name.LocalName == "script") is { } script ? $" with a {(string?)script.Attribute("scriptFormat") ?? ""} script" : "");

    private static string Prefixed(XElement context, XName name) => $"{context.GetPrefixOfNamespace(name.Namespace) ?? "camunda"}:{name.LocalName}";
}
