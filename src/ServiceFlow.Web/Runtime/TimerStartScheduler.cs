using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Timers;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Runtime;

/// Timer start events have no instance to hold their bookmark, so the host keeps one `timer_starts`
/// row per event of a key's latest version and hands its due time to Hangfire after commit. If the
/// process dies in between, the row has no job id and the sweeper schedules it; the job re-checks the row.
internal sealed class TimerStartScheduler(IBackgroundJobClient jobs, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<TimerStartScheduler> log)
{
    /// Adds the rows of a version being published to the caller's SaveChanges.
    public static List<TimerStartSchedule> Add(ServiceFlowDbContext db, WorkflowDefinition definition, ProcessDefinition process, DateTimeOffset now, IBusinessTime time)
    {
        var rows = process.TimerStartEvents.Select(start => new TimerStartSchedule
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = definition.Id,
            WorkflowKey = definition.Key,
            Version = definition.Version,
            StartEventId = start.Id,
            NextDue = Engine.Timers.TimerStarts.FirstDue(start, now, time),
            CreatedAt = now,
        }).ToList();
        foreach (var row in rows)
            row.Active = row.NextDue is not null;
        db.TimerStarts.AddRange(rows);
        return rows;
    }

    /// The version is committed: retire the older versions' rows and schedule the new ones. Best
    /// effort: a job of an older version sees a newer version and stands down, the sweeper schedules rows without a job.
    public async Task AfterPublishAsync(WorkflowDefinition definition, IReadOnlyList<TimerStartSchedule> rows)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
                await db.TimerStarts.Where(t => t.WorkflowKey == definition.Key && t.Version < definition.Version && t.Active)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Active, false));
            }
            var active = rows.Where(r => r.Active).ToList();
            if (active.Count > 0)
                await RememberAsync(active.Select(r => (r.Id, Schedule(r.Id, r.NextDue))).ToList());
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Published {Key} v{Version}, but could not schedule its timer starts yet; the sweeper will", definition.Key, definition.Version);
        }
    }

    /// The delay is measured on the injected clock, like every other "due" in the host.
    public string Schedule(Guid scheduleId, DateTimeOffset? dueAt) =>
        dueAt is { } due && due - clock.GetUtcNow() is var delay && delay > TimeSpan.Zero
            ? jobs.Schedule<TimerStartJobs>(j => j.FireAsync(scheduleId), delay)
            : jobs.Enqueue<TimerStartJobs>(j => j.FireAsync(scheduleId));

    public async Task RememberAsync(IReadOnlyList<(Guid Schedule, string Job)> scheduled)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        foreach (var (id, job) in scheduled)
            await db.TimerStarts.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.HangfireJobId, job));
    }
}

/// Schedules active timer starts that never got a Hangfire job or are overdue (the host was down
/// at their due time, or the job vanished), so a host that comes back fires them.
internal sealed class TimerStartSweeper(IServiceScopeFactory scopes, TimerStartScheduler scheduler, TimeProvider clock,
    IConfiguration configuration, ILogger<TimerStartSweeper> log) : PeriodicSweeper(clock, configuration, log)
{
    protected override string What => "timer starts";

    public override async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var now = Clock.GetUtcNow();
        var grace = now.AddSeconds(-10);
        var stale = now.AddMinutes(-2);
        var orphans = await db.TimerStarts.AsNoTracking()
            .Where(t => t.Active && t.NextDue != null)
            .Where(t => (t.HangfireJobId == null && t.CreatedAt < grace) || t.NextDue < stale)
            .OrderBy(t => t.NextDue).Take(1000)
            .Select(t => new { t.Id, t.NextDue })
            .ToListAsync(ct);
        if (orphans.Count == 0)
            return 0;
        log.LogInformation("Scheduling {Count} timer starts that had no Hangfire job or are overdue", orphans.Count);
        await scheduler.RememberAsync(orphans.Select(o => (o.Id, scheduler.Schedule(o.Id, o.NextDue))).ToList());
        return orphans.Count;
    }
}
