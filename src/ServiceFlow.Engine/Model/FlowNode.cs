using System.Collections.Immutable;

namespace ServiceFlow.Engine.Model;

/// <summary>
/// One flow node (event, activity or gateway) of a process. A single record for every kind keeps the
/// interpreter a plain switch over <see cref="Kind"/>; properties that do not apply to a kind stay null/empty.
/// </summary>
public sealed record FlowNode
{
    /// <summary>Element id.</summary>
    public required string Id { get; init; }
    /// <summary>The engine's classification of the element.</summary>
    public required NodeKind Kind { get; init; }
    /// <summary>The BPMN local element name as written (e.g. complexGateway).</summary>
    public required string ElementType { get; init; }
    /// <summary>Display name.</summary>
    public string? Name { get; init; }
    /// <summary>Source line in the BPMN file.</summary>
    public int Line { get; init; }
    /// <summary>Position in document order (ties on one line are common in generated files).</summary>
    public int Order { get; init; }
    /// <summary>Id of the enclosing sub-process, or null at process level.</summary>
    public string? ScopeId { get; init; }
    /// <summary>Event definitions in document order (empty for none events and non-events).</summary>
    public ImmutableArray<EventKind> EventDefinitions { get; init; } = [];
    /// <summary>The first event definition, or <see cref="EventKind.None"/>.</summary>
    public EventKind EventKind => EventDefinitions.IsDefaultOrEmpty ? EventKind.None : EventDefinitions[0];
    /// <summary>For boundary events: the activity they are attached to.</summary>
    public string? AttachedToRef { get; init; }
    /// <summary>For boundary events: whether they interrupt the activity (default true).</summary>
    public bool CancelActivity { get; init; } = true;
    /// <summary>messageRef of a message event definition.</summary>
    public string? MessageRef { get; init; }
    /// <summary>errorRef of an error event definition.</summary>
    public string? ErrorRef { get; init; }
    /// <summary>Timer definition of a timer event, if any.</summary>
    public TimerDefinition? Timer { get; init; }
    /// <summary>Id of the default outgoing flow (gateways and activities).</summary>
    public string? DefaultFlow { get; init; }
    /// <summary>calledElement of a call activity.</summary>
    public string? CalledElement { get; init; }
    /// <summary>Script body of a script task.</summary>
    public string? Script { get; init; }
    /// <summary>scriptFormat of a script task.</summary>
    public string? ScriptFormat { get; init; }
    /// <summary>The documentation text, if any.</summary>
    public string? Documentation { get; init; }
    /// <summary>Multi-instance or standard-loop characteristics, or null.</summary>
    public LoopCharacteristics? Loop { get; init; }
    /// <summary>True when the element has loop or multi-instance characteristics.</summary>
    public bool HasLoopCharacteristics => Loop is not null;
    /// <summary>True for event sub-processes (triggeredByEvent="true").</summary>
    public bool TriggeredByEvent { get; init; }
    /// <summary>For start events of event sub-processes: whether starting it cancels the rest of its scope (default true).</summary>
    public bool IsInterrupting { get; init; } = true;
    /// <summary>signalRef of a signal event definition.</summary>
    public string? SignalRef { get; init; }
    /// <summary>escalationRef of an escalation event definition.</summary>
    public string? EscalationRef { get; init; }
    /// <summary>The condition of a conditional event definition.</summary>
    public string? EventCondition { get; init; }
    /// <summary>The name of a link event definition (a throw jumps to the catch of the same name in its scope).</summary>
    public string? LinkName { get; init; }
    /// <summary>activityRef of a compensate event definition: compensate only that activity (null: every one of the scope).</summary>
    public string? CompensateActivityRef { get; init; }
    /// <summary>isForCompensation="true": a compensation handler, run only by a compensation throw.</summary>
    public bool IsForCompensation { get; init; }
    /// <summary>For compensation boundary events: the handler an association connects them to.</summary>
    public string? CompensationHandler { get; init; }
    /// <summary>ServiceFlow extension attributes by local name (sf:, with camunda: equivalents folded in).</summary>
    public ImmutableDictionary<string, string> Extensions { get; init; } = Empty.Strings;
    /// <summary>All other vendor attributes, keyed "prefix:localName".</summary>
    public ImmutableDictionary<string, string> VendorAttributes { get; init; } = Empty.Strings;
    /// <summary>Children of extensionElements, kept opaque.</summary>
    public ImmutableArray<ExtensionElement> ExtensionElements { get; init; } = [];
    /// <summary>Call activity input mappings; empty means "pass all variables".</summary>
    public ImmutableArray<VariableMapping> InMappings { get; init; } = [];
    /// <summary>Call activity output mappings; empty means "pass all variables".</summary>
    public ImmutableArray<VariableMapping> OutMappings { get; init; } = [];
    /// <summary>Service/send task inputs.</summary>
    public ImmutableArray<TaskInput> Inputs { get; init; } = [];
    /// <summary>SLA clock actions from sf:clock, emitted when the node is entered.</summary>
    public ImmutableArray<ClockActionSpec> ClockActions { get; init; } = [];
    /// <summary>For business rule tasks: the decision to evaluate and where its result goes.</summary>
    public DecisionCall? DecisionCall { get; init; }

    /// <summary>References the parser could not resolve (e.g. <c>eventDefinitionRef 'x'</c>); the validator reports them.</summary>
    public ImmutableArray<string> MissingReferences { get; init; } = [];

    /// <summary>
    /// Vendor behaviour ServiceFlow cannot run, as written (<c>camunda:class="com.acme.Check"</c>,
    /// <c>camunda:taskListener event="create"</c>); the validator reports each by name.
    /// </summary>
    public ImmutableArray<string> UnsupportedExtensions { get; init; } = [];

    /// <summary>Reads an sf: extension attribute (or its camunda: equivalent).</summary>
    /// <param name="name">Local name, e.g. candidateGroups.</param>
    /// <returns>The value, or null.</returns>
    public string? Ext(string name) => Extensions.TryGetValue(name, out var v) ? v : null;
}
