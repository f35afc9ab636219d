using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Forms;

/// The forms side of publishing a workflow: every form a task names must exist and be valid; a new
/// workflow version pins the form versions it runs with (the newest, or on a rollback those of the version
/// rolled back to); a form published later changes nothing for the instances already running.
internal sealed class FormArtifacts(FormStore forms) : IWorkflowArtifacts
{
    public Task DeployShippedAsync(CancellationToken ct) => forms.DeployShippedAsync(ct);

    public async Task<IReadOnlyList<ValidationIssue>> CheckAsync(ServiceFlowDbContext db, ProcessDefinition process, CancellationToken ct) =>
        await CheckAsync(db, process, withDrafts: false, ct);

    /// `withDrafts`: what the designer shows while editing (a form's draft counts as the form).
    public async Task<IReadOnlyList<ValidationIssue>> CheckAsync(ServiceFlowDbContext db, ProcessDefinition process, bool withDrafts, CancellationToken ct)
    {
        var issues = new List<ValidationIssue>();
        var schemas = new List<FormSchema>();
        foreach (var (node, key) in FormStore.NamedBy(process))
        {
            if (!FormStore.IsOurs(key))
            {
                issues.Add(new(Severity.Warning, node.Id, node.Line, "form-external",
                    $"'{node.Name ?? node.Id}' names the form '{key}' of another product; ServiceFlow shows a comment box for it. Design a form for it here instead."));
                continue;
            }
            var draft = withDrafts ? await db.ArtifactDrafts.AsNoTracking().Where(d => d.Kind == ArtifactKinds.Form && d.Key == key).Select(d => d.Content).SingleOrDefaultAsync(ct) : null;
            var schema = draft is not null ? FormSchema.Parse(key, draft) : await FormStore.LatestAsync(db, key, ct) is { } latest ? forms.Parsed(latest) : null;
            if (schema is null)
            {
                issues.Add(new(Severity.Error, node.Id, node.Line, "form-missing",
                    $"'{node.Name ?? node.Id}' names the form '{key}', which does not exist: design it with Edit form, or add forms/{key}.json."));
                continue;
            }
            schemas.Add(schema);
            issues.AddRange(schema.Problems.Select(p => new ValidationIssue(Severity.Error, node.Id, node.Line, "form-invalid", p)));
        }
        issues.AddRange(GatewayReads.Unset(process, schemas));
        return issues;
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
            db.ArtifactPins.Add(new ArtifactPin { DefinitionId = created.Id, Kind = ArtifactKinds.Form, Key = key, Version = version });
    }

    static async Task<Dictionary<string, int>> WantedAsync(ServiceFlowDbContext db, ProcessDefinition process, Guid? pinsOf, CancellationToken ct)
    {
        var keys = FormStore.NamedBy(process).Select(x => x.Key).Where(FormStore.IsOurs).Distinct().ToList();
        var old = pinsOf is { } id ? await PinsOfAsync(db, id, ct) : [];
        var wanted = new Dictionary<string, int>();
        foreach (var key in keys)
        {
            if (old.TryGetValue(key, out var version))
                wanted[key] = version;
            else if (await FormStore.LatestAsync(db, key, ct) is { } latest)
                wanted[key] = latest.Version;
        }
        return wanted;
    }

    static Task<Dictionary<string, int>> PinsOfAsync(ServiceFlowDbContext db, Guid definitionId, CancellationToken ct) =>
        db.ArtifactPins.AsNoTracking().Where(p => p.DefinitionId == definitionId && p.Kind == ArtifactKinds.Form).ToDictionaryAsync(p => p.Key, p => p.Version, ct);
}
