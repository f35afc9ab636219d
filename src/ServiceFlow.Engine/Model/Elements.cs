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

/// <summary>A signal declared at definitions level; its name is what throws and catches match on.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Name">Signal name.</param>
/// <param name="Line">Source line.</param>
public sealed record BpmnSignal(string Id, string? Name, int Line);

/// <summary>An escalation declared at definitions level.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Name">Display name.</param>
/// <param name="EscalationCode">The code escalation boundaries and event sub-processes match on.</param>
/// <param name="Line">Source line.</param>
public sealed record BpmnEscalation(string Id, string? Name, string? EscalationCode, int Line);

/// <summary>
/// Multi-instance (<c>multiInstanceLoopCharacteristics</c>) or standard loop (<c>standardLoopCharacteristics</c>)
/// of an activity. Expressions are JavaScript (a <c>${…}</c> wrapper is stripped), like everywhere else.
/// </summary>
/// <param name="IsMultiInstance">True for multi-instance, false for a standard loop.</param>
/// <param name="IsSequential">Multi-instance one after another (a standard loop always is).</param>
public sealed record LoopCharacteristics(bool IsMultiInstance, bool IsSequential)
{
    /// <summary>loopCardinality: how many instances (an expression giving a number).</summary>
    public string? LoopCardinality { get; init; }
    /// <summary>sf:collection / camunda:collection / loopDataInputRef: an expression giving an array, one instance per item.</summary>
    public string? Collection { get; init; }
    /// <summary>sf:elementVariable / camunda:elementVariable / inputDataItem: the instance's local variable holding its item.</summary>
    public string? ElementVariable { get; init; }
    /// <summary>completionCondition: evaluated after each instance; true ends the whole activity.</summary>
    public string? CompletionCondition { get; init; }
    /// <summary>sf:outputCollection: the variable that receives one output per instance, in instance order.</summary>
    public string? OutputCollection { get; init; }
    /// <summary>sf:outputElement: the expression evaluated in each instance for its entry in <see cref="OutputCollection"/>.</summary>
    public string? OutputElement { get; init; }
    /// <summary>Standard loop: loopCondition, evaluated after (or, with <see cref="TestBefore"/>, before) each pass.</summary>
    public string? LoopCondition { get; init; }
    /// <summary>Standard loop: test the condition before the first pass.</summary>
    public bool TestBefore { get; init; }
    /// <summary>Standard loop: at most this many passes.</summary>
    public int? LoopMaximum { get; init; }
}

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
