using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Jobs;

/// The one place that hands durable work to Hangfire, and the one sweeper. Right after a commit it runs the
/// work due at once on its own in-process workers (a mail, an async continuation: no Hangfire job, whose
/// making and running cost more than the work) and makes the jobs for the rest of the intents the change set
/// marked as handed (work due within `Soon`); work that fails in process goes to Hangfire and its retries; every
/// `DispatchSeconds` it claims, with `FOR UPDATE SKIP LOCKED` (so each intent goes to one node), the
/// intents that now come due, and those handed long ago whose subject still waits (a node died between
/// commit and Hangfire, or a job was lost). A subject that waits no more drops its intent without a job.
internal sealed class IntentDispatcher(IEnumerable<IIntentHandler> handlers, IServiceScopeFactory scopes, TimeProvider clock,
    IOptions<IntentOptions> options, IConfiguration configuration, ILogger<IntentDispatcher> log) : BackgroundService
{
    readonly Dictionary<string, IIntentHandler> byKind = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    /// Per kind that runs in process, its own queue and workers: a mail waiting out a slow SMTP server never
    /// holds up a continuation. Empty where this node runs no jobs or the workers are switched off.
    readonly Dictionary<string, Channel<Intent>> dueNow = RunsInProcess(options.Value, configuration)
        ? handlers.Where(h => h.RunsInProcess).ToDictionary(h => h.Kind, _ => Channel.CreateBounded<Intent>(
            new BoundedChannelOptions(Math.Max(1, options.Value.InProcessQueue)) { FullMode = BoundedChannelFullMode.DropWrite }), StringComparer.Ordinal)
        : [];

    static bool RunsInProcess(IntentOptions options, IConfiguration configuration) =>
        options.InProcessWorkers > 0 && configuration.GetValue("Jobs:RunServer", true);

    public TimeSpan Soon => options.Value.Soon;

    /// The change set that held these intents has committed. Best effort, never throws: an intent whose
    /// work neither starts here nor gets its job now is handed again by a pass once `RehandSeconds` have gone by.
    public void AfterCommit(IReadOnlyCollection<Intent> intents)
    {
        var at = clock.GetUtcNow();
        foreach (var group in intents.Where(i => i.HandedAt is not null).GroupBy(i => i.Kind))
        {
            try
            {
                if (!byKind.TryGetValue(group.Key, out var handler))
                    continue;
                var queue = dueNow.GetValueOrDefault(group.Key);
                var toHangfire = group.Where(i => !(queue is not null && i.DueAt <= at && queue.Writer.TryWrite(i))).ToList();
                if (toHangfire.Count > 0)
                    handler.Hand(toHangfire);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Committed, but could not hand {Count} {Kind} intent(s) to Hangfire yet; a later pass will", group.Count(), group.Key);
            }
        }
    }

    /// One in-process worker: runs due work as its job would; what fails goes to Hangfire, whose job retries it.
    async Task RunDueWorkAsync(IIntentHandler handler, ChannelReader<Intent> queue, CancellationToken stoppingToken)
    {
        await foreach (var intent in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await handler.RunAsync(intent, stoppingToken);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "{Kind} {Subject} failed in process; handing it to Hangfire to retry", intent.Kind, intent.SubjectId);
                HandOrLeave(handler, intent);
            }
        }
    }

    void HandOrLeave(IIntentHandler handler, Intent intent)
    {
        try
        {
            handler.Hand([intent]);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not hand {Kind} {Subject} to Hangfire; a later pass will", intent.Kind, intent.SubjectId);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in dueNow.Values)
            queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        // Work that had not started when the node stopped: to Hangfire now rather than after `RehandSeconds`.
        foreach (var (kind, queue) in dueNow)
            while (queue.Reader.TryRead(out var left))
                HandOrLeave(byKind[kind], left);
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = dueNow.SelectMany(q => Enumerable.Range(0, options.Value.InProcessWorkers)
            .Select(_ => Task.Run(() => RunDueWorkAsync(byKind[q.Key], q.Value.Reader, stoppingToken), stoppingToken)));
        return Task.WhenAll([PassesAsync(stoppingToken), .. workers]);
    }

    async Task PassesAsync(CancellationToken stoppingToken)
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
