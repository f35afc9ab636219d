using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Features.Sla;

/// Hands SLA timers to Hangfire after the transaction that planned them has committed, and deletes
/// the jobs of cancelled ones. A timer whose job was never recorded is picked up by the sweeper; the
/// job claims its timer, so a duplicate job changes nothing.
internal sealed class SlaScheduler(IBackgroundJobClient jobs, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SlaScheduler> log)
{
    /// Runs after the commit, so it never throws: the data is saved, and whatever Hangfire did not get
    /// (job storage down, a duplicate) the sweeper schedules later.
    public async Task ScheduleAsync(IReadOnlyList<(Guid Timer, DateTimeOffset DueAt)> timers, IReadOnlyList<string> cancelled)
    {
        try
        {
            foreach (var job in cancelled)
                jobs.Delete(job);
            if (timers.Count == 0)
                return;
            var scheduled = timers.Select(t => (t.Timer, Job: Schedule(t.Timer, t.DueAt))).ToList();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            foreach (var (timer, job) in scheduled)
                await db.Set<SlaTimer>().Where(t => t.Id == timer).ExecuteUpdateAsync(s => s.SetProperty(t => t.HangfireJobId, job));
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not hand {Count} SLA timers to Hangfire; the sweeper will schedule them", timers.Count);
        }
    }

    // The delay is measured on the injected clock, so a fake clock in tests and the real one agree on "due".
    public string Schedule(Guid timerId, DateTimeOffset dueAt)
    {
        var delay = dueAt - clock.GetUtcNow();
        return delay > TimeSpan.Zero
            ? jobs.Schedule<SlaJobs>(j => j.FireAsync(timerId), delay)
            : jobs.Enqueue<SlaJobs>(j => j.FireAsync(timerId));
    }
}

/// Schedules SLA timers that have no Hangfire job (the node died between commit and scheduling) or
/// whose job is long overdue (lost), so no warning is ever skipped.
internal sealed class SlaTimerSweeper(IServiceScopeFactory scopes, SlaScheduler scheduler, TimeProvider clock,
    IConfiguration configuration, ILogger<SlaTimerSweeper> log) : PeriodicSweeper(clock, configuration, log)
{
    protected override string What => "SLA timers";

    protected override string IntervalSetting => "Sla:SweepSeconds";

    public override async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var now = Clock.GetUtcNow();
        var grace = now.AddSeconds(-10);
        var stale = now.AddMinutes(-2);
        var orphans = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.FiredAt == null && t.CancelledAt == null)
            .Where(t => (t.HangfireJobId == null && t.CreatedAt < grace) || t.DueAt < stale)
            .OrderBy(t => t.DueAt).Take(1000).Select(t => new { t.Id, t.DueAt }).ToListAsync(ct);
        foreach (var orphan in orphans)
        {
            var job = scheduler.Schedule(orphan.Id, orphan.DueAt);
            await db.Set<SlaTimer>().Where(t => t.Id == orphan.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.HangfireJobId, job), ct);
        }
        return orphans.Count;
    }
}
