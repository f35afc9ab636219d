using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Designer;

/// One process instance on the diagram of its version: where its tokens are, what it has done,
/// its journal and incidents; operators retry incidents and process owners migrate it.
[Authorize(Policy = Policies.Operator)]
internal sealed class InstanceModel(ServiceFlowDbContext db, InstanceAccess access, IAntiforgery antiforgery, Localization.WorkflowText workflowText) : PageModel
{
    public string ProcessName { get; private set; } = "";
    public sealed record DiagramState(IReadOnlyList<string> Active, IReadOnlyList<string> Completed, IReadOnlyList<string> Failed);

    public ProcessInstance Instance { get; private set; } = null!;
    public string Xml { get; private set; } = "";
    public DiagramState Marks { get; private set; } = null!;
    public IReadOnlyList<JournalRecord> Journal { get; private set; } = [];
    public IReadOnlyList<IncidentRecord> Incidents { get; private set; } = [];
    public IReadOnlyList<int> OtherVersions { get; private set; } = [];
    public bool CanMigrate { get; private set; }
    public string RequestToken { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var instance = await db.ProcessInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null || !await access.CanReadAsync(db, instance, User, ct))
            return NotFound();
        Instance = instance;
        var definition = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.Id == instance.DefinitionId).Select(d => new { d.Xml, d.Name }).SingleAsync(ct);
        Xml = workflowText.ViewerXml(instance.DefinitionId, definition.Xml);
        ProcessName = await workflowText.ProcessNameAsync(instance.DefinitionId, ct) ?? definition.Name ?? instance.WorkflowKey;
        Journal = await JournalRows.ReadAsync(db, id, max: 2000, ct: ct);
        Incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == id).OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
        var openIncidents = Incidents.Where(i => i.ResolvedAt is null && i.ActivityId is not null).Select(i => i.ActivityId!);
        var tokens = InstanceStateJson.Deserialize(instance.State).Tokens;
        Marks = new DiagramState(
            [.. tokens.Select(t => t.NodeId).Distinct(StringComparer.Ordinal)],
            [.. Journal.Where(j => j.Kind == nameof(JournalKind.NodeLeft) && j.NodeId is not null).Select(j => j.NodeId!).Distinct(StringComparer.Ordinal)],
            [.. openIncidents.Distinct(StringComparer.Ordinal)]);
        CanMigrate = instance.Status == InstanceStatus.Running && (User.IsInRole(Roles.Admin) || User.IsInRole(Roles.ProcessOwner));
        OtherVersions = await db.WorkflowDefinitions.Where(d => d.Key == instance.WorkflowKey && d.Version != instance.Version)
            .OrderByDescending(d => d.Version).Select(d => d.Version).ToListAsync(ct);
        RequestToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        return Page();
    }
}
