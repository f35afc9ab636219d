using System.Text.Json;

namespace ServiceFlow.Engine.Decisions;

/// <summary>The result of <see cref="DecisionEvaluator.Evaluate"/>: a value, or an error a person can act on.</summary>
public sealed record DecisionOutcome
{
    /// <summary>The decision that was asked for.</summary>
    public required string DecisionId { get; init; }
    /// <summary>Why evaluation failed (UNIQUE violated, an input of the wrong type, ...), or null.</summary>
    public string? Error { get; init; }
    /// <summary>True when <see cref="Error"/> is null.</summary>
    public bool Succeeded => Error is null;
    /// <summary>
    /// The DMN result: for single-hit tables the output value (one output) or an object (several), null when no rule
    /// matched; for multi-hit tables a list of those, or the aggregate; for literal decisions the expression's value.
    /// </summary>
    public JsonElement Value { get; init; }
    /// <summary>One object per rule that produced the result, keyed by output name (an aggregate is one object).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> RuleResults { get; init; } = [];
    /// <summary>The decision's output names, in column order.</summary>
    public IReadOnlyList<string> OutputNames { get; init; } = [];
    /// <summary>True when the decision is a single-hit table or a literal expression (it has at most one result).</summary>
    public bool SingleResult { get; init; }
    /// <summary>Every decision evaluated, required decisions first, the asked-for decision last (when it got that far).</summary>
    public IReadOnlyList<DecisionTrace> Trace { get; init; } = [];
}

/// <summary>What one decision did, for the journal.</summary>
/// <param name="DecisionId">Decision id.</param>
/// <param name="Name">Decision name.</param>
/// <param name="Logic">The hit policy (e.g. <c>UNIQUE</c>, <c>COLLECT SUM</c>) or <c>literal expression</c>.</param>
/// <param name="Inputs">The table's input values after type conversion, by input label, in column order.</param>
/// <param name="Hits">The rules whose outputs make up the result, in result order.</param>
/// <param name="Value">The decision's result.</param>
/// <param name="UsedDefaults">True when no rule matched and the outputs' defaultOutputEntry values were used.</param>
public sealed record DecisionTrace(string DecisionId, string? Name, string Logic, IReadOnlyList<InputValue> Inputs, IReadOnlyList<RuleHit> Hits, JsonElement Value, bool UsedDefaults);

/// <summary>A rule that contributed to a result.</summary>
/// <param name="RuleId">The rule element's id.</param>
/// <param name="Index">1-based row number.</param>
public sealed record RuleHit(string RuleId, int Index);

/// <summary>One input of a decision table as the rules saw it.</summary>
/// <param name="Input">The input's label (or expression).</param>
/// <param name="Value">Its value.</param>
public sealed record InputValue(string Input, JsonElement Value);
