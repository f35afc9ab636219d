using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Email;

/// Reads the service-desk mailbox (seed 001 §3.1) and turns each new mail into one stored
/// `inbound_mails` row plus at most one action: whatever a feature's `IInboundReplyHandler` does with a reply
/// to its own mail (a survey score), a `customer-reply` message to the ticket's processes, a new
/// `email-intake` instance, or nothing (unassigned, auto-reply, bounce).
/// The mailbox row is locked for the whole poll, and everything commits in one transaction with the
/// new last UID, so a crash, a restart or a second node never handles a UID twice.
internal sealed partial class MailIntake(ProcessRunner runner, ImapMailboxReader reader, IEnumerable<IInboundReplyHandler> replyHandlers,
    IOptions<ImapOptions> options)
{
    public const string ReplyMessage = "customer-reply";
    const int MaxVariableText = 20_000;

    public sealed record PollResult(int Fetched, int Stored, int Duplicates);

    public Task<PollResult> PollAsync(CancellationToken ct = default) =>
        runner.InTransactionAsync("system", async ctx =>
        {
            var folder = options.Value.Folder;
            await ctx.Db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO serviceflow.mailbox_states (\"Folder\", \"UidValidity\", \"LastUid\") VALUES ({folder}, 0, 0) ON CONFLICT DO NOTHING", ct);
            var state = await ctx.Db.MailboxStates
                .FromSqlInterpolated($"SELECT * FROM serviceflow.mailbox_states WHERE \"Folder\" = {folder} FOR UPDATE").SingleAsync(ct);
            var fetched = await reader.FetchNewAsync((uint)state.LastUid, state.UidValidity == 0 ? null : (uint)state.UidValidity, ct);

            var ids = fetched.Messages.Select(m => IdOf(m, fetched.UidValidity, folder)).ToList();
            var seen = (await ctx.Db.InboundMails.Where(m => ids.Contains(m.MessageId)).Select(m => m.MessageId).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var stored = 0;
            foreach (var mail in fetched.Messages)
            {
                if (!seen.Add(IdOf(mail, fetched.UidValidity, folder)))
                    continue; // read before (UIDVALIDITY changed) or a copy of one in this batch
                await HandleAsync(ctx, Store(ctx, mail, fetched.UidValidity, folder), mail, ct);
                stored++;
            }
            state.UidValidity = fetched.UidValidity;
            state.LastUid = fetched.LastUid;
            state.LastPolledAt = ctx.Now;
            return new PollResult(fetched.Messages.Count, stored, fetched.Messages.Count - stored);
        }, ct);

    static string IdOf(InboundMail mail, uint uidValidity, string folder) =>
        mail.MessageId is { Length: > 0 } id ? Unbracket(id) : $"{folder}.{uidValidity}.{mail.Uid}@no-message-id";

    static InboundMailRecord Store(StepContext ctx, InboundMail mail, uint uidValidity, string folder)
    {
        var id = Guid.CreateVersion7();
        var record = new InboundMailRecord
        {
            Id = id,
            MessageId = IdOf(mail, uidValidity, folder),
            Folder = folder,
            Uid = mail.Uid,
            FromAddress = mail.FromAddress,
            FromName = mail.FromName,
            Subject = mail.Subject,
            TextBody = mail.TextBody,
            HtmlBody = mail.HtmlBody,
            InReplyTo = mail.InReplyTo is { } r ? Unbracket(r) : null,
            References = [.. mail.References.Select(Unbracket)],
            SentAt = mail.Date,
            ReceivedAt = ctx.Now,
            Attachments = [.. mail.Attachments.Select(a => new InboundMailAttachment
            {
                Id = Guid.CreateVersion7(), MailId = id, FileName = a.FileName, ContentType = a.ContentType, Content = a.Content,
            })],
        };
        ctx.Db.InboundMails.Add(record);
        return record;
    }

    async Task HandleAsync(StepContext ctx, InboundMailRecord record, InboundMail mail, CancellationToken ct)
    {
        if (mail.IsAutoReply || mail.IsBounce)
        {
            // Never answer or open tickets from robots: that is how mail loops start.
            record.Status = InboundMailStatus.Ignored;
            return;
        }
        var text = PlainText(mail);
        var threadIds = new[] { record.InReplyTo }.Concat(record.References).OfType<string>().Distinct().ToList();
        var origin = threadIds.Count == 0 ? null : await ctx.Db.Outbox.AsNoTracking()
            .Where(m => threadIds.Contains(m.MessageId) && m.BusinessKey != null)
            .OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync(ct);
        record.BusinessKey = origin?.BusinessKey ?? TicketNumberIn(mail.Subject);
        if (record.BusinessKey is null)
        {
            await StartIntakeAsync(ctx, record, text, ct);
            return;
        }

        if (origin is not null)
        {
            foreach (var handler in replyHandlers)
            {
                if (await handler.TryHandleAsync(ctx, new InboundReply(record, origin, text), ct) is { } handled)
                {
                    (record.Status, record.InstanceId) = (handled.Status, handled.InstanceId);
                    return;
                }
            }
        }

        var reached = await runner.CorrelateInAsync(ctx, ReplyMessage, record.BusinessKey, new Dictionary<string, JsonElement>
        {
            ["from"] = JsonSerializer.SerializeToElement(mail.FromAddress),
            ["fromName"] = JsonSerializer.SerializeToElement(mail.FromName),
            ["subject"] = JsonSerializer.SerializeToElement(mail.Subject),
            ["text"] = JsonSerializer.SerializeToElement(Truncate(text)),
            ["inboundMailId"] = JsonSerializer.SerializeToElement(record.Id),
        }, ct: ct);
        record.Status = InboundMailStatus.Linked;
        record.InstanceId = reached.Count > 0 ? reached[0] : null;
    }

    async Task StartIntakeAsync(StepContext ctx, InboundMailRecord record, string text, CancellationToken ct)
    {
        var instance = await runner.TryStartInAsync(ctx, options.Value.IntakeWorkflowKey, null, new Dictionary<string, JsonElement>
        {
            ["channel"] = JsonSerializer.SerializeToElement("email"),
            ["from"] = JsonSerializer.SerializeToElement(record.FromAddress),
            ["fromName"] = JsonSerializer.SerializeToElement(record.FromName),
            ["subject"] = JsonSerializer.SerializeToElement(record.Subject),
            ["text"] = JsonSerializer.SerializeToElement(Truncate(text)),
            ["inboundMailId"] = JsonSerializer.SerializeToElement(record.Id),
        }, ct);
        record.Status = instance is null ? InboundMailStatus.Unassigned : InboundMailStatus.Started;
        record.InstanceId = instance?.Id;
    }

    string? TicketNumberIn(string subject)
    {
        var match = Regex.Match(subject, options.Value.TicketNumberPattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? match.Value : null;
    }

    static string PlainText(InboundMail mail) =>
        mail.TextBody ?? (mail.HtmlBody is { } html ? System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " ")).Trim() : "");

    static string Truncate(string text) => text.Length <= MaxVariableText ? text : text[..MaxVariableText];

    static string Unbracket(string id) => id.Trim().TrimStart('<').TrimEnd('>');

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}

/// Polls every `Imap:PollSeconds` on every node while `Imap:Host` is set; the row lock makes nodes take turns.
internal sealed class MailIntakePoller(IServiceProvider services, IOptions<ImapOptions> options, TimeProvider clock, ILogger<MailIntakePoller> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), clock);
        do
        {
            try
            {
                var result = await services.GetRequiredService<MailIntake>().PollAsync(stoppingToken);
                if (result.Stored > 0)
                    log.LogInformation("Mail intake stored {Stored} of {Fetched} new mails", result.Stored, result.Fetched);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Polling the mailbox failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
