using System.Text.Json;
using ServiceFlow.Engine.Decisions.Feel;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Decisions;

/// <summary>
/// Shapes a decision's outcome for a business rule task's result variable. A mapping that names one result
/// (singleEntry, singleResult, and the DMN shape of a single-hit table) needs a matched rule or a default output:
/// a ticket without a priority must stop with an incident, not carry on with null.
/// </summary>
internal static class DecisionResultMapper
{
    /// <returns>The value, or an error for the incident.</returns>
    public static (JsonElement Value, string? Error) Map(DecisionOutcome outcome, DecisionResultMapping mapping)
    {
        var results = outcome.RuleResults;
        var name = mapping switch
        {
            DecisionResultMapping.SingleEntry => "singleEntry",
            DecisionResultMapping.SingleResult => "singleResult",
            DecisionResultMapping.CollectEntries => "collectEntries",
            DecisionResultMapping.ResultList => "resultList",
            _ => "the decision's result",
        };
        var needsOne = mapping is DecisionResultMapping.SingleEntry or DecisionResultMapping.SingleResult
            || (mapping == DecisionResultMapping.Dmn && outcome.SingleResult);
        if (needsOne && results.Count == 0)
        {
            var inputs = outcome.Trace.LastOrDefault(t => t.DecisionId == outcome.DecisionId)?.Inputs ?? [];
            return Fail($"decision '{outcome.DecisionId}' matched no rule{For(inputs)}, and {name} needs one result; "
                + "add a rule or a default output to the table, or correct the inputs, then retry");
        }

        if (needsOne && results.Count > 1)
        {
            return Fail($"decision '{outcome.DecisionId}' matched {results.Count} rules, but {name} takes one; use collectEntries or resultList");
        }

        var oneOutput = outcome.OutputNames.Count == 1;
        if (!oneOutput && mapping is DecisionResultMapping.SingleEntry or DecisionResultMapping.CollectEntries)
        {
            return Fail($"decision '{outcome.DecisionId}' has {outcome.OutputNames.Count} outputs ({string.Join(", ", outcome.OutputNames)}), but {name} takes one; use singleResult or resultList");
        }

        return mapping switch
        {
            DecisionResultMapping.SingleEntry => (results[0].Values.Single(), null),
            DecisionResultMapping.SingleResult => (JsonSerializer.SerializeToElement(results[0]), null),
            DecisionResultMapping.CollectEntries => (JsonSerializer.SerializeToElement(results.Select(r => r.Values.Single())), null),
            DecisionResultMapping.ResultList => (JsonSerializer.SerializeToElement(results), null),
            _ => (outcome.Value, null),
        };
    }

    private static (JsonElement, string?) Fail(string message) => (FeelJson.ToJson(null), message);

    private static string For(IReadOnlyList<InputValue> inputs) =>
        inputs.Count == 0 ? "" : " for " + string.Join(", ", inputs.Select(i => $"{i.Input} = {i.Value.GetRawText()}"));
}
