using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Runtime;

/// Bookmarks that need a clock or a worker (timers, async continuations, async jobs): the step adds a
/// `bookmark` intent with the bookmark; the dispatcher hands it to Hangfire when it comes due. A bookmark
/// removed before then (a boundary event, the instance ended) simply drops its intent: no job was made.
internal sealed class BookmarkIntents(IBackgroundJobClient jobs, TimeProvider clock, IServiceProvider services) : IIntentHandler
{
    public const string Name = "bookmark";

    public string Kind => Name;

    public async Task<IReadOnlySet<Guid>> WaitingAsync(ServiceFlowDbContext db, IReadOnlyList<Intent> intents, DateTimeOffset now, CancellationToken ct)
    {
        var subjects = Intents.Subjects(intents);
        return Intents.OfSubjects(intents, await db.Bookmarks.Where(b => subjects.Contains(b.Id)).Select(b => b.Id).ToListAsync(ct));
    }

    /// The delay is measured on the injected clock, so "due" means the same to the step that planned the
    /// timer and to the job; Hangfire only counts the delay down on its own.
    public IReadOnlyDictionary<Guid, string> Hand(IReadOnlyList<Intent> intents) =>
        intents.ToDictionary(i => i.Id, i => i.DueAt - clock.GetUtcNow() is var delay && delay > TimeSpan.Zero
            ? jobs.Schedule<RuntimeJobs>(j => j.ResumeAsync(i.SubjectId), delay)
            : jobs.Enqueue<RuntimeJobs>(j => j.ResumeAsync(i.SubjectId)));

    /// An async continuation (or a timer already due) resumes right after the step that made it commits.
    public bool RunsInProcess => true;

    public Task RunAsync(Intent intent, CancellationToken ct) =>
        services.GetRequiredService<ProcessRunner>().ResumeBookmarkAsync(intent.SubjectId, ct); // resolved late: the runner needs the dispatcher
}

/// Hangfire's entry point for every bookmark the runtime schedules; it re-reads the bookmark, so a second run is a no-op.
internal sealed class RuntimeJobs(ProcessRunner runner)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 5, 30, 120, 600])]
    public Task ResumeAsync(Guid bookmarkId) => runner.ResumeBookmarkAsync(bookmarkId);
}
