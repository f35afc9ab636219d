using System.Collections.Concurrent;

namespace ServiceFlow.Web.Runtime;

/// An open user task and its instance as this node just wrote them (row versions included).
internal sealed record CachedTask(UserTask Task, ProcessInstance Instance);

/// Tasks this node created, kept so that completing one needs no read: the completion attaches the
/// copies and writes with the usual row-version guards. Anything that changed either row since (a
/// claim, a step on another node, a cancellation, a direct UPDATE) changes its xmin, the guarded
/// UPDATE hits no row and the runner retries reading from the database; so a stale entry costs one
/// retry and never a wrong write. Entries are used once; the cache is bounded and simply emptied when
/// full (it is an optimisation, not a source of truth).
internal sealed class CompletionCache
{
    public const int Capacity = 10_000;

    readonly ConcurrentDictionary<Guid, CachedTask> tasks = new();

    public void Remember(IReadOnlyList<CachedTask> written)
    {
        if (written.Count == 0)
            return;
        if (tasks.Count + written.Count > Capacity)
            tasks.Clear();
        foreach (var entry in written)
            tasks[entry.Task.Id] = entry;
    }

    public bool TryTake(Guid taskId, out CachedTask entry) => tasks.TryRemove(taskId, out entry!);

    public int Count => tasks.Count;
}
