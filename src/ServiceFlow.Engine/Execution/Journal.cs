namespace ServiceFlow.Engine.Execution;

/// <summary>What a journal entry records.</summary>
public enum JournalKind
{
    /// <summary>A command was received.</summary>
    CommandReceived,
    /// <summary>A command named an unknown or finished task/timer/job and changed nothing.</summary>
    CommandIgnored,
    /// <summary>A token entered a node.</summary>
    NodeEntered,
    /// <summary>A token left a node (detail: the flows taken).</summary>
    NodeLeft,
    /// <summary>A gateway chose flows, joined tokens, or an event won a race.</summary>
    GatewayDecision,
    /// <summary>A timer fired.</summary>
    TimerFired,
    /// <summary>A message was correlated or a signal received.</summary>
    MessageCorrelated,
    /// <summary>A token was cancelled (interrupting boundary, terminate, cancellation).</summary>
    TokenCancelled,
    /// <summary>A BPMN error was thrown.</summary>
    ErrorThrown,
    /// <summary>A signal, message, escalation or compensation was thrown, or a link followed (detail says which).</summary>
    EventThrown,
    /// <summary>An SLA clock action was emitted.</summary>
    ClockAction,
    /// <summary>An incident was raised.</summary>
    IncidentRaised,
    /// <summary>An incident was retried.</summary>
    IncidentResolved,
    /// <summary>The instance completed.</summary>
    InstanceCompleted,
    /// <summary>The instance was terminated or cancelled.</summary>
    InstanceTerminated,
    /// <summary>The instance failed.</summary>
    InstanceFailed,
    /// <summary>A business rule task evaluated a decision (detail: inputs, matched rules by index and id, result).</summary>
    DecisionEvaluated,
}

/// <summary>One line of the execution journal.</summary>
/// <param name="At">The step's <c>now</c>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="NodeId">The element, if any.</param>
/// <param name="TokenId">The token, if any.</param>
/// <param name="Detail">Short human-readable detail.</param>
public sealed record JournalEntry(DateTimeOffset At, JournalKind Kind, string? NodeId, string? TokenId, string? Detail);

/// <summary>The outcome of one <see cref="ProcessInterpreter.Execute"/> call.</summary>
/// <param name="State">The new instance state to store.</param>
/// <param name="Effects">What the host must do, in order.</param>
/// <param name="Journal">What happened, in order.</param>
public sealed record StepResult(InstanceState State, IReadOnlyList<EngineEffect> Effects, IReadOnlyList<JournalEntry> Journal)
{
    /// <summary>True when the command named something that no longer exists and nothing changed.</summary>
    public bool Ignored => Journal.Any(j => j.Kind == JournalKind.CommandIgnored);
}
