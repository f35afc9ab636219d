using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Migration;

/// <summary>The outcome of <see cref="InstanceMigrator.Migrate"/>.</summary>
/// <param name="State">The migrated state, or null when there were errors.</param>
/// <param name="Errors">Why the instance cannot be migrated; empty on success.</param>
public sealed record MigrationResult(InstanceState? State, IReadOnlyList<string> Errors)
{
    /// <summary>True when <see cref="State"/> holds the migrated state.</summary>
    public bool Succeeded => State is not null;
}

/// <summary>
/// Moves a running instance to another version of its process. Pure: it rewrites node ids only; task, timer,
/// subscription and job ids stay the same so the host's inbox rows and scheduled jobs stay valid.
/// </summary>
public static class InstanceMigrator
{
    /// <summary>Migrates <paramref name="state"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="state">The instance state, pinned to <paramref name="from"/>.</param>
    /// <param name="from">The version the instance runs on.</param>
    /// <param name="to">The target version.</param>
    /// <param name="nodeMap">Old node/flow id → new id, for elements that were renamed; unmapped ids stay as they are.</param>
    /// <returns>The new state, or every reason it cannot be migrated.</returns>
    public static MigrationResult Migrate(InstanceState state, ProcessDefinition from, ProcessDefinition to, IReadOnlyDictionary<string, string> nodeMap)
    {
        var errors = new List<string>();
        string Map(string id) => nodeMap.TryGetValue(id, out var mapped) ? mapped : id;

        FlowNode? Target(string oldId, string what)
        {
            if (!from.Nodes.TryGetValue(oldId, out var oldNode))
            {
                errors.Add($"{what}: node '{oldId}' is not part of the source version");
                return null;
            }

            if (!to.Nodes.TryGetValue(Map(oldId), out var newNode))
            {
                errors.Add($"{what}: node '{oldId}' does not exist in the target version; map it to a node that does");
                return null;
            }

            if (newNode.Kind != oldNode.Kind || newNode.EventKind != oldNode.EventKind)
            {
                errors.Add($"{what}: '{oldId}' is a {oldNode.ElementType} ({oldNode.EventKind}) but '{newNode.Id}' is a {newNode.ElementType} ({newNode.EventKind})");
                return null;
            }

            return newNode;
        }

        var scopes = state.Scopes.Select(s => Target(s.ActivityId, $"scope {s.Id}") is { } n ? s with { ActivityId = n.Id } : s).ToList();
        var scopeById = scopes.ToDictionary(s => s.Id);

        // The model scope a scope instance stands for: a loop's body and passes sit inside the activity's own scope.
        string? ModelScope(string? scopeId)
        {
            while (scopeId is not null && scopeById.TryGetValue(scopeId, out var scope) && scope.Kind is ScopeKind.MultiInstance or ScopeKind.LoopItem)
            {
                scopeId = scope.ParentScopeId;
            }

            return scopeId is not null && scopeById.TryGetValue(scopeId, out var found) ? found.ActivityId : null;
        }

        var tokens = state.Tokens.Select(t =>
        {
            if (Target(t.NodeId, $"token {t.Id}") is not { } node)
            {
                return t;
            }

            var expectedScope = ModelScope(t.ScopeId);
            if (node.ScopeId != expectedScope)
            {
                errors.Add($"token {t.Id}: '{node.Id}' lies in scope '{node.ScopeId ?? "(process)"}' in the target version, not '{expectedScope ?? "(process)"}'");
            }

            var via = t.ArrivedVia is null ? null : Map(t.ArrivedVia);
            if (t.State == TokenState.Joining && (via is null || !to.Incoming(node.Id).Any(f => f.Id == via)))
            {
                errors.Add($"token {t.Id} waits at join '{node.Id}' via '{t.ArrivedVia}', which does not enter it in the target version");
            }

            return t with { NodeId = node.Id, ArrivedVia = via };
        }).ToList();

        var waits = state.Waits.Select(w => Target(w.ActivityId, $"{w.Kind} {w.Id}") is { } n ? w with { ActivityId = n.Id } : w).ToList();
        foreach (var wait in waits.Where(w => to.Nodes.TryGetValue(w.ActivityId, out var n) && n.Kind == NodeKind.BoundaryEvent))
        {
            var owner = tokens.Find(t => t.Id == wait.TokenId);
            if (owner is not null && to.Nodes[wait.ActivityId].AttachedToRef != owner.NodeId)
            {
                errors.Add($"boundary {wait.Id}: '{wait.ActivityId}' is not attached to '{owner.NodeId}' in the target version");
            }
        }

        var incidents = state.Incidents.Select(i => i with { ActivityId = Map(i.ActivityId) }).ToList();
        var compensations = state.Compensations.Select(c => c with { ActivityId = Map(c.ActivityId), HandlerId = Map(c.HandlerId) }).ToList();
        if (errors.Count > 0)
        {
            return new MigrationResult(null, errors);
        }

        return new MigrationResult(state with
        {
            Tokens = [.. tokens],
            Scopes = [.. scopes],
            Waits = [.. waits],
            Incidents = [.. incidents],
            Compensations = [.. compensations],
        }, []);
    }
}
