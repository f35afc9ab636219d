using System.Text.Json;
using ServiceFlow.Engine.Decisions.Feel;

namespace ServiceFlow.Engine.Decisions;

/// <summary>
/// Evaluates a decision of a parsed DMN document against instance variables. Pure: no clock, no I/O, and the
/// same inputs always give the same outcome. Required decisions are evaluated first (once each) and their
/// results are visible by the required decision's variable name and, as in Camunda, by its output names.
/// </summary>
public static class DecisionEvaluator
{
    /// <summary>How deep a chain of required decisions may go.</summary>
    public const int MaxRequirementDepth = 32;

    /// <summary>Evaluates <paramref name="decisionId"/>. Never throws for bad models or inputs: those become <see cref="DecisionOutcome.Error"/>.</summary>
    /// <param name="document">The document holding the decision and the decisions it requires.</param>
    /// <param name="decisionId">The decision's id.</param>
    /// <param name="variables">The instance variables the input expressions read.</param>
    /// <returns>The outcome with its trace.</returns>
    public static DecisionOutcome Evaluate(DmnDocument document, string decisionId, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var run = new Run(document, variables);
        try
        {
            var decision = document.Decision(decisionId) ?? throw new DecisionFailure($"the DMN file has no decision '{decisionId}'");
            var result = run.Evaluate(decision);
            return new DecisionOutcome
            {
                DecisionId = decisionId,
                Value = FeelJson.ToJson(result.Value),
                RuleResults = [.. result.Entries.Select(e => (IReadOnlyDictionary<string, JsonElement>)e.Outputs.ToDictionary(p => p.Key, p => FeelJson.ToJson(p.Value)))],
                OutputNames = result.OutputNames,
                SingleResult = result.Single,
                Trace = run.Trace,
            };
        }
        catch (DecisionFailure failure)
        {
            return Failed(decisionId, failure.Message, run);
        }
        catch (Exception ex) when (ex is ArithmeticException or ArgumentException or InvalidOperationException or FormatException)
        {
            // e.g. a SUM beyond decimal's range: the decision fails with the reason, the host does not.
            return Failed(decisionId, $"decision '{decisionId}' could not be evaluated: {ex.Message}", run);
        }
    }

    private static DecisionOutcome Failed(string decisionId, string error, Run run) =>
        new() { DecisionId = decisionId, Error = error, Value = FeelJson.ToJson(null), Trace = run.Trace };

    private sealed class Run(DmnDocument document, IReadOnlyDictionary<string, JsonElement> variables)
    {
        private readonly Dictionary<string, DecisionResult> _done = new(StringComparer.Ordinal);
        private readonly List<string> _path = [];

        public List<DecisionTrace> Trace { get; } = [];

        public DecisionResult Evaluate(DmnDecision decision)
        {
            if (_done.TryGetValue(decision.Id, out var known))
            {
                return known;
            }

            if (_path.Contains(decision.Id))
            {
                throw new DecisionFailure($"decisions require each other in a cycle: {string.Join(" → ", _path.Append(decision.Id))}");
            }

            if (_path.Count >= MaxRequirementDepth)
            {
                throw new DecisionFailure($"decision '{decision.Id}' is more than {MaxRequirementDepth} requirements deep");
            }

            _path.Add(decision.Id);
            var scope = new FeelScope(variables);
            foreach (var requirement in decision.RequiredInputs)
            {
                BindInputData(decision, requirement, scope);
            }

            foreach (var requirement in decision.RequiredDecisions)
            {
                var required = document.Decision(requirement.DecisionId)
                    ?? throw new DecisionFailure($"decision '{decision.Id}' requires decision '{requirement.DecisionId}', which is not in the DMN file");
                var result = Evaluate(required);
                if (result.Single && result.Entries is [var only])
                {
                    foreach (var (name, value) in only.Outputs)
                    {
                        scope.Bind(name, value); // Camunda's style: a required decision's outputs by their names
                    }
                }

                scope.Bind(required.VariableName, result.Value);
            }

            var outcome = decision switch
            {
                { Table: { } table } => DecisionTableEvaluator.Evaluate(document, decision, table, scope),
                { Literal: { } literal } => Literal(decision, literal, scope),
                _ => throw new DecisionFailure($"decision '{decision.Id}' uses {decision.UnsupportedLogic}, which ServiceFlow does not evaluate; use a decision table or a literal expression"),
            };
            Trace.Add(new DecisionTrace(decision.Id, decision.Name, outcome.Logic, outcome.Inputs, outcome.Hits, FeelJson.ToJson(outcome.Value), outcome.UsedDefaults));
            _path.RemoveAt(_path.Count - 1);
            _done[decision.Id] = outcome;
            return outcome;
        }

        /// <summary>A typed inputData converts the variable of its name, as an input clause's typeRef does.</summary>
        private void BindInputData(DmnDecision decision, DecisionRequirement requirement, FeelScope scope)
        {
            if (document.InputData.GetValueOrDefault(requirement.DecisionId) is not { TypeRef: { } typeRef } input
                || !variables.TryGetValue(input.Name, out var json))
            {
                return;
            }

            if (FeelTypes.TryConvert(FeelJson.ToFeel(json), DecisionTableEvaluator.Canonical(document, typeRef), out var typed) is { } error)
            {
                throw new DecisionFailure($"input data '{input.Name}' ({input.Id}) of decision '{decision.Id}': {error}");
            }

            scope.Bind(input.Name, typed);
        }

        private DecisionResult Literal(DmnDecision decision, FeelCell literal, FeelScope scope)
        {
            var value = DecisionTableEvaluator.RequireExpression(literal, $"literal expression of decision '{decision.Id}'").Evaluate(scope);
            if (FeelTypes.TryConvert(value, DecisionTableEvaluator.Canonical(document, decision.TypeRef), out var typed) is { } error)
            {
                throw new DecisionFailure($"decision '{decision.Id}' ({literal.Id}, line {literal.Line}): the result {error}");
            }

            var entry = new ResultEntry(null, new Dictionary<string, object?>(StringComparer.Ordinal) { [decision.VariableName] = typed });
            return new DecisionResult("literal expression", typed, [entry], [], [decision.VariableName], Single: true, UsedDefaults: false, Inputs: []);
        }
    }
}

/// <summary>One rule's outputs (or the defaults, or an aggregate when <see cref="Rule"/> is null).</summary>
internal sealed record ResultEntry(DecisionRule? Rule, IReadOnlyDictionary<string, object?> Outputs);

/// <summary>A decision's result inside one evaluation, in FEEL values.</summary>
internal sealed record DecisionResult(
    string Logic, object? Value, IReadOnlyList<ResultEntry> Entries, IReadOnlyList<RuleHit> Hits, IReadOnlyList<string> OutputNames, bool Single, bool UsedDefaults,
    IReadOnlyList<InputValue> Inputs);

/// <summary>Stops an evaluation with a message for the incident.</summary>
internal sealed class DecisionFailure(string message) : Exception(message);
