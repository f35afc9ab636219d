using System.Collections.Immutable;

namespace ServiceFlow.Engine.Model;

/// <summary>A sequence flow between two flow nodes of the same scope.</summary>
/// <param name="Id">Element id.</param>
/// <param name="SourceRef">Id of the source node.</param>
/// <param name="TargetRef">Id of the target node.</param>
/// <param name="Condition">The condition expression text, or null for an unconditional flow.</param>
/// <param name="Name">Display name.</param>
/// <param name="ScopeId">Id of the enclosing sub-process, or null at process level.</param>
/// <param name="Line">Source line in the BPMN file.</param>
/// <param name="Order">Position in document order; conditions are evaluated in this order.</param>
public sealed record SequenceFlow(string Id, string SourceRef, string TargetRef, string? Condition, string? Name, string? ScopeId, int Line, int Order = 0);

/// <summary>A message declared at definitions level.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Name">Message name used for correlation.</param>
/// <param name="Line">Source line.</param>
public sealed record BpmnMessage(string Id, string? Name, int Line)
{
    /// <summary>ServiceFlow extension attributes of the message element by local name, e.g. candidateSenderGroups.</summary>
    public ImmutableDictionary<string, string> Extensions { get; init; } = Empty.Strings;
}

/// <summary>An error declared at definitions level.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Name">Display name.</param>
/// <param name="ErrorCode">The code error boundaries match on.</param>
/// <param name="Line">Source line.</param>
public sealed record BpmnError(string Id, string? Name, string? ErrorCode, int Line);

/// <summary>A signal declared at definitions level (parsed, not executable).</summary>
/// <param name="Id">Element id.</param>
/// <param name="Name">Signal name.</param>
/// <param name="Line">Source line.</param>
public sealed record BpmnSignal(string Id, string? Name, int Line);

/// <summary>A timer event definition.</summary>
/// <param name="Kind">Duration, date or cycle.</param>
/// <param name="Expression">The ISO-8601 text as written.</param>
public sealed record TimerDefinition(TimerKind Kind, string Expression);

/// <summary>A variable mapping into or out of a call activity (sf:in/sf:out or camunda:in/camunda:out).</summary>
/// <param name="Source">Source variable name, or an expression when <paramref name="IsExpression"/>.</param>
/// <param name="Target">Target variable name.</param>
/// <param name="IsExpression">True for sourceExpression mappings.</param>
public sealed record VariableMapping(string Source, string Target, bool IsExpression);

/// <summary>An input of a service/send task (sf:input or camunda:inputParameter).</summary>
/// <param name="Name">Property name passed to the job.</param>
/// <param name="Value">Literal value, or an expression when <paramref name="IsExpression"/>.</param>
/// <param name="IsExpression">True when the value is evaluated against the instance variables.</param>
public sealed record TaskInput(string Name, string Value, bool IsExpression);

/// <summary>An SLA clock action from sf:clock, e.g. start:resolution.</summary>
/// <param name="Action">start, pause, resume or stop (as written, lower-cased).</param>
/// <param name="Clock">The clock name, e.g. resolution.</param>
public sealed record ClockActionSpec(string Action, string Clock);

/// <summary>An opaque vendor extension element kept as written.</summary>
/// <param name="Namespace">XML namespace URI.</param>
/// <param name="Name">Local name.</param>
/// <param name="Xml">The element's XML.</param>
public sealed record ExtensionElement(string Namespace, string Name, string Xml);

/// <summary>A duplicate element id found while parsing.</summary>
/// <param name="Id">The repeated id.</param>
/// <param name="Line">Line of the second occurrence.</param>
public sealed record DuplicateId(string Id, int Line);

/// <summary>Shared empty collections for model defaults.</summary>
internal static class Empty
{
    public static readonly ImmutableDictionary<string, string> Strings = ImmutableDictionary<string, string>.Empty;
}
