using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Runtime;

/// Hands bookmarks that need a clock or a worker (timers, async continuations, async jobs) to Hangfire
/// after the step that made them has committed. If the process dies in between, the bookmark has no
/// job id yet and the sweeper schedules it; every job re-checks its bookmark, so a second run is a no-op.
internal sealed class RuntimeScheduler(IBackgroundJobClient jobs, IServiceScopeFactory scopes, OutboxDispatcher outbox, TimeProvider clock, ILogger<RuntimeScheduler> log)
{
    public async Task AfterCommitAsync(StepContext ctx)
    {
        foreach (var jobId in ctx.ToDelete)
            jobs.Delete(jobId);
        outbox.Enqueue(ctx.OutboxAdded);
        foreach (var work in ctx.AfterCommit)
            await work();
        if (ctx.ToSchedule.Count == 0)
            return;
        var scheduled = new List<(Guid Bookmark, string Job)>(ctx.ToSchedule.Count);
        foreach (var bookmark in ctx.ToSchedule)
            scheduled.Add((bookmark.Id, Schedule(bookmark.Id, bookmark.DueAt)));
        try
        {
            await RememberAsync(scheduled);
        }
        catch (Exception ex)
        {
            // Harmless: the sweeper schedules them again and the first job to run consumes the bookmark.
            log.LogWarning(ex, "Could not record Hangfire job ids for {Count} bookmarks", scheduled.Count);
        }
    }

    /// The delay is measured on the injected clock (as SlaScheduler does), so "due" means the same to the step
    /// that planned the timer and to the job; Hangfire only counts the delay down on its own.
    public string Schedule(Guid bookmarkId, DateTimeOffset? dueAt) =>
        dueAt is { } due && due - clock.GetUtcNow() is var delay && delay > TimeSpan.Zero
            ? jobs.Schedule<RuntimeJobs>(j => j.ResumeAsync(bookmarkId), delay)
            : jobs.Enqueue<RuntimeJobs>(j => j.ResumeAsync(bookmarkId));

    public async Task RememberAsync(IReadOnlyList<(Guid Bookmark, string Job)> scheduled)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        foreach (var (bookmark, job) in scheduled)
            await db.Bookmarks.Where(b => b.Id == bookmark).ExecuteUpdateAsync(s => s.SetProperty(b => b.HangfireJobId, job));
    }
}

/// Hangfire's entry point for every bookmark the runtime schedules.
internal sealed class RuntimeJobs(ProcessRunner runner)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 5, 30, 120, 600])]
    public Task ResumeAsync(Guid bookmarkId) => runner.ResumeBookmarkAsync(bookmarkId);
}

/// Schedules bookmarks whose Hangfire job was never created (the node died right after the commit)
/// or whose job vanished, so no timer or continuation is lost.
internal sealed class BookmarkSweeper(IServiceScopeFactory scopes, RuntimeScheduler scheduler, TimeProvider clock,
    IConfiguration configuration, ILogger<BookmarkSweeper> log) : PeriodicSweeper(clock, configuration, log)
{
    protected override string What => "bookmarks";

    public override async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var now = Clock.GetUtcNow();
        var grace = now.AddSeconds(-10);
        var stale = now.AddMinutes(-2);
        var orphans = await db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == BookmarkKind.Timer || b.Kind == BookmarkKind.Continuation || b.Kind == BookmarkKind.Job)
            .Where(b => (b.HangfireJobId == null && b.CreatedAt < grace) || (b.DueAt != null && b.DueAt < stale))
            .OrderBy(b => b.DueAt).Take(1000)
            .Select(b => new { b.Id, b.DueAt })
            .ToListAsync(ct);
        if (orphans.Count == 0)
            return 0;
        log.LogInformation("Scheduling {Count} bookmarks that had no Hangfire job", orphans.Count);
        await scheduler.RememberAsync(orphans.Select(o => (o.Id, scheduler.Schedule(o.Id, o.DueAt))).ToList());
        return orphans.Count;
    }
}
