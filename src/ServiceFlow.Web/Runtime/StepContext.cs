using System.Text.Json;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

/// Everything one transaction of the runtime touches: the DbContext, the time of the step, who
/// asked, the instances being stepped (with their parsed state and queued commands), and the
/// Hangfire jobs to schedule once the transaction has committed.
internal sealed class StepContext(ServiceFlowDbContext db, DateTimeOffset now, string? user)
{
    public ServiceFlowDbContext Db { get; } = db;
    public DateTimeOffset Now { get; } = now;
    public string? User { get; } = user;
    public List<Bookmark> ToSchedule { get; } = [];
    public List<string> ToDelete { get; } = [];
    public List<Guid> OutboxAdded { get; } = [];
    /// Work that must wait for the commit (e.g. SLA timers handed to Hangfire).
    public List<Func<Task>> AfterCommit { get; } = [];
    public Dictionary<Guid, Queue<EngineCommand>> Pending { get; } = [];
    public HashSet<Guid> Stepping { get; } = [];
    /// Instances known to have no bookmark rows in the database when this transaction began (new ones,
    /// or loaded together with that fact), so ending them needs no look for leftovers.
    public HashSet<Guid> WithoutStoredBookmarks { get; } = [];
    /// User tasks and bookmarks this transaction added, so the hot path finds them without
    /// ChangeTracker.Entries (each call of which runs a full DetectChanges over the context).
    public List<UserTask> AddedTasks { get; } = [];
    public List<Bookmark> AddedBookmarks { get; } = [];
    public int Steps { get; set; }
    /// The command whose step observers are being told about (what a person entered with a completion, say).
    public EngineCommand? Command { get; set; }
    /// 1 for the first try of the transaction, higher for retries after a lost race.
    public int Attempt { get; init; } = 1;
    /// The interpreter's options for this transaction, with the business calendars as they were when it began.
    public InterpreterOptions Interpreter { get; init; } = InterpreterOptions.Default;
}

internal static class Variables
{
    public static readonly IReadOnlyDictionary<string, JsonElement> None = new Dictionary<string, JsonElement>();

    public static string Serialize(IReadOnlyDictionary<string, JsonElement> variables) =>
        JsonSerializer.Serialize(variables, InstanceStateJson.Options);

    public static Dictionary<string, JsonElement> Deserialize(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json, InstanceStateJson.Options) ?? [];
}
