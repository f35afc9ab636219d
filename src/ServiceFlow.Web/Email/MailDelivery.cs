using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Jobs;
using ServiceFlow.Web.Localization;

namespace ServiceFlow.Web.Email;

internal sealed class OutboxOptions
{
    static readonly int[] DefaultDelays = [10, 30, 60, 300, 900, 3600];

    /// Waits between attempts; the last one repeats until MaxAttempts is reached. (No initializer:
    /// the configuration binder appends to an existing array instead of replacing it.)
    public int[]? RetryDelaysSeconds { get; set; }
    public int MaxAttempts { get; set; } = 10;
    /// How long one node may take to send a claimed message before another may try it again.
    public int LeaseSeconds { get; set; } = 120;

    public TimeSpan DelayAfter(int attempts)
    {
        var delays = RetryDelaysSeconds is { Length: > 0 } configured ? configured : DefaultDelays;
        return TimeSpan.FromSeconds(delays[Math.Clamp(attempts - 1, 0, delays.Length - 1)]);
    }
}

/// Delivers one outbox row through the configured transport. A row is claimed with a lease, so two
/// nodes never send it at once; a send whose outcome is unknown (the node died) is retried with the
/// same Message-Id, so the recipient's mail system sees one message, not two different ones.
internal sealed class MailDelivery(
    IServiceScopeFactory scopes, MailTemplateRenderer renderer, MailMessageBuilder builder, IMailTransport transport,
    IBackgroundJobClient jobs, TimeProvider clock, IOptions<OutboxOptions> options, IEnumerable<IMailModelSource> sources, ILogger<MailDelivery> log,
    DeskTime desk, PublicLinks links, IEnumerable<IMailAttachmentSource> attachmentSources)
{
    [AutomaticRetry(Attempts = 0)] // retries are ours: backoff, a final Failed state, a resend button
    public async Task DeliverAsync(Guid outboxId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var now = clock.GetUtcNow();
        var lease = now.AddSeconds(options.Value.LeaseSeconds);
        // A scheduled retry may start a moment before its stored time (Hangfire rounds); a lease is minutes away.
        var due = now.AddSeconds(2);
        // Claimed and read in one statement: the row as the claim left it (this attempt counted), or none. Held mail
        // (SLA at night) never goes early, not even by a rounding.
        var message = (await db.Outbox.FromSql($"""
            UPDATE serviceflow.outbox_messages SET "Attempts" = "Attempts" + 1, "NextAttemptAt" = {lease}
            WHERE "Id" = {outboxId} AND "Status" = 'Pending' AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {due})
                AND ("NotBefore" IS NULL OR "NotBefore" <= {now})
            RETURNING *
            """).AsNoTracking().ToListAsync()).SingleOrDefault();
        if (message is null)
        {
            // Sent already, failed for good, another node holds the lease, or held: then come back when it may go.
            var notBefore = await db.Outbox.Where(m => m.Id == outboxId && m.Status == OutboxStatus.Pending).Select(m => m.NotBefore).SingleOrDefaultAsync();
            if (notBefore > now)
                jobs.Schedule<MailDelivery>(d => d.DeliverAsync(outboxId), notBefore.Value - now + TimeSpan.FromSeconds(1));
            return;
        }
        try
        {
            await transport.SendAsync(await BuildAsync(message, db), CancellationToken.None);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE serviceflow.outbox_messages SET "Status" = 'Sent', "SentAt" = {clock.GetUtcNow()}, "NextAttemptAt" = NULL, "LastError" = NULL
                WHERE "Id" = {outboxId}
                """);
        }
        catch (Exception ex)
        {
            var permanent = ex is MailDeliveryException { IsPermanent: true } || ex is KeyNotFoundException or InvalidOperationException;
            var giveUp = permanent || message.Attempts >= options.Value.MaxAttempts;
            var next = clock.GetUtcNow() + options.Value.DelayAfter(message.Attempts);
            await db.Outbox.Where(m => m.Id == outboxId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, giveUp ? null : next)
                .SetProperty(m => m.LastError, ex.Message));
            if (giveUp)
                log.LogError(ex, "Mail {Id} to {To} failed for good after {Attempts} attempts", outboxId, message.To, message.Attempts);
            else
                jobs.Schedule<MailDelivery>(d => d.DeliverAsync(outboxId), next);
        }
    }

    async Task<MimeMessage> BuildAsync(OutboxMessage message, ServiceFlowDbContext db)
    {
        var model = JsonModel.ToObject(JsonDocument.Parse(message.Model).RootElement) as Dictionary<string, object?> ?? [];
        foreach (var source in sources)
            await source.AddAsync(message, model, db, CancellationToken.None);
        // Rendered when sent, so times use the desk's zone and links the public address as they are now.
        var content = renderer.Render(message.Template, message.Culture, model, new MailContext(desk.Zone, links.Base));
        var attachments = new List<MailAttachment>();
        foreach (var source in attachmentSources)
            attachments.AddRange(await source.AttachmentsAsync(message, db, CancellationToken.None));
        return builder.Build(new OutgoingMail(
            [new MailboxAddress(message.ToName ?? "", message.To)],
            content,
            message.MessageId,
            message.CreatedAt,
            message.InReplyTo,
            TicketNumber: message.BusinessKey,
            Attachments: attachments));
    }
}

/// Adds to a mail's model, right before it is rendered for sending, what must not be stored with it or in
/// the process variables staff can read (a survey's signed link). Features implement it; the outbox knows none of them.
internal interface IMailModelSource
{
    Task AddAsync(OutboxMessage message, Dictionary<string, object?> model, ServiceFlowDbContext db, CancellationToken ct);
}

/// Files to send with a mail, read when it is sent (the outbox row keeps the model only). Features implement it
/// for their own templates; a source returns nothing for a mail that is not its own.
internal interface IMailAttachmentSource
{
    Task<IReadOnlyList<MailAttachment>> AttachmentsAsync(OutboxMessage message, ServiceFlowDbContext db, CancellationToken ct);
}

/// JSON from the outbox model as plain dictionaries and lists, which templates read like objects.
/// ISO-8601 timestamps (how System.Text.Json writes a DateTimeOffset, e.g. a survey's expiry) come
/// back as DateTimeOffset, so `format_datetime` formats them as it does for typed models.
internal static partial class JsonModel
{
    public static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => element.GetString() is { } s && IsoTimestamp().IsMatch(s)
            && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) ? (object?)at : element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex IsoTimestamp();
}

/// The outbox's `outbox` intents: every mail written (by a step, a scheduled report, a resend) has one in
/// the same transaction, due when it may first go (`NotBefore`, SLA mail held for the morning). Retries
/// after a failed send are MailDelivery's own delayed jobs; the dispatcher hands a pending mail again only
/// if its next attempt is long overdue (that job was lost).
internal sealed class OutboxDispatcher(IBackgroundJobClient jobs, TimeProvider clock, IServiceProvider services) : IIntentHandler
{
    public const string Name = "outbox";

    static readonly TimeSpan Overdue = TimeSpan.FromSeconds(30);

    public string Kind => Name;

    /// The intent of a mail written outside a step (a scheduled report, a resend), in the writer's own
    /// transaction; after its commit the writer gives it to `IntentDispatcher.AfterCommit`, as a step does.
    public static Intent Intend(ServiceFlowDbContext db, Guid outboxId, DateTimeOffset now) =>
        Intents.Add(db, Name, outboxId, now, now, TimeSpan.Zero);

    public async Task<IReadOnlySet<Guid>> WaitingAsync(ServiceFlowDbContext db, IReadOnlyList<Intent> intents, DateTimeOffset now, CancellationToken ct)
    {
        var subjects = Intents.Subjects(intents);
        var pending = await db.Outbox.Where(m => subjects.Contains(m.Id) && m.Status == OutboxStatus.Pending)
            .ToDictionaryAsync(m => m.Id, m => m.NextAttemptAt, ct);
        return intents.Where(i => pending.TryGetValue(i.SubjectId, out var next) && (i.HandedAt is null || next is null || next < now - Overdue))
            .Select(i => i.Id).ToHashSet();
    }

    public IReadOnlyDictionary<Guid, string> Hand(IReadOnlyList<Intent> intents) =>
        intents.ToDictionary(i => i.Id, i => i.DueAt - clock.GetUtcNow() is var delay && delay > TimeSpan.Zero
            ? jobs.Schedule<MailDelivery>(d => d.DeliverAsync(i.SubjectId), delay + TimeSpan.FromSeconds(1)) // held mail never goes early
            : jobs.Enqueue<MailDelivery>(d => d.DeliverAsync(i.SubjectId)));

    /// A mail that may go now is sent right after the commit that wrote it; a failed send schedules its own
    /// retry (MailDelivery), as it does when Hangfire runs it.
    public bool RunsInProcess => true;

    public Task RunAsync(Intent intent, CancellationToken ct) => services.GetRequiredService<MailDelivery>().DeliverAsync(intent.SubjectId);
}
