using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace ServiceFlow.Engine.Model;

/// <summary>A parsed BPMN file: its processes and the definitions-level messages, errors and signals.</summary>
/// <param name="Processes">Every process element, in document order.</param>
/// <param name="Messages">Messages by id.</param>
/// <param name="Errors">Errors by id.</param>
/// <param name="Signals">Signals by id.</param>
/// <param name="DuplicateIds">Ids declared more than once (reported by the validator).</param>
public sealed record BpmnDocument(
    ImmutableArray<ProcessDefinition> Processes,
    ImmutableDictionary<string, BpmnMessage> Messages,
    ImmutableDictionary<string, BpmnError> Errors,
    ImmutableDictionary<string, BpmnSignal> Signals,
    ImmutableArray<DuplicateId> DuplicateIds)
{
    /// <summary>The process with the given id, or null.</summary>
    /// <param name="processId">The process element's id.</param>
    /// <returns>The process, or null.</returns>
    public ProcessDefinition? Process(string processId) => Processes.FirstOrDefault(p => p.Id == processId);
}

/// <summary>One executable (or not) process: nodes and flows, flat across embedded sub-processes.</summary>
/// <param name="Id">Process id (what call activities name in calledElement).</param>
/// <param name="Name">Display name.</param>
/// <param name="IsExecutable">The isExecutable attribute.</param>
/// <param name="Line">Source line.</param>
/// <param name="Nodes">All flow nodes by id, including those inside sub-processes.</param>
/// <param name="Flows">All sequence flows by id.</param>
/// <param name="Messages">Definitions-level messages by id.</param>
/// <param name="Errors">Definitions-level errors by id.</param>
/// <param name="Signals">Definitions-level signals by id.</param>
public sealed record ProcessDefinition(
    string Id,
    string? Name,
    bool IsExecutable,
    int Line,
    ImmutableDictionary<string, FlowNode> Nodes,
    ImmutableDictionary<string, SequenceFlow> Flows,
    ImmutableDictionary<string, BpmnMessage> Messages,
    ImmutableDictionary<string, BpmnError> Errors,
    ImmutableDictionary<string, BpmnSignal> Signals)
{
    // Lookups are cached per instance outside the record so `with` copies never see a stale index.
    private static readonly ConditionalWeakTable<ProcessDefinition, DefinitionIndex> Indexes = new();

    private DefinitionIndex Index => Indexes.GetValue(this, d => new DefinitionIndex(d));

    /// <summary>ServiceFlow extension attributes of the process element by local name (sf:, with camunda: equivalents
    /// folded in), e.g. candidateStarterGroups: the host decides from them who may start the process.</summary>
    public ImmutableDictionary<string, string> Extensions { get; init; } = Empty.Strings;

    /// <summary>Reads an sf: extension attribute of the process element (or its camunda: equivalent).</summary>
    /// <param name="name">Local name, e.g. candidateStarterGroups.</param>
    /// <returns>The value, or null.</returns>
    public string? Ext(string name) => Extensions.TryGetValue(name, out var v) ? v : null;

    /// <summary>The message declared with the given name (messages are correlated by name), or null.</summary>
    /// <param name="name">The message name.</param>
    /// <returns>The message, or null.</returns>
    public BpmnMessage? MessageNamed(string name) =>
        Messages.Values.OrderBy(m => m.Line).FirstOrDefault(m => (string.IsNullOrEmpty(m.Name) ? m.Id : m.Name) == name);

    /// <summary>Outgoing sequence flows of a node, in document order.</summary>
    /// <param name="nodeId">Node id.</param>
    /// <returns>The flows.</returns>
    public IEnumerable<SequenceFlow> Outgoing(string nodeId) =>
        Index.Outgoing[nodeId];

    /// <summary>Incoming sequence flows of a node.</summary>
    /// <param name="nodeId">Node id.</param>
    /// <returns>The flows.</returns>
    public IEnumerable<SequenceFlow> Incoming(string nodeId) =>
        Index.Incoming[nodeId];

    /// <summary>Boundary events attached to an activity.</summary>
    /// <param name="activityId">The activity id.</param>
    /// <returns>The boundary events.</returns>
    public IEnumerable<FlowNode> BoundaryEvents(string activityId) =>
        Index.Boundaries[activityId];

    /// <summary>Direct children of a scope (null = process level).</summary>
    /// <param name="scopeId">Sub-process id, or null for the process itself.</param>
    /// <returns>The nodes in document order.</returns>
    public IEnumerable<FlowNode> NodesInScope(string? scopeId) =>
        Index.Children[scopeId ?? ""];

    /// <summary>The message name of a messageRef (falls back to the ref itself).</summary>
    /// <param name="messageRef">The message id.</param>
    /// <returns>The name used for correlation.</returns>
    public string MessageName(string messageRef) =>
        Messages.TryGetValue(messageRef, out var m) && !string.IsNullOrEmpty(m.Name) ? m.Name : messageRef;

    /// <summary>Message start events, for the host to start instances by message name.</summary>
    public IEnumerable<FlowNode> MessageStartEvents =>
        NodesInScope(null).Where(n => n.Kind == NodeKind.StartEvent && n.EventKind == EventKind.Message);

    /// <summary>Timer start events, for the host to schedule instance starts.</summary>
    public IEnumerable<FlowNode> TimerStartEvents =>
        NodesInScope(null).Where(n => n.Kind == NodeKind.StartEvent && n.EventKind == EventKind.Timer);

    /// <summary>Signal start events, for the host to start instances when a signal of their name is broadcast.</summary>
    public IEnumerable<FlowNode> SignalStartEvents =>
        NodesInScope(null).Where(n => n.Kind == NodeKind.StartEvent && n.EventKind == EventKind.Signal);

    /// <summary>Definitions-level escalations by id.</summary>
    public ImmutableDictionary<string, BpmnEscalation> Escalations { get; init; } = ImmutableDictionary<string, BpmnEscalation>.Empty;

    /// <summary>The signal name of a signalRef (falls back to the ref itself).</summary>
    /// <param name="signalRef">The signal id.</param>
    /// <returns>The name throws and catches match on.</returns>
    public string SignalName(string signalRef) =>
        Signals.TryGetValue(signalRef, out var s) && !string.IsNullOrEmpty(s.Name) ? s.Name : signalRef;
}

internal sealed class DefinitionIndex(ProcessDefinition d)
{
    private readonly IOrderedEnumerable<SequenceFlow> _flows = d.Flows.Values.OrderBy(f => f.Order).ThenBy(f => f.Line);
    private readonly IOrderedEnumerable<FlowNode> _nodes = d.Nodes.Values.OrderBy(n => n.Order).ThenBy(n => n.Line);

    public ILookup<string, SequenceFlow> Outgoing => field ??= _flows.ToLookup(f => f.SourceRef);
    public ILookup<string, SequenceFlow> Incoming => field ??= _flows.ToLookup(f => f.TargetRef);
    public ILookup<string, FlowNode> Boundaries => field ??=
        _nodes.Where(n => n.Kind == NodeKind.BoundaryEvent && n.AttachedToRef is not null).ToLookup(n => n.AttachedToRef!);
    public ILookup<string, FlowNode> Children => field ??= _nodes.ToLookup(n => n.ScopeId ?? "");
}
