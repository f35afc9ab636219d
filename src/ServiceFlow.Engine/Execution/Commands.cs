using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceFlow.Engine.Execution;

/// <summary>Something that happened outside the engine and moves an instance on.</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(StartInstance), "start")]
[JsonDerivedType(typeof(CompleteUserTask), "completeUserTask")]
[JsonDerivedType(typeof(CorrelateMessage), "correlateMessage")]
[JsonDerivedType(typeof(FireTimer), "fireTimer")]
[JsonDerivedType(typeof(CompleteJob), "completeJob")]
[JsonDerivedType(typeof(FailJob), "failJob")]
[JsonDerivedType(typeof(ContinueAsync), "continueAsync")]
[JsonDerivedType(typeof(ChildCompleted), "childCompleted")]
[JsonDerivedType(typeof(ChildFailed), "childFailed")]
[JsonDerivedType(typeof(RetryIncident), "retryIncident")]
[JsonDerivedType(typeof(CancelInstance), "cancelInstance")]
[JsonDerivedType(typeof(ReceiveSignal), "receiveSignal")]
public abstract record EngineCommand;

/// <summary>Starts a new instance (state must be <see cref="InstanceState.New"/>).</summary>
/// <param name="Variables">Initial variables; null for none.</param>
/// <param name="StartEventId">A start event at process level (message/timer start); null for the none start event.</param>
public sealed record StartInstance(IReadOnlyDictionary<string, JsonElement>? Variables = null, string? StartEventId = null) : EngineCommand;

/// <summary>A person completed a user task.</summary>
/// <param name="TaskId">The id from <see cref="CreateUserTask"/>.</param>
/// <param name="Variables">Variables to merge into the instance.</param>
/// <param name="UserId">Who completed it, for the journal.</param>
public sealed record CompleteUserTask(string TaskId, IReadOnlyDictionary<string, JsonElement>? Variables = null, string? UserId = null) : EngineCommand;

/// <summary>A message arrived for a subscription.</summary>
/// <param name="SubscriptionId">The id from <see cref="SubscribeMessage"/>.</param>
/// <param name="Variables">Message payload merged into the instance.</param>
public sealed record CorrelateMessage(string SubscriptionId, IReadOnlyDictionary<string, JsonElement>? Variables = null) : EngineCommand;

/// <summary>A scheduled timer is due.</summary>
/// <param name="TimerId">The id from <see cref="ScheduleTimer"/>.</param>
public sealed record FireTimer(string TimerId) : EngineCommand;

/// <summary>The host finished a job (service, send task).</summary>
/// <param name="JobId">The id from <see cref="ExecuteJob"/>.</param>
/// <param name="Variables">Job output merged into the instance.</param>
public sealed record CompleteJob(string JobId, IReadOnlyDictionary<string, JsonElement>? Variables = null) : EngineCommand;

/// <summary>A job failed for good; the token gets an incident.</summary>
/// <param name="JobId">The id from <see cref="ExecuteJob"/>.</param>
/// <param name="Message">Why it failed.</param>
public sealed record FailJob(string JobId, string Message) : EngineCommand;

/// <summary>Runs an activity whose start was made asynchronous (sf:async).</summary>
/// <param name="ContinuationId">The id from <see cref="ScheduleContinuation"/>.</param>
public sealed record ContinueAsync(string ContinuationId) : EngineCommand;

/// <summary>A child instance started by a call activity completed.</summary>
/// <param name="CallId">The id from <see cref="StartChildInstance"/>.</param>
/// <param name="Variables">The child's final variables.</param>
public sealed record ChildCompleted(string CallId, IReadOnlyDictionary<string, JsonElement>? Variables = null) : EngineCommand;

/// <summary>A child instance failed; a catch-all error boundary on the call activity catches it, else an incident.</summary>
/// <param name="CallId">The id from <see cref="StartChildInstance"/>.</param>
/// <param name="Message">Why it failed.</param>
public sealed record ChildFailed(string CallId, string Message) : EngineCommand;

/// <summary>Re-runs the activity an incident stopped.</summary>
/// <param name="IncidentId">The id from <see cref="RaiseIncident"/>.</param>
public sealed record RetryIncident(string IncidentId) : EngineCommand;

/// <summary>Cancels the whole instance.</summary>
/// <param name="Reason">Why, for the journal.</param>
public sealed record CancelInstance(string? Reason = null) : EngineCommand;

/// <summary>A signal was broadcast (by another instance's <see cref="BroadcastSignal"/>) for a subscription.</summary>
/// <param name="SubscriptionId">The id from <see cref="SubscribeSignal"/>.</param>
/// <param name="Variables">The signal's payload merged into the instance.</param>
public sealed record ReceiveSignal(string SubscriptionId, IReadOnlyDictionary<string, JsonElement>? Variables = null) : EngineCommand;
