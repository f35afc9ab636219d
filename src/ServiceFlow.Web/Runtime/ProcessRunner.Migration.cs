using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Migration;

namespace ServiceFlow.Web.Runtime;

internal sealed partial class ProcessRunner
{
    /// Moves a running instance to another version of its workflow. The engine checks that every
    /// active node exists in the target (directly or through `nodeMap`) before anything changes.
    public Task<ProcessInstance> MigrateAsync(Guid instanceId, int toVersion, IReadOnlyDictionary<string, string>? nodeMap, string? user, CancellationToken ct = default) =>
        InTransactionAsync(user, async ctx =>
        {
            var instance = await ctx.Db.ProcessInstances.SingleOrDefaultAsync(i => i.Id == instanceId, ct)
                ?? throw RuntimeProblem.NotFound($"There is no process instance {instanceId}.");
            if (instance.Status != InstanceStatus.Running)
                throw RuntimeProblem.Conflict($"Instance {instanceId} is {instance.Status.ToString().ToLowerInvariant()}; only running instances can be migrated.");
            var target = await ctx.Db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Key == instance.WorkflowKey && d.Version == toVersion, ct)
                ?? throw RuntimeProblem.NotFound($"Workflow '{instance.WorkflowKey}' has no version {toVersion}.");
            if (target.Id == instance.DefinitionId)
                throw RuntimeProblem.Conflict($"Instance {instanceId} already runs on version {toVersion}.");
            var map = nodeMap ?? new Dictionary<string, string>();
            var result = InstanceMigrator.Migrate(InstanceStateJson.Deserialize(instance.State),
                await definitions.GetAsync(instance.DefinitionId, ct), await definitions.GetAsync(target.Id, ct), map);
            if (!result.Succeeded)
                throw RuntimeProblem.BadRequest($"Instance {instanceId} cannot move to version {toVersion}: {string.Join("; ", result.Errors)}");

            var fromVersion = instance.Version;
            instance.DefinitionId = target.Id;
            instance.Version = target.Version;
            instance.State = InstanceStateJson.Serialize(result.State!);
            foreach (var task in await ctx.Db.UserTasks.Where(t => t.InstanceId == instanceId && t.Status == UserTaskStatus.Open).ToListAsync(ct))
                task.ActivityId = map.GetValueOrDefault(task.ActivityId, task.ActivityId);
            foreach (var bookmark in await ctx.Db.Bookmarks.Where(b => b.InstanceId == instanceId).ToListAsync(ct))
                bookmark.ActivityId = map.GetValueOrDefault(bookmark.ActivityId, bookmark.ActivityId);
            ctx.Db.Journal.Add(JournalRows.Step(instanceId, ctx.Now, ctx.User,
                [new JournalStepEntry(ctx.Now, "Migrated", null, null,
                    $"version {fromVersion} → {toVersion}" + (map.Count == 0 ? "" : $"; nodes {string.Join(", ", map.Select(kv => $"{kv.Key}→{kv.Value}"))}"))]));
            return instance;
        }, ct);
}
