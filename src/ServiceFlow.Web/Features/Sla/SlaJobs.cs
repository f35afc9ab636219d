using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// Hangfire's entry point for SLA timers. Any number of hosts may run the same timer's job: the first
/// claims it (`UPDATE … SET FiredAt WHERE FiredAt IS NULL`, which holds the row lock until commit), and
/// the escalation it raises commits with the claim, so everyone else finds nothing to do.
internal sealed class SlaJobs(ProcessRunner runner, SlaEscalations escalations, SlaScheduler scheduler, TimeProvider clock, IServiceScopeFactory scopes)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 5, 30, 120, 600])]
    public async Task FireAsync(Guid timerId)
    {
        DateTimeOffset due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.ServiceFlowDbContext>();
            var timer = await db.Set<SlaTimer>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId);
            if (timer is null || timer.FiredAt is not null || timer.CancelledAt is not null)
                return;
            due = timer.DueAt;
        }
        var early = due - clock.GetUtcNow();
        if (early > TimeSpan.FromSeconds(5))
        {
            scheduler.Schedule(timerId, due); // woken too early (e.g. by the sweeper): come back at the due instant
            return;
        }
        // Hangfire keeps whole seconds and may start a job a little early; Task.Delay truncates to whole
        // milliseconds, so round up and check again: a timer never fires before its instant.
        while ((early = due - clock.GetUtcNow()) > TimeSpan.Zero)
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(early.TotalMilliseconds) + 1), clock);
        await FireNowAsync(timerId);
    }

    /// Claims and fires one timer; false when another run already did (or it was cancelled).
    public Task<bool> FireNowAsync(Guid timerId) =>
        runner.InTransactionAsync("system", async ctx =>
        {
            var timer = await ctx.Db.Set<SlaTimer>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId);
            if (timer is null)
                return false;
            var claimed = await ctx.Db.Set<SlaTimer>()
                .Where(t => t.Id == timerId && t.FiredAt == null && t.CancelledAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.FiredAt, ctx.Now)
                    .SetProperty(t => t.LatenessMs, (ctx.Now - timer.DueAt).TotalMilliseconds));
            if (claimed == 0)
                return false;
            await escalations.RaiseAsync(ctx, timer);
            return true;
        });

    /// Fires every timer due by now (tests with a fake clock; an operator catching up after an outage).
    public async Task<int> FireDueAsync()
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<Data.ServiceFlowDbContext>().Set<SlaTimer>()
                .Where(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt <= now)
                .OrderBy(t => t.DueAt).Select(t => t.Id).ToListAsync();
        }
        var fired = 0;
        foreach (var id in due)
            fired += await FireNowAsync(id) ? 1 : 0;
        return fired;
    }
}
