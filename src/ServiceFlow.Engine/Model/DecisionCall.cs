namespace ServiceFlow.Engine.Model;

/// <summary>How a business rule task stores a decision's result (Camunda's mapDecisionResult, plus DMN's own shape).</summary>
public enum DecisionResultMapping
{
    /// <summary>
    /// The decision's DMN result: one value (one output) or an object (several) for single-hit tables, a list or the
    /// aggregate for multi-hit tables. The default for sf: and zeebe: tasks.
    /// </summary>
    Dmn,
    /// <summary>The one output value of the one matched rule.</summary>
    SingleEntry,
    /// <summary>The outputs of the one matched rule, as an object.</summary>
    SingleResult,
    /// <summary>The one output's values of every matched rule, as a list.</summary>
    CollectEntries,
    /// <summary>Every matched rule's outputs, as a list of objects. The default for camunda: tasks, as in Camunda 7.</summary>
    ResultList,
}

/// <summary>The decision a business rule task evaluates and where its result goes.</summary>
/// <param name="DecisionRef">The decision id (sf:decisionRef, camunda:decisionRef, zeebe:calledDecision decisionId); may be a ${...} expression.</param>
/// <param name="ResultVariable">The variable that receives the result.</param>
/// <param name="Mapping">How the result is shaped; null when <paramref name="MappingText"/> names no known mapping.</param>
/// <param name="MappingText">The mapDecisionResult attribute as written, or null.</param>
public sealed record DecisionCall(string DecisionRef, string? ResultVariable, DecisionResultMapping? Mapping, string? MappingText);
