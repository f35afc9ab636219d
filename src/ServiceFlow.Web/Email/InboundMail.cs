namespace ServiceFlow.Web.Email;

internal sealed record InboundAttachment(string FileName, string ContentType, byte[] Content);

internal sealed record InboundMail(
    uint Uid,
    string? MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? FromAddress,
    string? FromName,
    string Subject,
    DateTimeOffset Date,
    string? TextBody,
    string? HtmlBody,
    IReadOnlyList<InboundAttachment> Attachments,
    bool IsAutoReply,
    bool IsBounce);

// UidValidity and LastUid are what the caller stores for the next poll. When the server's
// UIDVALIDITY differs from the stored one, UIDs were reassigned: the whole folder is read
// again (UidValidityChanged) and the caller de-duplicates by Message-Id.
internal sealed record MailboxFetchResult(
    uint UidValidity,
    uint LastUid,
    bool UidValidityChanged,
    IReadOnlyList<InboundMail> Messages);
