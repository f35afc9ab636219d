using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Email;

/// A reply to a mail the desk sent: the stored mail, the outbox mail it answers, and its text as plain text.
internal sealed record InboundReply(InboundMailRecord Mail, OutboxMessage Origin, string Text);

/// What a handler made of a reply: the mail's status and the instance it reached, if any.
internal sealed record HandledReply(InboundMailStatus Status, Guid? InstanceId);

/// A feature that answers replies to its own mails (the surveys: a score by mail). MailIntake asks each
/// handler, in the intake's transaction, before it treats a reply as an ordinary customer reply to the
/// ticket's processes; the first that handles it decides. Email names no feature: features register these.
internal interface IInboundReplyHandler
{
    /// Null leaves the reply to the next handler, and in the end to the ticket's processes.
    Task<HandledReply?> TryHandleAsync(StepContext ctx, InboundReply reply, CancellationToken ct);
}
