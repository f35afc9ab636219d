using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// Hangfire's entry point for SLA timers, in batches: a job per window of due instants (SlaScheduler)
/// runs from a little before the window until its end and fires whatever is due, up to `BatchSize`
/// timers per transaction. The claim (`UPDATE … WHERE Id IN (SELECT … FOR UPDATE SKIP LOCKED)`) and the
/// escalations commit together, so any number of jobs on any number of hosts fire each timer once:
/// they split the due rows between them instead of waiting for one another.
internal sealed class SlaJobs(ProcessRunner runner, SlaEscalations escalations, IServiceScopeFactory scopes, TimeProvider clock,
    IConfiguration configuration, ILogger<SlaJobs> log)
{
    public const int BatchSize = 200;

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 5, 30])]
    public async Task FireWindowAsync(long windowStartUnixSeconds)
    {
        var end = DateTimeOffset.FromUnixTimeSeconds(windowStartUnixSeconds) + SlaScheduler.WindowOf(configuration);
        var poll = TimeSpan.FromMilliseconds(configuration.GetValue("Sla:FirePollMilliseconds", 100));
        var failed = new HashSet<Guid>();
        while (true)
        {
            var fired = await FireBatchAsync(failed);
            if (fired == BatchSize)
                continue; // more are due right now
            var now = clock.GetUtcNow();
            if (now >= end)
                return; // the last claim ran at or after the window's end: nothing of it is left for this job
            var next = await NextDueAsync(failed);
            // Due but not claimed: another job holds those rows right now; look again shortly.
            var wait = next is { } n ? (n > now ? n - now : TimeSpan.FromMilliseconds(fired == 0 ? 10 : 0)) : end - now;
            wait = TimeSpan.FromTicks(Math.Min(Math.Min(wait.Ticks, poll.Ticks), (end - now).Ticks));
            // Task.Delay truncates to whole milliseconds: round up, so the claim never runs before the instant.
            if (wait > TimeSpan.Zero)
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock);
        }
    }

    /// Fires every timer due by now, batch after batch (tests with a fake clock; an operator catching up).
    public async Task<int> FireDueAsync()
    {
        int total = 0, fired;
        var failed = new HashSet<Guid>();
        do
            total += fired = await FireBatchAsync(failed);
        while (fired > 0);
        return total;
    }

    /// Claims up to BatchSize due timers and raises their escalations in one transaction. If that fails,
    /// the same timers are fired one by one, so one bad row neither blocks nor loses the others.
    async Task<int> FireBatchAsync(HashSet<Guid> failed)
    {
        var claimed = new List<Guid>();
        try
        {
            return await runner.InTransactionAsync("system", async ctx =>
            {
                claimed.Clear();
                var timers = await ClaimAsync(ctx, [.. failed]);
                claimed.AddRange(timers.Select(t => t.Id));
                await escalations.RaiseAsync(ctx, timers);
                return timers.Count;
            });
        }
        catch (Exception ex) when (claimed.Count > 0)
        {
            log.LogWarning(ex, "Firing a batch of {Count} SLA timers failed; firing them one by one", claimed.Count);
            var fired = 0;
            foreach (var id in claimed)
            {
                try
                {
                    fired += await FireNowAsync(id) ? 1 : 0;
                }
                catch (Exception one)
                {
                    failed.Add(id); // left unfired for a later job; this one skips it
                    log.LogError(one, "SLA timer {Timer} could not be fired", id);
                }
            }
            return fired;
        }
    }

    // now is the transaction's instant, so DueAt <= now and the recorded lateness (>= 0) agree: never early.
    static Task<List<SlaTimer>> ClaimAsync(StepContext ctx, Guid[] skip) =>
        ctx.Db.SlaTimers.FromSql($"""
            UPDATE serviceflow.sla_timers AS t
            SET "FiredAt" = {ctx.Now}, "LatenessMs" = EXTRACT(EPOCH FROM ({ctx.Now} - t."DueAt"))::double precision * 1000
            WHERE t."Id" IN (
                SELECT "Id" FROM serviceflow.sla_timers
                WHERE "DueAt" <= {ctx.Now} AND "FiredAt" IS NULL AND "CancelledAt" IS NULL AND NOT ("Id" = ANY({skip}))
                ORDER BY "DueAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
            RETURNING t.*
            """).AsNoTracking().ToListAsync();

    async Task<DateTimeOffset?> NextDueAsync(HashSet<Guid> skip)
    {
        var ids = skip.ToList();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Data.ServiceFlowDbContext>().SlaTimers
            .Where(t => t.FiredAt == null && t.CancelledAt == null && !ids.Contains(t.Id))
            .MinAsync(t => (DateTimeOffset?)t.DueAt);
    }

    /// Claims and fires one timer; false when another run already did (or it was cancelled).
    public Task<bool> FireNowAsync(Guid timerId) =>
        runner.InTransactionAsync("system", async ctx =>
        {
            var timer = await ctx.Db.SlaTimers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId);
            if (timer is null || timer.DueAt > ctx.Now)
                return false;
            var claimed = await ctx.Db.SlaTimers
                .Where(t => t.Id == timerId && t.FiredAt == null && t.CancelledAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.FiredAt, ctx.Now)
                    .SetProperty(t => t.LatenessMs, (ctx.Now - timer.DueAt).TotalMilliseconds));
            if (claimed == 0)
                return false;
            await escalations.RaiseAsync(ctx, timer);
            return true;
        });
}
