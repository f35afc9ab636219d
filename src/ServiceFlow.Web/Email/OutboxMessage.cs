namespace ServiceFlow.Web.Email;

public enum OutboxStatus { Pending, Sent, Failed }

/// A mail to send, written in the same transaction as the step that causes it, and delivered by a
/// Hangfire job. The Message-Id is fixed when the row is written, so a retry after an unknown
/// outcome sends the same message again rather than a second, different one.
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public string MessageId { get; set; } = "";
    public string Template { get; set; } = "";
    public string? Culture { get; set; }
    public string To { get; set; } = "";
    public string? ToName { get; set; }
    public string Model { get; set; } = "{}";
    public Guid? InstanceId { get; set; }
    public string? BusinessKey { get; set; }
    public string? InReplyTo { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// Never sent before this instant (SLA mail to staff held until working hours), whatever the retries do to NextAttemptAt.
    public DateTimeOffset? NotBefore { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
