using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Jobs;

/// The one place that hands durable work to Hangfire, and the one sweeper. Right after a commit it makes
/// the jobs for the intents the change set marked as handed (work due at once or within `Soon`); every
/// `DispatchSeconds` it claims, with `FOR UPDATE SKIP LOCKED` (so each intent goes to one node), the
/// intents that now come due, and those handed long ago whose subject still waits (a node died between
/// commit and Hangfire, or a job was lost). A subject that waits no more drops its intent without a job.
internal sealed class IntentDispatcher(IEnumerable<IIntentHandler> handlers, IServiceScopeFactory scopes, TimeProvider clock,
    IOptions<IntentOptions> options, ILogger<IntentDispatcher> log) : BackgroundService
{
    readonly Dictionary<string, IIntentHandler> byKind = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    public TimeSpan Soon => options.Value.Soon;

    /// The change set that held these intents has committed. Best effort, never throws: an intent whose
    /// job is not made now is handed again by a pass once `RehandSeconds` have gone by.
    public void AfterCommit(IReadOnlyCollection<Intent> intents)
    {
        foreach (var group in intents.Where(i => i.HandedAt is not null).GroupBy(i => i.Kind))
        {
            try
            {
                if (byKind.TryGetValue(group.Key, out var handler))
                    handler.Hand([.. group]);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Committed, but could not hand {Count} {Kind} intent(s) to Hangfire yet; a later pass will", group.Count(), group.Key);
            }
        }
    }

    /// One pass, batch after batch until nothing is left; returns how many intents it handed over.
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        int total = 0, claimed;
        do
        {
            (claimed, var handed) = await DispatchBatchAsync(ct);
            total += handed;
        }
        while (claimed == options.Value.BatchSize && !ct.IsCancellationRequested);
        return total;
    }

    async Task<(int Claimed, int Handed)> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var now = clock.GetUtcNow();
        var soon = now + Soon;
        var stale = now - options.Value.Rehand;
        var kinds = byKind.Keys.ToArray();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var intents = await db.Set<Intent>().FromSql($"""
            SELECT * FROM serviceflow.intents
            WHERE "Kind" = ANY({kinds})
              AND (("HandedAt" IS NULL AND "DueAt" <= {soon}) OR ("HandedAt" < {stale} AND "DueAt" < {stale}))
            ORDER BY "DueAt" LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (intents.Count == 0)
            return (0, 0);
        var handed = 0;
        foreach (var group in intents.GroupBy(i => i.Kind))
        {
            var handler = byKind[group.Key];
            var waiting = await handler.WaitingAsync(db, [.. group], now, ct);
            db.Set<Intent>().RemoveRange(group.Where(i => !waiting.Contains(i.Id)));
            var toHand = group.Where(i => waiting.Contains(i.Id)).ToList();
            if (toHand.Count == 0)
                continue;
            var jobs = handler.Hand(toHand); // Hangfire's own connection: a rollback below leaves a job that finds nothing to do
            foreach (var intent in toHand)
            {
                intent.HandedAt = now;
                intent.JobId = jobs.GetValueOrDefault(intent.Id);
            }
            handed += toHand.Count;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (handed > 0)
            log.LogDebug("Handed {Count} intents to Hangfire", handed);
        return (intents.Count, handed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Dispatch, clock);
        do
        {
            try
            {
                await DispatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Dispatching intents failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
