using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Features.Reports.Scheduled;

internal sealed class ScheduledReportOptions
{
    /// The hour (desk time) on the first day of the next period at which a report is mailed; before the desk opens at 08:00.
    public int Hour { get; set; } = 7;
}

/// One Hangfire recurring job per subscription, in the desk's time zone. Hangfire's scheduler starts each run once
/// across the nodes sharing its store; should it ever start one twice (or retry one), the job's claim sends one mail.
internal sealed class SubscriptionSchedule(IRecurringJobManager recurring, SlaCalendars calendars, Microsoft.Extensions.Options.IOptions<ScheduledReportOptions> options)
{
    public static string JobId(Guid id) => $"report-subscription-{id:N}";

    public void Register(ReportSubscription s) =>
        recurring.AddOrUpdate<ScheduledReportJob>(JobId(s.Id), j => j.RunAsync(s.Id), ReportPeriods.Cron(s.Period, Math.Clamp(options.Value.Hour, 0, 23)),
            new RecurringJobOptions { TimeZone = calendars.Get("default").TimeZone });

    public void Remove(Guid id) => recurring.RemoveIfExists(JobId(id));

    /// Runs the subscription now (its last complete period), through Hangfire like a scheduled run.
    public void Trigger(Guid id) => recurring.Trigger(JobId(id));
}

/// At start, (re)registers every subscription's recurring job: the schedule follows the code's cron and the desk's
/// current time zone even after an upgrade or a change of the default calendar.
internal sealed class SubscriptionScheduleSync(IServiceScopeFactory scopes, SubscriptionSchedule schedule, ILogger<SubscriptionScheduleSync> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            foreach (var s in await db.Set<ReportSubscription>().AsNoTracking().ToListAsync(cancellationToken))
                schedule.Register(s);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Could not register the scheduled reports' recurring jobs; they are registered again at the next start or when a subscription is saved");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
