namespace ServiceFlow.Web.Features.Tickets;

public enum TicketStatus { Recorded, InReview, Correction, GroupAnalysis, Arranging, InProgress, AwaitingConfirmation, Archived, ClosedAtOnce, WaitingForCustomer, WaitingForVendor }
public enum Tier { Tier1, Tier2, Vendor }
public enum Channel { Phone, Email, WebChat, WalkIn, Web, Other }

/// A service exception / ticket with every field of seed 000 §3 ("the exception record").
public sealed class Ticket
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    // 1. Basic information
    public DateTimeOffset DiscoveredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public bool RecordedLate { get; set; }
    public string? Company { get; set; }
    public string? Department { get; set; }
    public string? Office { get; set; }
    public string ServiceType { get; set; } = "";
    public string ServiceObject { get; set; } = "";
    public Channel Channel { get; set; }
    public string Priority { get; set; } = "P3";
    /// ITIL impact and urgency (high, medium, low) when the priority matrix decided the priority; null when it was given.
    public string? Impact { get; set; }
    public string? Urgency { get; set; }
    public string? Severity { get; set; }
    public string? InitialJudgement { get; set; }
    public string? CustomerName { get; set; }
    public string? CustomerEmail { get; set; }
    /// Who the customer is (individual, enterprise, government, internal, or the organisation's own list:
    /// `Tickets:CustomerTypes`); the reports count by it (001 §5.1.1). Null when not recorded.
    public string? CustomerType { get; set; }
    /// The customer's language for mail, when known (TicketLanguage).
    public string? CustomerCulture { get; set; }
    /// The language the ticket was recorded in: the recording user's UI language, or the customer mail's.
    public string? Language { get; set; }
    // 2. Description, 3. Impact scope
    public string Description { get; set; } = "";
    public string? ImpactQualitative { get; set; }
    public string? ImpactQuantitative { get; set; }
    public int? AffectedCustomers { get; set; }
    // 4. Handling (people; steps and communications are child rows)
    public string Reporter { get; set; } = "";
    public string? Supervisor { get; set; }
    public string? Handler { get; set; }
    public string Group { get; set; } = "";
    public Tier Tier { get; set; }
    public string? Plan { get; set; }
    // 5. Result
    public bool? Solved { get; set; }
    public string? Solution { get; set; }
    public string? Recovery { get; set; }
    // 6. Cause analysis, 7. Lessons (corrective actions are child rows)
    public string? CausePeople { get; set; }
    public string? CauseProcess { get; set; }
    public string? CauseTechnology { get; set; }
    public string? CauseEnvironment { get; set; }
    public string? Proposals { get; set; }
    public string? Lessons { get; set; }

    public TicketStatus Status { get; set; }
    public bool FirstContactResolution { get; set; }
    public Guid? InstanceId { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public uint RowVersion { get; set; }

    public bool IsReadOnly => Status is TicketStatus.Archived or TicketStatus.ClosedAtOnce;
}

/// One entry of the record's timeline: a handling step, a communication, an escalation, a corrective
/// action or a field change. One table keeps the timeline a single ordered query.
public sealed class TicketEntry
{
    public long Id { get; set; }
    public Guid TicketId { get; set; }
    public TicketEntryKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    /// Step: action; communication: outcome; escalation: reason; action: description; change: field name;
    /// comment: what a person wrote completing a task.
    public string Text { get; set; } = "";
    /// Step: system/tool; communication: channel; escalation: target tier; action: owner; change: old value;
    /// comment: the id of the task it was written in.
    public string? Detail { get; set; }
    /// Communication: counterpart; escalation: vendor and reference; action: deadline; change: new value;
    /// comment: the decision it went with (return, accept, confirmed, rejected), if any.
    public string? Extra { get; set; }
    public DateTimeOffset? Due { get; set; }
}

public enum TicketEntryKind { Step, Communication, Escalation, Action, Change, Blocker, Attachment, Comment }
