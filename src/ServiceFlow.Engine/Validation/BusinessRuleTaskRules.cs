using ServiceFlow.Engine.Expressions;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Validation;

/// <summary>What a business rule task needs to evaluate a decision. Whether the decision is deployed is the host's check.</summary>
internal static class BusinessRuleTaskRules
{
    public static void Check(FlowNode node, List<ValidationIssue> issues)
    {
        if (node.DecisionCall is not { } call)
        {
            Error(node, issues, "missing-decision-ref",
                $"business rule task '{node.Id}' names no decision; set sf:decisionRef (camunda:decisionRef and zeebe:calledDecision are read too)");
            return;
        }

        if (call.DecisionRef.StartsWith('='))
        {
            Error(node, issues, "invalid-expression", $"decisionRef '{call.DecisionRef}' of '{node.Id}' is a FEEL expression; name the decision id, or use ${{...}} JavaScript");
        }
        else if (ExpressionSandbox.IsWrapped(call.DecisionRef) && ExpressionSandbox.CheckSyntax(call.DecisionRef) is { } error)
        {
            Error(node, issues, "invalid-expression", $"decisionRef of '{node.Id}' is not valid JavaScript: {error}");
        }

        if (call.Mapping is null)
        {
            Error(node, issues, "bad-result-mapping",
                $"mapDecisionResult '{call.MappingText}' of '{node.Id}' is not one of singleEntry, singleResult, collectEntries, resultList, dmn");
        }

        if (call.ResultVariable is null)
        {
            Error(node, issues, "missing-result-variable", $"business rule task '{node.Id}' has no resultVariable; name the variable that receives the decision's result");
        }
    }

    private static void Error(FlowNode node, List<ValidationIssue> issues, string code, string message) =>
        issues.Add(new(Severity.Error, node.Id, node.Line, code, message));
}
