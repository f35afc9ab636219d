using System.Collections.Immutable;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Decisions;

/// <summary>A parsed DMN file: its decisions, item definitions, and ids declared twice (reported by the validator).</summary>
/// <param name="Id">The definitions element's id.</param>
/// <param name="Name">The definitions element's name.</param>
/// <param name="Decisions">Every decision, in document order.</param>
/// <param name="ItemDefinitions">Item definition name → its base typeRef, or null for structured and collection types.</param>
/// <param name="InputData">The inputData elements by id: the typed variables decisions read.</param>
/// <param name="DuplicateIds">Ids declared more than once.</param>
public sealed record DmnDocument(
    string Id,
    string? Name,
    ImmutableArray<DmnDecision> Decisions,
    ImmutableDictionary<string, string?> ItemDefinitions,
    ImmutableDictionary<string, DmnInputData> InputData,
    ImmutableArray<DuplicateId> DuplicateIds)
{
    /// <summary>The decision with this id, or null.</summary>
    /// <param name="decisionId">The decision element's id.</param>
    /// <returns>The decision, or null.</returns>
    public DmnDecision? Decision(string decisionId) => Decisions.FirstOrDefault(d => d.Id == decisionId);
}

/// <summary>One decision: a decision table or a literal expression, possibly requiring other decisions.</summary>
public sealed record DmnDecision
{
    /// <summary>Element id (what <c>decisionRef</c> names).</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public string? Name { get; init; }
    /// <summary>Source line.</summary>
    public int Line { get; init; }
    /// <summary>The name other decisions use for this decision's result (the variable's name, else the decision's name or id).</summary>
    public required string VariableName { get; init; }
    /// <summary>The variable's typeRef, if any.</summary>
    public string? TypeRef { get; init; }
    /// <summary>Decisions whose results this one reads (requiredDecision).</summary>
    public ImmutableArray<DecisionRequirement> RequiredDecisions { get; init; } = [];
    /// <summary>Input data this decision reads (requiredInput); their typeRefs convert the variables of the same name.</summary>
    public ImmutableArray<DecisionRequirement> RequiredInputs { get; init; } = [];
    /// <summary>The decision table, when the logic is one.</summary>
    public DecisionTable? Table { get; init; }
    /// <summary>The FEEL expression, when the logic is a literal expression.</summary>
    public FeelCell? Literal { get; init; }
    /// <summary>The element name of logic ServiceFlow does not evaluate (context, invocation, ...), else null.</summary>
    public string? UnsupportedLogic { get; init; }
}

/// <summary>An inputData element: a named, typed input of the decision model (a variable of the instance).</summary>
/// <param name="Id">Element id.</param>
/// <param name="Name">The variable name.</param>
/// <param name="TypeRef">The variable's typeRef, or null.</param>
/// <param name="Line">Source line.</param>
public sealed record DmnInputData(string Id, string Name, string? TypeRef, int Line);

/// <summary>An informationRequirement naming another decision (requiredDecision) or an input data (requiredInput).</summary>
/// <param name="DecisionId">The required element's id (the href without '#').</param>
/// <param name="Line">Source line.</param>
public sealed record DecisionRequirement(string DecisionId, int Line);

/// <summary>The hit policies of DMN 1.3.</summary>
public enum HitPolicy
{
    /// <summary>At most one rule may match; two matches are an evaluation error.</summary>
    Unique,
    /// <summary>The first matching rule in rule order.</summary>
    First,
    /// <summary>The matching rule whose outputs come first in the outputs' outputValues.</summary>
    Priority,
    /// <summary>Several rules may match if their outputs are equal.</summary>
    Any,
    /// <summary>Every matching rule, optionally aggregated.</summary>
    Collect,
    /// <summary>Every matching rule, in rule order.</summary>
    RuleOrder,
    /// <summary>Every matching rule, sorted by the outputs' outputValues.</summary>
    OutputOrder,
}

/// <summary>Aggregations of the COLLECT hit policy.</summary>
public enum CollectAggregation
{
    /// <summary>C+.</summary>
    Sum,
    /// <summary>C&lt;.</summary>
    Min,
    /// <summary>C&gt;.</summary>
    Max,
    /// <summary>C#.</summary>
    Count,
}

/// <summary>A decision table.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Line">Source line.</param>
/// <param name="HitPolicyText">The hitPolicy attribute as written (UNIQUE when absent).</param>
/// <param name="HitPolicy">The hit policy, or null when <paramref name="HitPolicyText"/> names none.</param>
/// <param name="AggregationText">The aggregation attribute as written, or null.</param>
/// <param name="Aggregation">The aggregation, or null when absent or unknown.</param>
/// <param name="Inputs">Input clauses (columns).</param>
/// <param name="Outputs">Output clauses (columns).</param>
/// <param name="Rules">Rules (rows), in order.</param>
public sealed record DecisionTable(
    string Id,
    int Line,
    string HitPolicyText,
    HitPolicy? HitPolicy,
    string? AggregationText,
    CollectAggregation? Aggregation,
    ImmutableArray<DecisionInput> Inputs,
    ImmutableArray<DecisionOutput> Outputs,
    ImmutableArray<DecisionRule> Rules);

/// <summary>An input clause.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Label">Column label.</param>
/// <param name="Line">Source line.</param>
/// <param name="Expression">The inputExpression (a FEEL expression over the variables, e.g. <c>ticket.impact</c>).</param>
/// <param name="TypeRef">The inputExpression's typeRef, or null.</param>
/// <param name="InputValues">Allowed values (unary tests), or null.</param>
public sealed record DecisionInput(string Id, string? Label, int Line, FeelCell Expression, string? TypeRef, FeelCell? InputValues);

/// <summary>An output clause.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Name">Output name (the result's key), or null.</param>
/// <param name="Label">Column label.</param>
/// <param name="Line">Source line.</param>
/// <param name="TypeRef">typeRef, or null.</param>
/// <param name="OutputValues">Allowed values in priority order (unary tests), or null.</param>
/// <param name="DefaultOutput">defaultOutputEntry, used when no rule matches, or null.</param>
public sealed record DecisionOutput(string Id, string? Name, string? Label, int Line, string? TypeRef, FeelCell? OutputValues, FeelCell? DefaultOutput);

/// <summary>A rule (row).</summary>
/// <param name="Id">Element id.</param>
/// <param name="Index">1-based position in the table.</param>
/// <param name="Line">Source line.</param>
/// <param name="InputEntries">One unary-test cell per input.</param>
/// <param name="OutputEntries">One expression cell per output.</param>
/// <param name="Description">The rule's description/annotation.</param>
public sealed record DecisionRule(string Id, int Index, int Line, ImmutableArray<FeelCell> InputEntries, ImmutableArray<FeelCell> OutputEntries, string? Description);
