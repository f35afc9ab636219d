using System.Collections.Concurrent;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Features.Sla;

/// Hands SLA timers to Hangfire after the transaction that planned them has committed: not one job per
/// timer but one per window of due instants (`Sla:FireWindowSeconds`, 5), started `Sla:FireLeadSeconds`
/// (2) early so Hangfire's polling is absorbed before the first timer is due. Each host schedules a window
/// once; two hosts planning the same window give it two jobs, which share its timers (SKIP LOCKED).
/// A timer already due gets a fresh job at once (its window's job may have just ended).
internal sealed class SlaScheduler(IBackgroundJobClient jobs, IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<SlaScheduler> log)
{
    readonly ConcurrentDictionary<long, string> windows = new();

    public static TimeSpan WindowOf(IConfiguration configuration) => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Sla:FireWindowSeconds", 5)));

    TimeSpan Window => WindowOf(configuration);

    TimeSpan Lead => TimeSpan.FromSeconds(configuration.GetValue("Sla:FireLeadSeconds", 2));

    /// Runs after the commit, so it never throws: the data is saved, and whatever Hangfire did not get
    /// (job storage down) the sweeper schedules later.
    public async Task ScheduleAsync(IReadOnlyList<(Guid Timer, DateTimeOffset DueAt)> timers)
    {
        try
        {
            if (timers.Count == 0)
                return;
            var now = clock.GetUtcNow();
            var dueNow = timers.Where(t => IsDue(t.DueAt, now)).ToList();
            var scheduled = timers.Where(t => !IsDue(t.DueAt, now)).GroupBy(t => Schedule(t.Timer, t.DueAt))
                .Select(g => (Job: g.Key, Ids: g.Select(t => t.Timer).ToList())).ToList();
            if (dueNow.Count > 0) // one job for all of them: it fires everything due
                scheduled.Add((FireNow(now), [.. dueNow.Select(t => t.Timer)]));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            foreach (var (job, ids) in scheduled)
                await db.Set<SlaTimer>().Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.HangfireJobId, job));
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not hand {Count} SLA timers to Hangfire; the sweeper will schedule them", timers.Count);
        }
    }

    /// The id of the job that will fire this timer. The delay is measured on the injected clock, so a fake
    /// clock in tests and the real one agree on "due".
    public string Schedule(Guid timerId, DateTimeOffset dueAt)
    {
        var now = clock.GetUtcNow();
        var window = dueAt.ToUnixTimeSeconds() / (long)Window.TotalSeconds * (long)Window.TotalSeconds;
        if (IsDue(dueAt, now))
            return FireNow(now);
        if (windows.Count > 10_000)
            Forget(now);
        return windows.GetOrAdd(window, w =>
        {
            var delay = DateTimeOffset.FromUnixTimeSeconds(w) - Lead - now;
            return delay > TimeSpan.Zero
                ? jobs.Schedule<SlaJobs>(j => j.FireWindowAsync(w), delay)
                : jobs.Enqueue<SlaJobs>(j => j.FireWindowAsync(w));
        });
    }

    static bool IsDue(DateTimeOffset dueAt, DateTimeOffset now) => dueAt <= now + TimeSpan.FromSeconds(1);

    string FireNow(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        return jobs.Enqueue<SlaJobs>(j => j.FireWindowAsync(second));
    }

    void Forget(DateTimeOffset now)
    {
        var past = (now - Window - Window).ToUnixTimeSeconds();
        foreach (var window in windows.Keys.Where(w => w < past))
            windows.TryRemove(window, out _);
    }
}

/// Schedules SLA timers that have no Hangfire job (the node died between commit and scheduling) or
/// that are long overdue (their job was lost), so no warning is ever skipped.
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
        // Overdue ones share one fresh job (it fires everything due); future ones get their window's job.
        await scheduler.ScheduleAsync([.. orphans.Select(o => (o.Id, o.DueAt))]);
        return orphans.Count;
    }
}
