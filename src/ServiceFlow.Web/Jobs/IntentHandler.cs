using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Jobs;

/// One kind of intent (`Intent.Kind`), registered by the feature that owns its subject, so the dispatcher
/// knows no feature: which subjects still wait for their work, and the Hangfire jobs that do it.
internal interface IIntentHandler
{
    string Kind { get; }

    /// Of these intents (all of this kind), the ids of those whose subject still waits for a job now;
    /// the dispatcher drops the others (the bookmark is gone, the timer fired or cancelled, the mail sent).
    Task<IReadOnlySet<Guid>> WaitingAsync(ServiceFlowDbContext db, IReadOnlyList<Intent> intents, DateTimeOffset now, CancellationToken ct);

    /// Makes the Hangfire jobs (each job re-reads its subject, so one made twice changes nothing) and
    /// returns the job id of every intent; several intents may share a job.
    IReadOnlyDictionary<Guid, string> Hand(IReadOnlyList<Intent> intents);

    /// Does, in this process, what the intent's job would do (re-reading its subject as the job does), for
    /// work due the moment its step commits: the dispatcher runs it right after the commit instead of making
    /// a Hangfire job for it. False: this kind always goes through Hangfire.
    bool RunsInProcess => false;

    Task RunAsync(Intent intent, CancellationToken ct) => throw new NotSupportedException($"Intents of kind {Kind} run through Hangfire only.");
}

/// `Jobs:*` settings of the dispatcher.
internal sealed class IntentOptions
{
    /// How often each node's periodic pass looks for intents that come due (and for lost ones).
    public double DispatchSeconds { get; set; } = 2;
    /// Work due within this is handed to Hangfire right after its commit; later work waits for a pass.
    /// Always at least a pass interval plus three seconds, so a pass is never late for a due time.
    public double SoonSeconds { get; set; } = 10;
    /// An intent handed over this long ago, and due this long ago, whose subject still waits, is handed
    /// again: its job was never made (the node died after the commit) or was lost.
    public double RehandSeconds { get; set; } = 120;
    public int BatchSize { get; set; } = 500;
    /// Work due the moment its step commits (a mail, an async continuation) runs in this process on this many
    /// workers per kind right after the commit, without a Hangfire job; 0 sends it through Hangfire like later work.
    /// Only where this node runs a Hangfire server (`Jobs:RunServer`): a node that runs no jobs runs none of these.
    public int InProcessWorkers { get; set; } = 2;
    /// Work of one kind waiting for its workers beyond this goes to Hangfire instead.
    public int InProcessQueue { get; set; } = 1000;

    public TimeSpan Dispatch => TimeSpan.FromSeconds(Math.Max(0.1, DispatchSeconds));
    public TimeSpan Soon => TimeSpan.FromSeconds(Math.Max(SoonSeconds, Dispatch.TotalSeconds + 3));
    public TimeSpan Rehand => TimeSpan.FromSeconds(Math.Max(1, RehandSeconds));
}
