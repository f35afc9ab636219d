using System.Xml.Linq;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Parsing;

/// <summary>
/// Reads which decision a businessRuleTask calls: sf:decisionRef/sf:resultVariable/sf:mapDecisionResult, the
/// camunda: attributes of the same names, or Zeebe's zeebe:calledDecision extension element, in that order.
/// </summary>
internal static class DecisionCallReader
{
    private static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    public static DecisionCall? Read(XElement task, IReadOnlyList<XElement> extensionElements)
    {
        if (task.Name.LocalName != "businessRuleTask")
        {
            return null;
        }

        if (Attribute(task, Namespaces.SfNs, "decisionRef") is { } sfRef)
        {
            var mapping = Attribute(task, Namespaces.SfNs, "mapDecisionResult");
            return new DecisionCall(sfRef, Attribute(task, Namespaces.SfNs, "resultVariable"), Mapping(mapping, DecisionResultMapping.Dmn), mapping);
        }

        if (extensionElements.FirstOrDefault(x => x.Name == Zeebe + "calledDecision") is { } called
            && DefinitionsReader.NullIfBlank((string?)called.Attribute("decisionId")) is { } zeebeRef)
        {
            return new DecisionCall(zeebeRef, DefinitionsReader.NullIfBlank((string?)called.Attribute("resultVariable")), DecisionResultMapping.Dmn, null);
        }

        var camunda = task.Attributes().Where(a => Namespaces.IsCamunda(a.Name.Namespace)).ToDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.Ordinal);
        if (DefinitionsReader.NullIfBlank(camunda.GetValueOrDefault("decisionRef")) is { } camundaRef)
        {
            var mapping = DefinitionsReader.NullIfBlank(camunda.GetValueOrDefault("mapDecisionResult"));
            return new DecisionCall(camundaRef, DefinitionsReader.NullIfBlank(camunda.GetValueOrDefault("resultVariable")), Mapping(mapping, DecisionResultMapping.ResultList), mapping);
        }

        return null;
    }

    private static string? Attribute(XElement e, XNamespace ns, string name) => DefinitionsReader.NullIfBlank((string?)e.Attribute(ns + name));

    private static DecisionResultMapping? Mapping(string? text, DecisionResultMapping fallback) => text switch
    {
        null => fallback,
        "singleEntry" => DecisionResultMapping.SingleEntry,
        "singleResult" => DecisionResultMapping.SingleResult,
        "collectEntries" => DecisionResultMapping.CollectEntries,
        "resultList" => DecisionResultMapping.ResultList,
        "dmn" => DecisionResultMapping.Dmn,
        _ => null,
    };
}
