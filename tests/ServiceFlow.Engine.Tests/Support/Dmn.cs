using System.Security;
using System.Text;
using System.Text.Json;
using ServiceFlow.Engine.Decisions;

namespace ServiceFlow.Engine.Tests.Support;

/// <summary>Builds small DMN documents inline. Cells are FEEL text; XML escaping is done here.</summary>
internal static class Dmn
{
    public static string Xml(string decisions, string ns = DmnNamespaces.Dmn13) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="{ns}" id="defs" name="tests" namespace="https://serviceflow.dev/tests">
        {decisions}
        </definitions>
        """;

    /// <summary>
    /// A decision "id" holding one table. Inputs are "expression:typeRef" (typeRef optional), outputs "name:typeRef";
    /// each rule lists its input cells then its output cells. Rule i gets id "r{i}" (in decision "d"), else "{id}-r{i}".
    /// </summary>
    public static string Table(string hitPolicy, string[] inputs, string[] outputs, string[][] rules, string id = "d",
        string? aggregation = null, string outputValues = "", string requires = "")
    {
        var xml = new StringBuilder();
        xml.Append(CultureInvariant($"""<decision id="{id}" name="{id}">{requires}<decisionTable id="{id}-table" hitPolicy="{hitPolicy}"{(aggregation is null ? "" : $" aggregation=\"{aggregation}\"")}>"""));
        for (var i = 0; i < inputs.Length; i++)
        {
            var (expression, type) = Split(inputs[i]);
            xml.Append(CultureInvariant($"""<input id="{id}-in{i + 1}" label="{Escape(expression)}"><inputExpression id="{id}-in{i + 1}-x"{(type is null ? "" : $" typeRef=\"{type}\"")}><text>{Escape(expression)}</text></inputExpression></input>"""));
        }

        for (var i = 0; i < outputs.Length; i++)
        {
            var (name, type) = Split(outputs[i]);
            xml.Append(CultureInvariant($"""<output id="{id}-out{i + 1}" name="{name}"{(type is null ? "" : $" typeRef=\"{type}\"")}>{(i == 0 && outputValues.Length > 0 ? $"<outputValues><text>{Escape(outputValues)}</text></outputValues>" : "")}</output>"""));
        }

        var rulePrefix = id == "d" ? "r" : $"{id}-r";
        for (var r = 0; r < rules.Length; r++)
        {
            xml.Append(CultureInvariant($"""<rule id="{rulePrefix}{r + 1}">"""));
            for (var c = 0; c < rules[r].Length; c++)
            {
                var element = c < inputs.Length ? "inputEntry" : "outputEntry";
                xml.Append(CultureInvariant($"""<{element} id="{rulePrefix}{r + 1}-c{c + 1}"><text>{Escape(rules[r][c])}</text></{element}>"""));
            }

            xml.Append("</rule>");
        }

        return xml.Append("</decisionTable></decision>").ToString();
    }

    public static DmnDocument Parse(string decisions, bool validate = true)
    {
        var document = DmnParser.Parse(Xml(decisions));
        if (validate)
        {
            DmnValidator.Validate(document).Errors.Should().BeEmpty("the test decision should be valid");
        }

        return document;
    }

    public static DecisionOutcome Evaluate(DmnDocument document, object? variables = null, string decisionId = "d") =>
        DecisionEvaluator.Evaluate(document, decisionId, Scenario.Vars(variables) ?? new Dictionary<string, JsonElement>());

    /// <summary>The decision's value, failing the test with the evaluator's message when it failed.</summary>
    public static JsonElement Value(DmnDocument document, object? variables = null, string decisionId = "d")
    {
        var outcome = Evaluate(document, variables, decisionId);
        outcome.Error.Should().BeNull();
        return outcome.Value;
    }

    private static (string Text, string? Type) Split(string spec)
    {
        var colon = spec.LastIndexOf(':');
        return colon < 0 ? (spec, null) : (spec[..colon], spec[(colon + 1)..]);
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string CultureInvariant(FormattableString s) => FormattableString.Invariant(s);
}

/// <summary>The shipped decision tables under decisions/.</summary>
internal static class ShippedDecisions
{
    public static DmnDocument Load(string name) =>
        DmnParser.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "decisions", name + ".dmn")));

    public static DecisionRegistry Registry(string? version = null) =>
        new([new DecisionDeployment(Load("priority-matrix"), version), new DecisionDeployment(Load("routing"), version)]);
}
