using ServiceFlow.Engine.Validation;

namespace ServiceFlow.Engine.Decisions;

/// <summary>
/// Checks a parsed DMN document against what ServiceFlow evaluates. Every finding names the element id and
/// line: the cell whose FEEL does not parse, the table whose hit policy is unknown, the rule of the wrong shape.
/// </summary>
public static class DmnValidator
{
    /// <summary>Validates every decision in the document.</summary>
    /// <param name="document">The parsed document.</param>
    /// <returns>The report; <see cref="ValidationReport.Executable"/> is false when any error was found.</returns>
    public static ValidationReport Validate(DmnDocument document)
    {
        var issues = new List<ValidationIssue>();
        foreach (var duplicate in document.DuplicateIds)
        {
            issues.Add(new(Severity.Error, duplicate.Id, duplicate.Line, "duplicate-id", $"id '{duplicate.Id}' is used more than once"));
        }

        if (document.Decisions.IsEmpty)
        {
            issues.Add(new(Severity.Error, document.Id, null, "no-decision", "the DMN file contains no decision"));
        }

        foreach (var input in document.InputData.Values.Where(i => i.TypeRef is { } t && DecisionTableEvaluator.Canonical(document, t) is null && !document.ItemDefinitions.ContainsKey(t)))
        {
            issues.Add(new(Severity.Error, input.Id, input.Line, "unknown-type", $"input data '{input.Name}' has the unknown typeRef '{input.TypeRef}'"));
        }

        foreach (var decision in document.Decisions)
        {
            Check(document, decision, issues);
        }

        var ordered = issues.OrderByDescending(i => i.Severity).ThenBy(i => i.Line ?? 0).ToList();
        return new ValidationReport(!ordered.Exists(i => i.Severity == Severity.Error), ordered);
    }

    private static void Check(DmnDocument document, DmnDecision decision, List<ValidationIssue> issues)
    {
        foreach (var requirement in decision.RequiredDecisions)
        {
            if (document.Decision(requirement.DecisionId) is null)
            {
                issues.Add(new(Severity.Error, decision.Id, requirement.Line, "missing-required-decision",
                    $"decision '{decision.Id}' requires decision '{requirement.DecisionId}', which is not in this file"));
            }
        }

        foreach (var requirement in decision.RequiredInputs.Where(r => !document.InputData.ContainsKey(r.DecisionId)))
        {
            issues.Add(new(Severity.Error, decision.Id, requirement.Line, "missing-required-input",
                $"decision '{decision.Id}' requires input data '{requirement.DecisionId}', which is not in this file"));
        }

        if (Cycle(document, decision, [], []) is { } cycle)
        {
            issues.Add(new(Severity.Error, decision.Id, decision.Line, "requirement-cycle", $"decisions require each other in a cycle: {cycle}"));
        }

        if (decision.TypeRef is { } typeRef && DecisionTableEvaluator.Canonical(document, typeRef) is null && !document.ItemDefinitions.ContainsKey(typeRef))
        {
            issues.Add(new(Severity.Error, decision.Id, decision.Line, "unknown-type", $"decision '{decision.Id}' has the unknown typeRef '{typeRef}'"));
        }

        switch (decision)
        {
            case { Table: { } table }:
                new DecisionTableRules(document, decision, table, issues).Check();
                break;
            case { Literal: { } literal }:
                DecisionTableRules.CheckCell(literal, $"the literal expression of decision '{decision.Id}'", issues);
                break;
            default:
                issues.Add(new(Severity.Error, decision.Id, decision.Line, "unsupported-decision-logic", decision.UnsupportedLogic == "(none)"
                    ? $"decision '{decision.Id}' has no decision table or literal expression"
                    : $"decision '{decision.Id}' uses a {decision.UnsupportedLogic}, which ServiceFlow does not evaluate; use a decision table or a literal expression"));
                break;
        }
    }

    /// <summary>The cycle through <paramref name="decision"/> as "a → b → a", or null.</summary>
    private static string? Cycle(DmnDocument document, DmnDecision decision, List<string> path, HashSet<string> explored)
    {
        if (path.Count > DecisionEvaluator.MaxRequirementDepth)
        {
            return null; // the evaluator refuses chains this deep anyway; stop before the stack does
        }

        path.Add(decision.Id);
        foreach (var requirement in decision.RequiredDecisions)
        {
            if (requirement.DecisionId == path[0])
            {
                return string.Join(" → ", path.Append(path[0]));
            }

            if (!path.Contains(requirement.DecisionId) && !explored.Contains(requirement.DecisionId)
                && document.Decision(requirement.DecisionId) is { } next && Cycle(document, next, path, explored) is { } found)
            {
                return found;
            }
        }

        path.RemoveAt(path.Count - 1);
        explored.Add(decision.Id); // no way back to the start from here; do not walk it again
        return null;
    }
}
