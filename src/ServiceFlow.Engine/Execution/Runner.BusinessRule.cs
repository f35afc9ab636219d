using System.Text;
using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Expressions;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

internal sealed partial class Runner
{
    /// <summary>
    /// Evaluates the task's decision from <see cref="InterpreterOptions.Decisions"/> within the step: one journal
    /// entry per decision evaluated (required decisions first) names the matched rules; any failure is an incident.
    /// </summary>
    private void EvaluateDecision(Token token, FlowNode node)
    {
        var call = node.DecisionCall
            ?? throw new IncidentException($"business rule task '{node.Id}' names no decision; set sf:decisionRef", false);
        var decisionRef = ExpressionSandbox.IsWrapped(call.DecisionRef)
            ? AsText(Evaluate(call.DecisionRef, $"decisionRef of '{node.Id}'")) ?? ""
            : call.DecisionRef;
        var deployed = _options.Decisions.Find(decisionRef) ?? throw new IncidentException(
            $"decision '{decisionRef}' is not deployed with this workflow version (deployed: {Known()}); deploy decisions/{decisionRef}.dmn or correct the decisionRef of '{node.Id}', then retry",
            false);

        var outcome = DecisionEvaluator.Evaluate(deployed.Document, deployed.Decision.Id, _vars);
        foreach (var trace in outcome.Trace)
        {
            Log(JournalKind.DecisionEvaluated, node.Id, token.Id, Describe(trace, deployed.Version));
        }

        if (!outcome.Succeeded)
        {
            throw new IncidentException($"business rule task '{node.Id}': {outcome.Error}", false);
        }

        var (value, error) = DecisionResultMapper.Map(outcome, call.Mapping ?? DecisionResultMapping.Dmn);
        if (error is not null)
        {
            throw new IncidentException($"business rule task '{node.Id}': {error}", false);
        }

        if (call.ResultVariable is { } name)
        {
            _vars[name] = value;
        }

        Leave(token);
    }

    private string Known()
    {
        var ids = _options.Decisions.DecisionIds.ToList();
        return ids.Count == 0 ? "none" : string.Join(", ", ids);
    }

    /// <summary>"priority-matrix v3 (UNIQUE) for Impact = "high", Urgency = "medium": rule 2 'r-2' → "P2"".</summary>
    private static string Describe(DecisionTrace trace, string? version)
    {
        var text = new StringBuilder(trace.DecisionId);
        if (version is not null)
        {
            text.Append(" v").Append(version);
        }

        text.Append(" (").Append(trace.Logic).Append(')');
        if (trace.Inputs.Count > 0)
        {
            text.Append(" for ").AppendJoin(", ", trace.Inputs.Select(i => $"{i.Input} = {Short(i.Value.GetRawText(), 60)}"));
        }

        text.Append(": ").Append(trace.Hits.Count switch
        {
            0 when trace.Logic == "literal expression" => "",
            0 => trace.UsedDefaults ? "no rule matched, default output " : "no rule matched ",
            1 => $"rule {trace.Hits[0].Index} '{trace.Hits[0].RuleId}' ",
            _ => $"rules {string.Join(", ", trace.Hits.Select(h => $"{h.Index} '{h.RuleId}'"))} ",
        });
        return text.Append("→ ").Append(Short(trace.Value.GetRawText(), 200)).ToString();
    }

    private static string Short(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
