using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Decisions;

/// The decisions side of publishing a workflow: every decision a business rule task names must be published;
/// a new workflow version pins the DMN versions it runs with (the newest, or on a rollback those of the version
/// rolled back to). A decision published later changes nothing for the instances already running.
internal sealed class DecisionArtifacts(DecisionStore decisions) : IWorkflowArtifacts
{
    public Task DeployShippedAsync(CancellationToken ct) => decisions.DeployShippedAsync(ct);

    public async Task<IReadOnlyList<ValidationIssue>> CheckAsync(ServiceFlowDbContext db, ProcessDefinition process, CancellationToken ct)
    {
        var named = NamedBy(process).Where(x => x.DecisionId is not null).ToList();
        if (named.Count == 0)
            return [];
        var latest = await DecisionStore.AllLatestAsync(db, ct);
        return named.Where(x => !latest.Any(v => v.DecisionIds.Contains(x.DecisionId!)))
            .Select(x => new ValidationIssue(Severity.Error, x.Node.Id, x.Node.Line, "decision-missing",
                $"'{x.Node.Name ?? x.Node.Id}' calls decision '{x.DecisionId}', which is not published: publish a DMN file declaring it "
                + $"(decisions/{x.DecisionId}.dmn or Decisions in the designer), or correct the decisionRef."))
            .ToList();
    }

    public async Task<bool> PinsMatchAsync(ServiceFlowDbContext db, WorkflowDefinition latest, ProcessDefinition process, Guid? pinsOf, CancellationToken ct)
    {
        var wanted = await WantedAsync(db, process, pinsOf, ct);
        var pinned = await PinsOfAsync(db, latest.Id, ct);
        return wanted.Count == pinned.Count && wanted.All(w => pinned.TryGetValue(w.Key, out var v) && v == w.Value);
    }

    public async Task PinAsync(ServiceFlowDbContext db, WorkflowDefinition created, ProcessDefinition process, Guid? pinsOf, CancellationToken ct)
    {
        foreach (var (key, version) in await WantedAsync(db, process, pinsOf, ct))
            db.ArtifactPins.Add(new ArtifactPin { DefinitionId = created.Id, Kind = ArtifactKinds.Decision, Key = key, Version = version });
    }

    /// The business rule tasks of a process and the decision each calls; null when the decisionRef is an
    /// expression (${...}), decided only at run time.
    public static IEnumerable<(FlowNode Node, string? DecisionId)> NamedBy(ProcessDefinition process) =>
        process.Nodes.Values.Where(n => n.Kind == NodeKind.BusinessRuleTask && n.DecisionCall is not null)
            .Select(n => (n, IsExpression(n.DecisionCall!.DecisionRef) ? null : n.DecisionCall.DecisionRef.Trim()));

    static bool IsExpression(string decisionRef) => decisionRef.Contains("${", StringComparison.Ordinal) || decisionRef.Contains("#{", StringComparison.Ordinal);

    /// Key → version: the DMN documents declaring the decisions the process calls; all of them when a
    /// decisionRef is an expression, since any decision may be the one it names.
    static async Task<Dictionary<string, int>> WantedAsync(ServiceFlowDbContext db, ProcessDefinition process, Guid? pinsOf, CancellationToken ct)
    {
        var named = NamedBy(process).ToList();
        if (named.Count == 0)
            return [];
        var latest = await DecisionStore.AllLatestAsync(db, ct);
        var old = pinsOf is { } id ? await PinsOfAsync(db, id, ct) : [];
        var keys = named.Any(x => x.DecisionId is null)
            ? latest.Select(v => v.Key)
            : latest.Where(v => named.Any(x => v.DecisionIds.Contains(x.DecisionId!))).Select(v => v.Key);
        return keys.ToDictionary(k => k, k => old.TryGetValue(k, out var version) ? version : latest.Single(v => v.Key == k).Version);
    }

    public static Task<Dictionary<string, int>> PinsOfAsync(ServiceFlowDbContext db, Guid definitionId, CancellationToken ct) =>
        db.ArtifactPins.AsNoTracking().Where(p => p.DefinitionId == definitionId && p.Kind == ArtifactKinds.Decision).ToDictionaryAsync(p => p.Key, p => p.Version, ct);
}
