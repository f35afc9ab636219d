using System.Collections.Concurrent;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Features.Sla;

/// Hands SLA timers to Hangfire when their `sla-window` intent comes due soon (the dispatcher asks): not
/// one job per timer but one per window of due instants (`Sla:FireWindowSeconds`, 5), started
/// `Sla:FireLeadSeconds` (2) early so Hangfire's polling is absorbed before the first timer is due. Each host
/// schedules a window once; two hosts planning the same window give it two jobs, which share its timers
/// (SKIP LOCKED). A timer already due gets a fresh job at once (its window's job may have just ended).
/// A ticket that stops its clocks before their timers come due never makes a Hangfire job for them.
internal sealed class SlaScheduler(IBackgroundJobClient jobs, TimeProvider clock, IConfiguration configuration) : IIntentHandler
{
    public const string Name = "sla-window";

    readonly ConcurrentDictionary<long, string> windows = new();

    public string Kind => Name;

    public static TimeSpan WindowOf(IConfiguration configuration) => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Sla:FireWindowSeconds", 5)));

    TimeSpan Window => WindowOf(configuration);

    TimeSpan Lead => TimeSpan.FromSeconds(configuration.GetValue("Sla:FireLeadSeconds", 2));

    /// A timer's intent waits while the timer is neither fired nor cancelled.
    public async Task<IReadOnlySet<Guid>> WaitingAsync(ServiceFlowDbContext db, IReadOnlyList<Intent> intents, DateTimeOffset now, CancellationToken ct)
    {
        var subjects = Intents.Subjects(intents);
        return Intents.OfSubjects(intents,
            await db.SlaTimers.Where(t => subjects.Contains(t.Id) && t.FiredAt == null && t.CancelledAt == null).Select(t => t.Id).ToListAsync(ct));
    }

    /// Timers already due share one fresh job (it fires everything due); the others get their window's job.
    public IReadOnlyDictionary<Guid, string> Hand(IReadOnlyList<Intent> intents)
    {
        var now = clock.GetUtcNow();
        string? dueNow = null;
        return intents.ToDictionary(i => i.Id, i => IsDue(i.DueAt, now) ? dueNow ??= FireNow(now) : Schedule(i.SubjectId, i.DueAt));
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
