using MimeKit;

namespace ServiceFlow.Web.Email;

// One message as the outbox stores it. MessageId comes from the outbox row
// (MailMessageBuilder.MessageIdFor(row.Id)), so every retry sends the same message.
internal sealed record OutgoingMail(
    IReadOnlyList<MailboxAddress> To,
    RenderedMail Content,
    string MessageId,
    DateTimeOffset? Date = null,
    string? InReplyTo = null,
    IReadOnlyList<string>? References = null,
    string? TicketNumber = null,
    IReadOnlyList<MailAttachment>? Attachments = null);

/// A file sent with a mail (a scheduled report's XLSX).
internal sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
