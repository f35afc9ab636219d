using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Jobs;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Features.Reports.Scheduled;

/// Mails one subscription's report for the last complete period. Exactly once across nodes and retries: the mail is
/// written to the outbox in the transaction that inserts the (subscription, period) row, and a run that finds the row
/// (committed, or being committed by another node — the unique index makes it wait) writes nothing. Delivery is the
/// outbox's: a dead SMTP server delays the mail, retries send the same message, nothing is lost or doubled.
internal sealed class ScheduledReportJob(IServiceScopeFactory scopes, MeasureService engine, SlaCalendars calendars, TimeProvider clock,
    IntentDispatcher dispatcher, MailMessageBuilder builder, IStringLocalizer l, IOptions<EmailOptions> email, ILogger<ScheduledReportJob> log)
{
    public const string Template = "scheduled-report";

    /// The recurring job's entry point (Hangfire retries a failure; the claim keeps a retry from sending twice).
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid subscriptionId)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), calendars.Get("default").TimeZone).DateTime);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var period = await db.Set<ReportSubscription>().Where(s => s.Id == subscriptionId).Select(s => (ReportPeriod?)s.Period).SingleOrDefaultAsync();
        if (period is null)
            return; // deleted since Hangfire queued the run
        await SendAsync(subscriptionId, ReportPeriods.LastComplete(period.Value, today).From, CancellationToken.None);
    }

    /// Sends the period starting `from` unless it was sent; true when this call sent it.
    public async Task<bool> SendAsync(Guid subscriptionId, DateOnly from, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var s = await db.Set<ReportSubscription>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == subscriptionId, ct);
        if (s is null)
            return false;
        var key = ReportPeriods.Key(s.Period, from);
        if (await db.Set<ReportDelivery>().AnyAsync(d => d.SubscriptionId == s.Id && d.PeriodKey == key, ct))
            return false; // the common repeat (a retry, a second node) stops here without computing anything
        var now = clock.GetUtcNow();
        var recipients = await SubscriptionRecipients.ResolveAsync(db, s, now, ct);
        var content = await ReportContent.ComputeAsync(db, engine, s, from, calendars.Get("default").TimeZone, now, ct);
        var mails = new List<(SubscriptionRecipients.Recipient To, OutboxMessage Row, ReportMailFile File)>();
        foreach (var group in recipients.GroupBy(r => Culture(r.Culture)))
        {
            var (model, xlsx) = await InCultureAsync(group.Key, async () => (Model(content), await content.XlsxAsync(l, ct)));
            foreach (var to in group)
                mails.Add((to, Row(to, group.Key, model, s, now), new ReportMailFile { FileName = content.FileName, Content = xlsx }));
        }

        var deliveryId = Guid.CreateVersion7();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO serviceflow.report_deliveries ("Id", "SubscriptionId", "PeriodKey", "CreatedAt", "Recipients")
            VALUES ({deliveryId}, {s.Id}, {key}, {now}, {mails.Count}) ON CONFLICT ("SubscriptionId", "PeriodKey") DO NOTHING
            """, ct);
        if (claimed == 0)
            return false; // another node or run sent it while this one computed
        var intents = new List<Intent>();
        foreach (var (_, row, file) in mails)
        {
            (file.OutboxId, file.DeliveryId) = (row.Id, deliveryId);
            db.Outbox.Add(row);
            intents.Add(OutboxDispatcher.Intend(db, row.Id, now));
            db.Add(file);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        dispatcher.AfterCommit(intents); // a hand-over lost here is made again by the dispatcher's pass
        log.LogInformation("Scheduled report {Name} ({Key}) written to the outbox for {Count} recipients", s.Name, key, mails.Count);
        return true;
    }

    OutboxMessage Row(SubscriptionRecipients.Recipient to, string culture, Dictionary<string, object?> model, ReportSubscription s, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        var own = new Dictionary<string, object?>(model) { ["recipient"] = new Dictionary<string, object?> { ["name"] = to.DisplayName ?? to.UserName } };
        return new OutboxMessage
        {
            Id = id,
            MessageId = builder.MessageIdFor(id),
            Template = Template,
            Culture = culture,
            To = to.Email,
            ToName = to.DisplayName,
            Model = JsonSerializer.Serialize(own),
            BusinessKey = null,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    Dictionary<string, object?> Model(ReportContent c) => new()
    {
        ["report"] = new Dictionary<string, object?>
        {
            ["name"] = c.Subscription.Name,
            ["title"] = l[Title(c.Subscription.Report)].Value,
            ["period"] = c.PeriodLabel,
            ["from"] = ReportLinks.Day(c.From),
            ["last"] = ReportLinks.Day(c.To.AddDays(-1)),
            ["zone"] = c.Scope.Zone.Id,
            ["file"] = c.FileName,
        },
        ["figures"] = c.Figures(l),
        ["link"] = c.Link(),
    };

    public static string Title(string report) => report switch
    {
        "desk" => "Desk today",
        "quality" => "Quality",
        "management" => "Management",
        "scorecard" => "Scorecards",
        "me" => "My figures",
        _ => "Chosen measures",
    };

    string Culture(string? culture) => culture is "en" or "zh-CN" ? culture : culture?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? "en"
        : culture?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? "zh-CN" : email.Value.DefaultCulture;

    static async Task<T> InCultureAsync<T>(string culture, Func<Task<T>> work)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return await work();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }
}
