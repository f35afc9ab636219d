using System.Collections.Concurrent;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Benchmarks;

/// Issue 4's benchmark: N SLA warnings falling due within one minute, two hosts (each with a Hangfire
/// server) on one database; every timer is handed to one host's scheduler and a tenth to both (which
/// then both run a window job for it). Checks each fired exactly once and reports lateness (fired − due) p50/p99. Baseline in the
/// same run: N plain Hangfire scheduled jobs due within one minute, lateness measured the same way.
internal static class SlaBenchmark
{
    public static async Task<IReadOnlyList<string>> RunAsync(int timers)
    {
        var lines = new List<string>();
        var connectionString = await TestDatabase.CreateDatabaseAsync("benchsla");
        (string, string)[] quiet = [("Logging:LogLevel:Default", "Error"), ("Sla:SweepSeconds", "3600")];
        await using var a = ServiceFlowApp.StartOn(connectionString, runJobs: true, quiet);
        await using var b = ServiceFlowApp.StartOn(connectionString, runJobs: true, quiet);

        lines.Add(await BaselineAsync(a, b, timers));
        lines.AddRange(await SlaAsync(a, b, timers));
        return lines;
    }

    static async Task<string> BaselineAsync(ServiceFlowApp a, ServiceFlowApp b, int count)
    {
        PlainJob.Lateness.Clear();
        var clients = new[] { a.Services.GetRequiredService<IBackgroundJobClient>(), b.Services.GetRequiredService<IBackgroundJobClient>() };
        var start = DateTimeOffset.UtcNow.AddSeconds(15 + count * 0.004);
        var dues = Enumerable.Range(0, count).Select(i => start.AddMilliseconds(60_000.0 * i / count)).ToList();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(h => Task.Run(() =>
        {
            for (var i = h; i < count; i += 2)
            {
                var due = dues[i];
                clients[h].Schedule(() => PlainJob.Run(due.UtcTicks), due);
            }
        })));
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (PlainJob.Lateness.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        var sorted = PlainJob.Lateness.ToArray();
        Array.Sort(sorted);
        return $"baseline: plain Hangfire scheduled jobs   n={count} ran={sorted.Length} lateness p50={Measure.Percentile(sorted, 0.5):F0} ms p99={Measure.Percentile(sorted, 0.99):F0} ms max={sorted.LastOrDefault():F0} ms";
    }

    static async Task<IReadOnlyList<string>> SlaAsync(ServiceFlowApp a, ServiceFlowApp b, int count)
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(20 + count * 0.006);
        var ids = new List<(Guid Id, DateTimeOffset Due)>(count);
        using (var scope = a.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            var policy = await db.SlaPolicies.AsNoTracking().Where(p => p.Key == "P2").OrderBy(p => p.Version).FirstAsync();
            for (var batch = 0; batch < count; batch += 1000)
            {
                foreach (var i in Enumerable.Range(batch, Math.Min(1000, count - batch)))
                {
                    var clock = new SlaClock
                    {
                        Id = Guid.CreateVersion7(),
                        BusinessKey = $"BENCH-{i:D6}",
                        Name = "resolution",
                        PolicyKey = policy.Key,
                        PolicyVersion = policy.Version,
                        Calendar = policy.Calendar,
                        State = ClockState.Running,
                        Target = policy.Resolution,
                        StartedAt = start,
                        DueAt = start.AddHours(1),
                    };
                    var timer = new SlaTimer { Id = Guid.CreateVersion7(), ClockId = clock.Id, Kind = "warning75", DueAt = start.AddMilliseconds(60_000.0 * i / count), CreatedAt = DateTimeOffset.UtcNow };
                    db.AddRange(clock, timer);
                    ids.Add((timer.Id, timer.DueAt));
                }
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        var schedulers = new[] { a.Services.GetRequiredService<SlaScheduler>(), b.Services.GetRequiredService<SlaScheduler>() };
        var scheduledAt = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(h => Task.Run(() =>
        {
            for (var i = 0; i < count; i++)
            {
                if (i % 2 == h || i % 10 == 0) // every timer on one host, a tenth on both
                    schedulers[h].Schedule(ids[i].Id, ids[i].Due);
            }
        })));
        var lines = new List<string> { $"sla: {count} clocks inserted, {count + count / 10} timers handed to the schedulers in {(DateTimeOffset.UtcNow - scheduledAt).TotalSeconds:F1} s; first due {start:HH:mm:ss}" };

        var deadline = DateTime.UtcNow.AddMinutes(15);
        int pending;
        do
        {
            await Task.Delay(1000);
            using var scope = a.Services.CreateScope();
            pending = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().SlaTimers.CountAsync(t => t.FiredAt == null);
        }
        while (pending > 0 && DateTime.UtcNow < deadline);
        await Task.Delay(3000); // duplicates still running finish (and must change nothing)

        using (var scope = a.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            var lateness = (await db.SlaTimers.AsNoTracking().Where(t => t.LatenessMs != null).Select(t => t.LatenessMs!.Value).ToListAsync()).ToArray();
            Array.Sort(lateness);
            var tasks = await db.UserTasks.CountAsync(t => t.WorkflowKey == "sla");
            lines.Add($"sla: warnings fired={lateness.Length}/{count} escalation tasks={tasks} (exactly once: {(lateness.Length == count && tasks == count ? "yes" : "NO")}) " +
                      $"lateness p50={Measure.Percentile(lateness, 0.5):F0} ms p99={Measure.Percentile(lateness, 0.99):F0} ms max={lateness.LastOrDefault():F0} ms, early={lateness.Count(l => l < 0)}");
        }
        return lines;
    }
}

/// The baseline job: records how late Hangfire started it.
public static class PlainJob
{
    public static readonly ConcurrentBag<double> Lateness = [];

    public static void Run(long dueUtcTicks) => Lateness.Add((DateTimeOffset.UtcNow - new DateTimeOffset(dueUtcTicks, TimeSpan.Zero)).TotalMilliseconds);
}
