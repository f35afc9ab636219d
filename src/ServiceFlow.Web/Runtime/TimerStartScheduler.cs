using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Timers;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Runtime;

/// Timer start events have no instance to hold their bookmark, so the host keeps one `timer_starts`
/// row per event of a key's latest version, and a `timer-start` intent for its next due time beside it
/// in the same change set; the dispatcher hands the intent to Hangfire when it comes due.
internal sealed class TimerStartScheduler(IBackgroundJobClient jobs, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<TimerStartScheduler> log) : IIntentHandler
{
    public const string Name = "timer-start";

    public string Kind => Name;

    /// Adds the rows of a version being published, and their intents, to the caller's SaveChanges.
    public static List<Intent> Add(ServiceFlowDbContext db, WorkflowDefinition definition, ProcessDefinition process, DateTimeOffset now, IBusinessTime time, TimeSpan soon)
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
        return [.. rows.Where(r => r.NextDue is not null).Select(r => Intents.Add(db, Name, r.Id, r.NextDue!.Value, now, soon))];
    }

    /// The version is committed: retire the older versions' rows. Best effort: a job of an older version
    /// sees a newer version and stands down, and an older row's intent is dropped once it is inactive.
    public async Task AfterPublishAsync(WorkflowDefinition definition)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            await db.TimerStarts.Where(t => t.WorkflowKey == definition.Key && t.Version < definition.Version && t.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Active, false));
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Published {Key} v{Version}, but could not retire the older versions' timer starts", definition.Key, definition.Version);
        }
    }

    /// An intent waits while its row is active and due no later than the intent (a firing moves NextDue
    /// on and adds the next intent; the old one is then dropped).
    public async Task<IReadOnlySet<Guid>> WaitingAsync(ServiceFlowDbContext db, IReadOnlyList<Intent> intents, DateTimeOffset now, CancellationToken ct)
    {
        var subjects = Intents.Subjects(intents);
        var due = await db.TimerStarts.Where(t => subjects.Contains(t.Id) && t.Active && t.NextDue != null)
            .ToDictionaryAsync(t => t.Id, t => t.NextDue!.Value, ct);
        return intents.Where(i => due.TryGetValue(i.SubjectId, out var next) && next <= i.DueAt).Select(i => i.Id).ToHashSet();
    }

    /// The delay is measured on the injected clock, like every other "due" in the host.
    public IReadOnlyDictionary<Guid, string> Hand(IReadOnlyList<Intent> intents) =>
        intents.ToDictionary(i => i.Id, i => i.DueAt - clock.GetUtcNow() is var delay && delay > TimeSpan.Zero
            ? jobs.Schedule<TimerStartJobs>(j => j.FireAsync(i.SubjectId), delay)
            : jobs.Enqueue<TimerStartJobs>(j => j.FireAsync(i.SubjectId)));
}
