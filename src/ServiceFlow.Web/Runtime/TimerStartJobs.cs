using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Timers;
using ServiceFlow.Web.Data;
using TimerStarts = ServiceFlow.Engine.Timers.TimerStarts;

namespace ServiceFlow.Web.Runtime;

/// Hangfire's entry point for timer start events: starts one instance per due time. Idempotent: a
/// row that is inactive or not yet due is left alone, and two runs of the same due time race on the
/// row's xmin, so the loser retries, sees the row already advanced and starts nothing.
internal sealed class TimerStartJobs(ProcessRunner runner, DefinitionStore definitions, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// How many missed due times one catch-up passes over at most (a PT1S cycle after a long outage).
    const int MaxSkips = 1_000_000;

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 5, 30, 120, 600])]
    public async Task FireAsync(Guid scheduleId)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var due = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().TimerStarts
                .Where(t => t.Id == scheduleId && t.Active).Select(t => t.NextDue).SingleOrDefaultAsync();
            await ProcessRunner.WaitUntilAsync(clock, due, CancellationToken.None);
        }
        await runner.InTransactionAsync<Guid?>("system", ctx => FireInAsync(ctx, scheduleId));
    }

    async Task<Guid?> FireInAsync(StepContext ctx, Guid scheduleId)
    {
        var row = await ctx.Db.TimerStarts.SingleOrDefaultAsync(t => t.Id == scheduleId);
        if (row is not { Active: true, NextDue: { } due } || due > ctx.Now)
            return null;
        var definition = await ctx.Db.WorkflowDefinitions.AsNoTracking().SingleAsync(d => d.Id == row.DefinitionId);
        var process = await definitions.GetAsync(definition.Id);
        var start = process.TimerStartEvents.FirstOrDefault(n => n.Id == row.StartEventId);
        // A newer version replaces this one even if publishing it could not retire this row.
        if (start is null || await ctx.Db.WorkflowDefinitions.AnyAsync(d => d.Key == definition.Key && d.Version > definition.Version))
        {
            row.Active = false;
            return null;
        }
        var started = await runner.StartAtInAsync(ctx, definition, start.Id, null, null);
        ctx.Db.TimerFirings.Add(new TimerFiring
        {
            InstanceId = started.Instance.Id,
            TimerId = start.Id,
            DueAt = due,
            FiredAt = ctx.Now,
            LatenessMs = (ctx.Now - due).TotalMilliseconds,
        });
        row.FiredCount++;
        row.LastFiredAt = ctx.Now;
        Advance(row, start, due, ctx.Now, ctx.Interpreter.BusinessTime);
        if (row.NextDue is { } next)
            ctx.Intend(TimerStartScheduler.Name, row.Id, next); // with the firing's commit; the old intent is then dropped
        return started.Instance.Id;
    }

    /// One firing catches up for every due time the host missed: due times already past are skipped
    /// (counted, so a cycle's repetitions still end on time) until the first one in the future.
    static void Advance(TimerStartSchedule row, FlowNode start, DateTimeOffset due, DateTimeOffset now, IBusinessTime time)
    {
        var next = TimerStarts.NextDue(start, due, row.FiredCount + row.SkippedCount, time);
        for (var skips = 0; next is { } n && n <= now && skips < MaxSkips; skips++)
        {
            row.SkippedCount++;
            next = TimerStarts.NextDue(start, n, row.FiredCount + row.SkippedCount, time);
        }
        row.NextDue = next;
        row.Active = next is not null;
    }
}
