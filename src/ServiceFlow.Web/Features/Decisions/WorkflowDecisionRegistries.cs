using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Model;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Decisions;

/// InterpreterOptions.Decisions for a workflow version: a registry of the DMN versions it pinned. Pins are
/// written with the workflow version and never change, so the registry is built once per version and node.
internal sealed class WorkflowDecisionRegistries(IServiceScopeFactory scopes) : IWorkflowDecisions
{
    readonly ConcurrentDictionary<Guid, DecisionRegistry> registries = new();

    public async ValueTask<DecisionRegistry> ForAsync(Guid definitionId, ProcessDefinition process, CancellationToken ct)
    {
        if (registries.TryGetValue(definitionId, out var hit))
            return hit;
        if (!process.Nodes.Values.Any(n => n.Kind == NodeKind.BusinessRuleTask))
            return registries.GetOrAdd(definitionId, DecisionRegistry.Empty);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var pins = await DecisionArtifacts.PinsOfAsync(db, definitionId, ct);
        var keys = pins.Keys.ToList();
        var versions = (await DecisionStore.Versions(db).Where(v => keys.Contains(v.Key)).ToListAsync(ct))
            .Where(v => pins[v.Key] == v.Version).OrderBy(v => v.Key, StringComparer.Ordinal).Select(DecisionVersion.Of);
        var registry = new DecisionRegistry(versions.Select(Deployment));
        return registries.GetOrAdd(definitionId, registry);
    }

    public async Task<DecisionRegistry> LatestAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var latest = await DecisionStore.AllLatestAsync(scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>(), ct);
        return new DecisionRegistry(latest.Select(Deployment));
    }

    static DecisionDeployment Deployment(DecisionVersion v) =>
        new(v.Document, v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
