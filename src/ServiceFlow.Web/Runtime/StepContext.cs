using System.Text.Json;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

/// Everything one transaction of the runtime touches: the DbContext, the time of the step, who
/// asked, the instances being stepped (with their parsed state and queued commands), and the
/// intents (work for later, Data/Intent.cs) written with the transaction's own change set.
internal sealed class StepContext(ServiceFlowDbContext db, DateTimeOffset now, string? user)
{
    public ServiceFlowDbContext Db { get; } = db;
    public DateTimeOffset Now { get; } = now;
    public string? User { get; } = user;
    /// Intents this transaction adds; the dispatcher hands those due soon to Hangfire after the commit.
    public List<Intent> Intended { get; } = [];
    /// What counts as "due soon" (IntentOptions.Soon): such intents are handed right after the commit.
    public TimeSpan Soon { get; init; } = Intents.SoonDefault;
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

    /// Set-based changes to rows this transaction has not read (a stopped clock's waiting timers cancelled, its
    /// open escalation tasks closed): written with the change set, ahead of its rows, instead of a round trip
    /// each in the middle of the step. Nothing in the step reads those rows back.
    public List<SetWrite> SetWrites { get; } = [];

    /// Adds a set-based statement; `sql` names its values $1, $2… in the order given.
    public void WriteSetBased(string sql, params object?[] values) => SetWrites.Add(new SetWrite(sql, values));

    /// Work of `kind` on `subject` at `due`, in this transaction's change set: it exists exactly when the
    /// state it belongs to does. Nothing is sent to Hangfire before the commit.
    public void Intend(string kind, Guid subject, DateTimeOffset due) =>
        Intended.Add(Intents.Add(Db, kind, subject, due, Now, Soon));

    /// Drops the intents this transaction added for `subject` (a bookmark or timer it added and then removed again).
    public void Forget(Guid subject)
    {
        foreach (var intent in Intended.Where(i => i.SubjectId == subject).ToList())
        {
            Db.Entry(intent).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            Intended.Remove(intent);
        }
    }
}

/// One set-based statement of a transaction (StepContext.SetWrites).
internal sealed record SetWrite(string Sql, object?[] Values)
{
    public Npgsql.NpgsqlParameter[] Parameters() => [.. Values.Select(v => new Npgsql.NpgsqlParameter { Value = v ?? DBNull.Value })];
}

internal static class Variables
{
    public static readonly IReadOnlyDictionary<string, JsonElement> None = new Dictionary<string, JsonElement>();

    public static string Serialize(IReadOnlyDictionary<string, JsonElement> variables) =>
        JsonSerializer.Serialize(variables, InstanceStateJson.Options);

    public static Dictionary<string, JsonElement> Deserialize(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json, InstanceStateJson.Options) ?? [];
}
