using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceFlow.Engine.Execution;

/// <summary>Something the host must do after a step. Ids are unique within one instance.</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(CreateUserTask), "createUserTask")]
[JsonDerivedType(typeof(CancelUserTask), "cancelUserTask")]
[JsonDerivedType(typeof(ScheduleTimer), "scheduleTimer")]
[JsonDerivedType(typeof(CancelTimer), "cancelTimer")]
[JsonDerivedType(typeof(SubscribeMessage), "subscribeMessage")]
[JsonDerivedType(typeof(UnsubscribeMessage), "unsubscribeMessage")]
[JsonDerivedType(typeof(ThrowMessage), "throwMessage")]
[JsonDerivedType(typeof(SubscribeSignal), "subscribeSignal")]
[JsonDerivedType(typeof(UnsubscribeSignal), "unsubscribeSignal")]
[JsonDerivedType(typeof(BroadcastSignal), "broadcastSignal")]
[JsonDerivedType(typeof(ExecuteJob), "executeJob")]
[JsonDerivedType(typeof(ScheduleContinuation), "scheduleContinuation")]
[JsonDerivedType(typeof(StartChildInstance), "startChildInstance")]
[JsonDerivedType(typeof(CancelChildInstance), "cancelChildInstance")]
[JsonDerivedType(typeof(RaiseIncident), "raiseIncident")]
[JsonDerivedType(typeof(ClockAction), "clockAction")]
[JsonDerivedType(typeof(InstanceCompleted), "instanceCompleted")]
[JsonDerivedType(typeof(InstanceTerminated), "instanceTerminated")]
[JsonDerivedType(typeof(InstanceFailed), "instanceFailed")]
public abstract record EngineEffect;

/// <summary>Create an inbox task.</summary>
/// <param name="TaskId">Engine task id (answer with <see cref="CompleteUserTask"/>).</param>
/// <param name="ActivityId">The userTask element id.</param>
/// <param name="Name">Task name.</param>
/// <param name="CandidateGroups">sf:candidateGroups.</param>
/// <param name="CandidateUsers">sf:candidateUsers.</param>
/// <param name="Assignee">Evaluated sf:assignee.</param>
/// <param name="FormKey">sf:formKey.</param>
/// <param name="Priority">sf:priority.</param>
/// <param name="DueIn">sf:dueIn.</param>
/// <param name="DueAt">Now plus <paramref name="DueIn"/> through the business-time calendar (sf:calendar).</param>
/// <param name="Documentation">The element's documentation.</param>
public sealed record CreateUserTask(
    string TaskId, string ActivityId, string? Name, IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers,
    string? Assignee, string? FormKey, int? Priority, TimeSpan? DueIn, DateTimeOffset? DueAt, string? Documentation) : EngineEffect;

/// <summary>Remove an inbox task (its activity was cancelled).</summary>
/// <param name="TaskId">Engine task id.</param>
public sealed record CancelUserTask(string TaskId) : EngineEffect;

/// <summary>Schedule a timer; fire it with <see cref="FireTimer"/>.</summary>
/// <param name="TimerId">Engine timer id.</param>
/// <param name="ActivityId">The timer event element id.</param>
/// <param name="DueAt">When it is due.</param>
public sealed record ScheduleTimer(string TimerId, string ActivityId, DateTimeOffset DueAt) : EngineEffect;

/// <summary>Delete a scheduled timer.</summary>
/// <param name="TimerId">Engine timer id.</param>
public sealed record CancelTimer(string TimerId) : EngineEffect;

/// <summary>Wait for a message; deliver it with <see cref="CorrelateMessage"/>.</summary>
/// <param name="SubscriptionId">Engine subscription id.</param>
/// <param name="ActivityId">The message event element id.</param>
/// <param name="MessageName">The message's name.</param>
/// <param name="CorrelationKey">Evaluated sf:correlationKey, or null.</param>
public sealed record SubscribeMessage(string SubscriptionId, string ActivityId, string MessageName, string? CorrelationKey) : EngineEffect
{
    /// <summary>
    /// The event has no sf:correlationKey: the host correlates it on the instance's business key (as Camunda's
    /// API does), i.e. a message whose correlation key equals the business key reaches it.
    /// </summary>
    public bool ByBusinessKey { get; init; }
}

/// <summary>Stop waiting for a message.</summary>
/// <param name="SubscriptionId">Engine subscription id.</param>
public sealed record UnsubscribeMessage(string SubscriptionId) : EngineEffect;

/// <summary>
/// A message throw or end event sent a message: the host correlates it like <c>POST /api/messages</c> (it reaches
/// the instances waiting for it, or starts a process with a message start event of that name).
/// </summary>
/// <param name="ActivityId">The throwing element.</param>
/// <param name="MessageName">The message's name.</param>
/// <param name="CorrelationKey">Evaluated sf:correlationKey, or null.</param>
/// <param name="Variables">The payload: the element's evaluated sf:input values.</param>
public sealed record ThrowMessage(string ActivityId, string MessageName, string? CorrelationKey, IReadOnlyDictionary<string, JsonElement> Variables) : EngineEffect
{
    /// <summary>No sf:correlationKey: the throwing instance's business key is the key.</summary>
    public bool ByBusinessKey { get; init; }
}

/// <summary>Wait for a signal; deliver it with <see cref="ReceiveSignal"/>.</summary>
/// <param name="SubscriptionId">Engine subscription id.</param>
/// <param name="ActivityId">The signal event element id.</param>
/// <param name="SignalName">The signal's name.</param>
public sealed record SubscribeSignal(string SubscriptionId, string ActivityId, string SignalName) : EngineEffect;

/// <summary>Stop waiting for a signal.</summary>
/// <param name="SubscriptionId">Engine subscription id.</param>
public sealed record UnsubscribeSignal(string SubscriptionId) : EngineEffect;

/// <summary>
/// A signal was thrown: the host delivers it to every <b>other</b> instance subscribed to its name and starts the
/// processes with a signal start event of that name. The throwing instance's own subscriptions were already triggered.
/// </summary>
/// <param name="ActivityId">The throwing element.</param>
/// <param name="SignalName">The signal's name.</param>
/// <param name="Variables">The payload: the element's evaluated sf:input values.</param>
public sealed record BroadcastSignal(string ActivityId, string SignalName, IReadOnlyDictionary<string, JsonElement> Variables) : EngineEffect;

/// <summary>Run a service/send task handler; answer with <see cref="CompleteJob"/> or <see cref="FailJob"/>.</summary>
/// <param name="JobId">Engine job id.</param>
/// <param name="ActivityId">The task element id.</param>
/// <param name="JobType">sf:type (send tasks default to <c>mail</c>).</param>
/// <param name="Properties">All sf: attributes as strings plus evaluated inputs.</param>
public sealed record ExecuteJob(string JobId, string ActivityId, string JobType, IReadOnlyDictionary<string, JsonElement> Properties) : EngineEffect;

/// <summary>Continue in a new transaction (sf:async); answer with <see cref="ContinueAsync"/>.</summary>
/// <param name="ContinuationId">Engine continuation id.</param>
/// <param name="ActivityId">The element that is about to run.</param>
public sealed record ScheduleContinuation(string ContinuationId, string ActivityId) : EngineEffect;

/// <summary>Start a child instance for a call activity; answer with <see cref="ChildCompleted"/>/<see cref="ChildFailed"/>.</summary>
/// <param name="CallId">Engine call id.</param>
/// <param name="ActivityId">The callActivity element id.</param>
/// <param name="CalledElement">The process id to start.</param>
/// <param name="Variables">Input variables after sf:in mappings.</param>
public sealed record StartChildInstance(string CallId, string ActivityId, string CalledElement, IReadOnlyDictionary<string, JsonElement> Variables) : EngineEffect;

/// <summary>Cancel a running child instance.</summary>
/// <param name="CallId">Engine call id.</param>
public sealed record CancelChildInstance(string CallId) : EngineEffect;

/// <summary>A token stopped on an error; retry with <see cref="RetryIncident"/>.</summary>
/// <param name="IncidentId">Engine incident id.</param>
/// <param name="ActivityId">Where it stopped.</param>
/// <param name="Message">What went wrong.</param>
public sealed record RaiseIncident(string IncidentId, string ActivityId, string Message) : EngineEffect;

/// <summary>An SLA clock action from sf:clock, emitted when the node is entered.</summary>
/// <param name="ActivityId">The node.</param>
/// <param name="Action">start, pause, resume or stop.</param>
/// <param name="Clock">Clock name, e.g. resolution.</param>
public sealed record ClockAction(string ActivityId, string Action, string Clock) : EngineEffect;

/// <summary>The instance completed normally.</summary>
public sealed record InstanceCompleted : EngineEffect;

/// <summary>The instance was terminated (terminate end event or cancellation).</summary>
public sealed record InstanceTerminated : EngineEffect;

/// <summary>The instance failed (uncaught BPMN error).</summary>
/// <param name="Message">Why.</param>
public sealed record InstanceFailed(string Message) : EngineEffect;
