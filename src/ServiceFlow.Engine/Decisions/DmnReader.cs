using System.Collections.Immutable;
using System.Xml.Linq;
using ServiceFlow.Engine.Model;
using static ServiceFlow.Engine.Parsing.DefinitionsReader;

namespace ServiceFlow.Engine.Decisions;

/// <summary>Turns a DMN definitions element into model records.</summary>
internal static class DmnReader
{
    private static readonly HashSet<string> OtherLogic = new(StringComparer.Ordinal)
    {
        "context", "invocation", "relation", "list", "functionDefinition", "conditional", "filter", "for", "every", "some",
    };

    public static DmnDocument Read(XElement definitions)
    {
        var ns = definitions.Name.Namespace;
        var language = (string?)definitions.Attribute("expressionLanguage");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = ImmutableArray.CreateBuilder<DuplicateId>();
        foreach (var element in definitions.DescendantsAndSelf().Where(e => e.Name.Namespace == ns))
        {
            if ((string?)element.Attribute("id") is { } id && !seen.Add(id))
            {
                duplicates.Add(new DuplicateId(id, LineOf(element)));
            }
        }

        var items = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        foreach (var item in definitions.Elements(ns + "itemDefinition"))
        {
            var simple = item.Element(ns + "itemComponent") is null && !string.Equals((string?)item.Attribute("isCollection"), "true", StringComparison.Ordinal);
            items.TryAdd((string?)item.Attribute("name") ?? Id(item), simple ? NullIfBlank(item.Element(ns + "typeRef")?.Value) : null);
        }

        var inputs = ImmutableDictionary.CreateBuilder<string, DmnInputData>(StringComparer.Ordinal);
        foreach (var input in definitions.Elements(ns + "inputData"))
        {
            var variable = input.Element(ns + "variable");
            inputs.TryAdd(Id(input), new DmnInputData(
                Id(input), (string?)variable?.Attribute("name") ?? (string?)input.Attribute("name") ?? Id(input), NullIfBlank((string?)variable?.Attribute("typeRef")), LineOf(input)));
        }

        return new DmnDocument(
            Id(definitions),
            (string?)definitions.Attribute("name"),
            [.. definitions.Elements(ns + "decision").Select(d => ReadDecision(d, ns, language))],
            items.ToImmutable(),
            inputs.ToImmutable(),
            duplicates.ToImmutable());
    }

    private static DmnDecision ReadDecision(XElement e, XNamespace ns, string? language)
    {
        var variable = e.Element(ns + "variable");
        var table = e.Element(ns + "decisionTable");
        var literal = e.Element(ns + "literalExpression");
        var other = e.Elements().FirstOrDefault(c => c.Name.Namespace == ns && OtherLogic.Contains(c.Name.LocalName));
        return new DmnDecision
        {
            Id = Id(e),
            Name = (string?)e.Attribute("name"),
            Line = LineOf(e),
            VariableName = (string?)variable?.Attribute("name") ?? (string?)e.Attribute("name") ?? Id(e),
            TypeRef = NullIfBlank((string?)variable?.Attribute("typeRef") ?? (string?)literal?.Attribute("typeRef") ?? (string?)table?.Attribute("typeRef")),
            RequiredDecisions = [.. e.Elements(ns + "informationRequirement").Elements(ns + "requiredDecision")
                .Select(r => new DecisionRequirement(Href((string?)r.Attribute("href")), LineOf(r)))],
            RequiredInputs = [.. e.Elements(ns + "informationRequirement").Elements(ns + "requiredInput")
                .Select(r => new DecisionRequirement(Href((string?)r.Attribute("href")), LineOf(r)))],
            Table = table is null ? null : ReadTable(table, ns, language),
            Literal = literal is null ? null : Cell(literal, ns, FeelCellKind.Expression, Language(literal, language)),
            UnsupportedLogic = table is null && literal is null ? other?.Name.LocalName ?? "(none)" : null,
        };
    }

    private static DecisionTable ReadTable(XElement e, XNamespace ns, string? language)
    {
        var hitPolicyText = NullIfBlank((string?)e.Attribute("hitPolicy")) ?? "UNIQUE";
        var aggregationText = NullIfBlank((string?)e.Attribute("aggregation"));
        var inputs = e.Elements(ns + "input").Select(i =>
        {
            var expression = i.Element(ns + "inputExpression");
            var values = i.Element(ns + "inputValues");
            return new DecisionInput(
                Id(i),
                (string?)i.Attribute("label"),
                LineOf(i),
                expression is null
                    ? FeelCell.Parse(Id(i), LineOf(i), "", FeelCellKind.Expression) with { Error = "the input has no inputExpression" }
                    : Cell(expression, ns, FeelCellKind.Expression, Language(expression, language)),
                NullIfBlank((string?)expression?.Attribute("typeRef")),
                values is null ? null : Cell(values, ns, FeelCellKind.UnaryTests, Language(values, language)));
        });
        var outputs = e.Elements(ns + "output").Select(o =>
        {
            var values = o.Element(ns + "outputValues");
            var fallback = o.Element(ns + "defaultOutputEntry");
            return new DecisionOutput(
                Id(o),
                NullIfBlank((string?)o.Attribute("name")),
                (string?)o.Attribute("label"),
                LineOf(o),
                NullIfBlank((string?)o.Attribute("typeRef")),
                values is null ? null : Cell(values, ns, FeelCellKind.UnaryTests, Language(values, language)),
                fallback is null ? null : Cell(fallback, ns, FeelCellKind.Expression, Language(fallback, language)));
        });
        var rules = e.Elements(ns + "rule").Select((r, index) => new DecisionRule(
            Id(r),
            index + 1,
            LineOf(r),
            [.. r.Elements(ns + "inputEntry").Select(c => Cell(c, ns, FeelCellKind.UnaryTests, Language(c, language)))],
            [.. r.Elements(ns + "outputEntry").Select(c => Cell(c, ns, FeelCellKind.Expression, Language(c, language)))],
            NullIfBlank(r.Element(ns + "description")?.Value ?? r.Element(ns + "annotationEntry")?.Value)));

        return new DecisionTable(
            Id(e), LineOf(e), hitPolicyText, ParseHitPolicy(hitPolicyText), aggregationText,
            aggregationText switch
            {
                "SUM" => CollectAggregation.Sum,
                "MIN" => CollectAggregation.Min,
                "MAX" => CollectAggregation.Max,
                "COUNT" => CollectAggregation.Count,
                _ => null,
            },
            [.. inputs], [.. outputs], [.. rules]);
    }

    private static HitPolicy? ParseHitPolicy(string text) => text switch
    {
        "UNIQUE" => HitPolicy.Unique,
        "FIRST" => HitPolicy.First,
        "PRIORITY" => HitPolicy.Priority,
        "ANY" => HitPolicy.Any,
        "COLLECT" => HitPolicy.Collect,
        "RULE ORDER" => HitPolicy.RuleOrder,
        "OUTPUT ORDER" => HitPolicy.OutputOrder,
        _ => null,
    };

    private static FeelCell Cell(XElement e, XNamespace ns, FeelCellKind kind, string? language) =>
        FeelCell.Parse(Id(e), LineOf(e), e.Element(ns + "text")?.Value ?? "", kind, language);

    private static string? Language(XElement e, string? inherited) => NullIfBlank((string?)e.Attribute("expressionLanguage")) ?? inherited;

    private static string Href(string? href) => href is null ? "" : href[(href.IndexOf('#', StringComparison.Ordinal) + 1)..];
}
