using System.Collections.Immutable;
using System.Text.Json;

namespace ServiceFlow.Engine.Execution;

/// <summary>Lifecycle of an instance.</summary>
public enum InstanceStatus
{
    /// <summary>Created, waiting for <see cref="StartInstance"/>.</summary>
    NotStarted,
    /// <summary>Has tokens.</summary>
    Running,
    /// <summary>Ended normally.</summary>
    Completed,
    /// <summary>Ended by a terminate end event.</summary>
    Terminated,
    /// <summary>Ended by an uncaught BPMN error.</summary>
    Failed,
    /// <summary>Ended by <see cref="CancelInstance"/>.</summary>
    Cancelled,
}

/// <summary>What a token is doing at its node.</summary>
public enum TokenState
{
    /// <summary>About to run (only between steps after a loop-limit stop).</summary>
    Ready,
    /// <summary>Waiting for a command (task, timer, message, job, continuation, child).</summary>
    Waiting,
    /// <summary>Waiting at a joining gateway for other tokens.</summary>
    Joining,
    /// <summary>Owns an embedded sub-process scope that still has tokens.</summary>
    InScope,
    /// <summary>Stopped by an incident.</summary>
    Incident,
}

/// <summary>What a wait item waits for.</summary>
public enum WaitKind
{
    /// <summary>A user task.</summary>
    UserTask,
    /// <summary>A timer.</summary>
    Timer,
    /// <summary>A message subscription.</summary>
    Message,
    /// <summary>A host job (service/send task).</summary>
    Job,
    /// <summary>An async continuation.</summary>
    Continuation,
    /// <summary>A child instance (call activity).</summary>
    Child,
    /// <summary>A signal subscription (<see cref="WaitItem.MessageName"/> holds the signal name).</summary>
    Signal,
    /// <summary>A conditional event; the engine evaluates it whenever variables change (no host effect).</summary>
    Conditional,
    /// <summary>A compensation throw waiting for its handlers (no host effect).</summary>
    Compensation,
}

/// <summary>What a scope instance is.</summary>
public enum ScopeKind
{
    /// <summary>An embedded sub-process.</summary>
    SubProcess,
    /// <summary>The body of a multi-instance or standard-loop activity; holds nrOfInstances and its counters.</summary>
    MultiInstance,
    /// <summary>One instance (pass) of a loop; holds loopCounter and the element variable.</summary>
    LoopItem,
    /// <summary>A running event sub-process.</summary>
    EventSubProcess,
}

/// <summary>A token: one thread of control at one node.</summary>
/// <param name="Id">Deterministic id.</param>
/// <param name="NodeId">The node it is at.</param>
/// <param name="ScopeId">The sub-process scope instance it runs in, or null at process level.</param>
/// <param name="State">What it is doing.</param>
/// <param name="ArrivedVia">The sequence flow it arrived by (joins count these).</param>
/// <param name="AsyncDone">True once the async continuation of the current node ran.</param>
public sealed record Token(string Id, string NodeId, string? ScopeId, TokenState State, string? ArrivedVia = null, bool AsyncDone = false)
{
    /// <summary>The event of the catch node already happened (an event-based gateway's race was won); activating it just leaves.</summary>
    public bool Caught { get; init; }
    /// <summary>A child's final variables not yet mapped into the instance (kept until the output mapping succeeds, for a retry).</summary>
    public ImmutableDictionary<string, JsonElement>? Output { get; init; }
    /// <summary>For a compensation handler's token: the compensation wait it reports to when it ends.</summary>
    public string? CompensationFor { get; init; }
}

/// <summary>A running embedded sub-process, loop body or pass, or event sub-process.</summary>
/// <param name="Id">Scope instance id.</param>
/// <param name="ActivityId">The subProcess (or looping activity, or event sub-process) element id.</param>
/// <param name="OwnerTokenId">The token at that element in the parent scope.</param>
/// <param name="ParentScopeId">The enclosing scope instance, or null.</param>
public sealed record ScopeInstance(string Id, string ActivityId, string OwnerTokenId, string? ParentScopeId)
{
    /// <summary>What the scope is (sub-process when absent, as in states stored before loops existed).</summary>
    public ScopeKind Kind { get; init; }
    /// <summary>Local variables: they hide the instance's variables of the same name inside the scope.</summary>
    public ImmutableDictionary<string, JsonElement> Variables { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;
    /// <summary>A sequential multi-instance body's collection, read once when it started.</summary>
    public ImmutableArray<JsonElement>? Items { get; init; }
}

/// <summary>A completed activity that a compensation throw in its scope can still undo.</summary>
/// <param name="ActivityId">The completed activity.</param>
/// <param name="HandlerId">Its compensation handler.</param>
/// <param name="ScopeId">The scope instance it completed in (moved to the parent when a sub-process completes), or null.</param>
public sealed record CompensationRecord(string ActivityId, string HandlerId, string? ScopeId);

/// <summary>A bookmark: something a token waits for. Its id is the task/timer/subscription/job/continuation/call id.</summary>
/// <param name="Id">The id the host answers with.</param>
/// <param name="Kind">What it waits for.</param>
/// <param name="TokenId">The waiting token (for boundary events: the token of the attached activity; for an event
/// sub-process's start: the owner token of its scope, or empty at process level).</param>
/// <param name="ActivityId">The element that is triggered (the task, catch event or boundary event).</param>
public sealed record WaitItem(string Id, WaitKind Kind, string TokenId, string ActivityId)
{
    /// <summary>Timer due time.</summary>
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>Timer cycle firings left after this one (null = unbounded, 0 = none).</summary>
    public int? RemainingCycles { get; init; }
    /// <summary>Message name.</summary>
    public string? MessageName { get; init; }
    /// <summary>Message correlation key.</summary>
    public string? CorrelationKey { get; init; }
    /// <summary>Conditional events: false after the condition was true (it fires again only once it was false); null before the first evaluation.</summary>
    public bool? Armed { get; init; }
    /// <summary>Compensation waits: the handlers still to run, in order.</summary>
    public ImmutableList<CompensationRecord>? Compensations { get; init; }
}

/// <summary>An open incident.</summary>
/// <param name="Id">Deterministic id.</param>
/// <param name="TokenId">The stopped token.</param>
/// <param name="ActivityId">Where it stopped.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="RaisedAt">When.</param>
/// <param name="RetryLeave">True when the failure was on leaving the node, so a retry re-evaluates only the outgoing flows.</param>
public sealed record Incident(string Id, string TokenId, string ActivityId, string Message, DateTimeOffset RaisedAt, bool RetryLeave);

/// <summary>The complete, JSON-serializable state of one process instance.</summary>
public sealed record InstanceState
{
    /// <summary>Lifecycle status.</summary>
    public InstanceStatus Status { get; init; }
    /// <summary>Source of every id the interpreter creates.</summary>
    public long Counter { get; init; }
    /// <summary>Process variables (one scope per instance).</summary>
    public ImmutableDictionary<string, JsonElement> Variables { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;
    /// <summary>Live tokens.</summary>
    public ImmutableList<Token> Tokens { get; init; } = [];
    /// <summary>Running embedded sub-processes.</summary>
    public ImmutableList<ScopeInstance> Scopes { get; init; } = [];
    /// <summary>Open bookmarks (tasks, timers, subscriptions, jobs, continuations, children).</summary>
    public ImmutableList<WaitItem> Waits { get; init; } = [];
    /// <summary>Open incidents.</summary>
    public ImmutableList<Incident> Incidents { get; init; } = [];
    /// <summary>Completed activities with a compensation handler, in order of completion.</summary>
    public ImmutableList<CompensationRecord> Compensations { get; init; } = [];

    /// <summary>A fresh, not yet started instance.</summary>
    public static InstanceState New { get; } = new();
}
