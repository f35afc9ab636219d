using ServiceFlow.Engine.Execution;

namespace ServiceFlow.Web.Runtime;

/// One published version of a workflow. The XML is kept as deployed; `ContentHash` makes
/// "publish the same document again" a no-op instead of a new version.
public sealed class WorkflowDefinition
{
    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public int Version { get; set; }
    public string? Name { get; set; }
    public string Xml { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

/// A running or finished process instance, pinned to the definition version it started on.
/// `State` is the engine's state as jsonb; `RowVersion` (PostgreSQL xmin) makes concurrent steps retry.
public sealed class ProcessInstance
{
    public Guid Id { get; set; }
    public Guid DefinitionId { get; set; }
    public string WorkflowKey { get; set; } = "";
    public int Version { get; set; }
    public string? BusinessKey { get; set; }
    public InstanceStatus Status { get; set; }
    public string State { get; set; } = "{}";
    public string Variables { get; set; } = "{}";
    public Guid? ParentInstanceId { get; set; }
    public string? ParentCallId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? StartedBy { get; set; }
    public uint RowVersion { get; set; }
}

public enum UserTaskStatus { Open, Completed, Cancelled }

/// A process task is one of an instance's user tasks, created and cancelled by the engine's effects. An
/// escalation task belongs to no process: a feature raises and closes it (an SLA clock that reached a
/// ladder step), so it has no InstanceId.
public enum UserTaskKind { Process, Escalation }

/// A human task in the inbox.
public sealed class UserTask
{
    public Guid Id { get; set; }
    public UserTaskKind Kind { get; set; }
    /// The task's instance; null exactly for escalation tasks (a check constraint keeps it so).
    public Guid? InstanceId { get; set; }
    /// The engine's task id within the instance; for an escalation task, an id its raiser chose (unique on its own).
    public string EngineTaskId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string Name { get; set; } = "";
    public string WorkflowKey { get; set; } = "";
    public string? BusinessKey { get; set; }
    public List<string> CandidateGroups { get; set; } = [];
    public List<string> CandidateUsers { get; set; } = [];
    public string? Assignee { get; set; }
    public string? FormKey { get; set; }
    public int Priority { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? Documentation { get; set; }
    public UserTaskStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public uint RowVersion { get; set; }
    /// Stored generated sort keys for the inbox's keyset paging: never null (no due date and no
    /// priority sort last), so a row comparison on (key, id) can seek in a plain btree index.
    public DateTimeOffset SortDue { get; private set; }
    public int SortPriority { get; private set; }
}

public enum BookmarkKind { Timer, Message, Continuation, Job, Child, Signal }

/// Something an instance waits for. Timers, continuations and jobs also have a Hangfire job;
/// a bookmark whose job was never scheduled (a crash right after commit) is picked up by the sweeper.
public sealed class Bookmark
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public BookmarkKind Kind { get; set; }
    public string EngineId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string? MessageName { get; set; }
    public string? CorrelationKey { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? JobType { get; set; }
    public string? Payload { get; set; }
    public string? HangfireJobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// One row of the append-only execution journal: everything one engine step recorded (the command,
/// every node entered and left, decisions, cancellations), as a jsonb array. One row per step instead
/// of one per entry: a whole instance of start → task → end wrote 9 rows and now writes 2, which was
/// the largest share of a step's database work (docs/benchmarks.md). Read through JournalRows.
public sealed class JournalStep
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset At { get; set; }
    /// Who sent the step's command (null for the system: timers, jobs).
    public string? UserId { get; set; }
    /// JSON array of JournalStepEntry.
    public string Entries { get; set; } = "[]";
}

/// One entry of the journal as readers see it (pages, the API, tests): flattened from JournalStep.
/// Id is the entry's position in the instance's journal, from 1.
public sealed class JournalRecord
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string? NodeId { get; set; }
    public string? TokenId { get; set; }
    public string? UserId { get; set; }
    public string? Detail { get; set; }
}

public sealed class IncidentRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string EngineIncidentId { get; set; } = "";
    public string? ActivityId { get; set; }
    public string Message { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public int Retries { get; set; }
}

/// When a timer fired compared with when it was due.
public sealed class TimerFiring
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public string TimerId { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset FiredAt { get; set; }
    public double LatenessMs { get; set; }
}
