using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ServiceFlow.Web.Email;

// Stateless: reads what arrived after the caller's last UID; the caller stores the result's
// UidValidity/LastUid. The folder is opened read-only, so polling never changes the mailbox.
internal sealed class ImapMailboxReader(IOptions<ImapOptions> options, ILogger<ImapMailboxReader> logger)
{
    public async Task<MailboxFetchResult> FetchNewAsync(uint lastUid, uint? knownUidValidity, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        using var client = new ImapClient { Timeout = o.TimeoutSeconds * 1000 };
        await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("Imap:Host is not configured."), o.Port, o.TlsMode.ToSecureSocketOptions(), cancellationToken);
        await client.AuthenticateAsync(o.UserName ?? "", o.Password ?? "", cancellationToken);

        var folder = await client.GetFolderAsync(o.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);

        var reset = knownUidValidity is { } known && known != folder.UidValidity;
        if (reset)
        {
            logger.UidValidityChanged(o.Folder, knownUidValidity!.Value, folder.UidValidity);
            lastUid = 0;
        }

        // "n:*" always matches the newest message even when its UID is below n, hence the filter.
        var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(lastUid + 1), UniqueId.MaxValue)), cancellationToken))
            .Where(u => u.Id > lastUid)
            .OrderBy(u => u.Id)
            .Take(o.MaxMessagesPerPoll)
            .ToList();

        var messages = new List<InboundMail>(uids.Count);
        foreach (var uid in uids)
        {
            var message = await folder.GetMessageAsync(uid, cancellationToken);
            messages.Add(ToInboundMail(uid.Id, message));
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return new MailboxFetchResult(folder.UidValidity, uids.Count > 0 ? uids[^1].Id : lastUid, reset, messages);
    }

    internal static InboundMail ToInboundMail(uint uid, MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        var attachments = message.Attachments.OfType<MimePart>().Select(part =>
        {
            using var content = new MemoryStream();
            part.Content?.DecodeTo(content);
            return new InboundAttachment(part.FileName ?? "attachment", part.ContentType.MimeType, content.ToArray());
        }).ToList();

        return new InboundMail(
            uid,
            message.MessageId,
            message.InReplyTo,
            message.References.ToList(),
            from?.Address,
            string.IsNullOrEmpty(from?.Name) ? null : from.Name,
            message.Subject ?? "",
            message.Date,
            message.TextBody,
            message.HtmlBody,
            attachments,
            InboundMailClassifier.IsAutoReply(message),
            InboundMailClassifier.IsBounce(message));
    }
}
