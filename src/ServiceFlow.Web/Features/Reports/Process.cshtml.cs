using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Reports.Process;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports;

/// A workflow version's diagram coloured by where its time goes (heatmap.js draws it from the API), and the table.
[Authorize(Policy = ReportPolicies.Reports)]
internal sealed class ProcessModel(ServiceFlowDbContext db, DefinitionStore definitions, SlaCalendars calendars, TimeProvider clock,
    Localization.WorkflowText workflowText, Microsoft.Extensions.Localization.IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Workflow { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Priority { get; set; }
    public IReadOnlyList<string> Workflows { get; private set; } = [];
    /// Each workflow's name in the reader's language (its latest version's), by key; the key where it has none.
    public IReadOnlyDictionary<string, string> WorkflowNames { get; private set; } = new Dictionary<string, string>();
    public string NameOf(string key) => WorkflowNames.GetValueOrDefault(key, key);
    public ProcessHeat? Heat { get; private set; }
    public string Api { get; private set; } = "";
    public string? Error { get; private set; }

    /// Node and flow names in the reader's language; a flow without a name is "from → to".
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var latest = (await db.WorkflowDefinitions.AsNoTracking().Select(d => new { d.Key, d.Id, d.Version, d.Name }).ToListAsync(ct))
            .GroupBy(d => d.Key).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        Workflows = [.. latest.Select(d => d.Key)];
        var workflowNames = new Dictionary<string, string>();
        foreach (var d in latest)
            workflowNames[d.Key] = await workflowText.ProcessNameAsync(d.Id, ct) ?? (string.IsNullOrWhiteSpace(d.Name) ? d.Key : d.Name);
        WorkflowNames = workflowNames;
        Workflow ??= Workflows.Contains("service-exception") ? "service-exception" : Workflows.Count > 0 ? Workflows[0] : null;
        if (Workflow is null)
            return Page();
        try
        {
            var scope = ReportPolicies.Scope(new ReportRequest { From = From, To = To }, User, calendars, clock);
            (From, To) = (ReportLinks.Day(scope.FromDate), ReportLinks.Day(scope.ToDate));
            var priorities = string.IsNullOrWhiteSpace(Priority) ? [] : new[] { Priority.Trim().ToUpperInvariant() };
            Heat = await ProcessHeatmap.ComputeAsync(db, definitions, Workflow, Version, scope, priorities, ct);
            Version = Heat.Version;
            var names = new Dictionary<string, string>();
            foreach (var n in Heat.Nodes)
                names[n.Id] = await workflowText.NameAsync(Heat.DefinitionId, n.Id, ct) ?? n.Name ?? n.Id;
            async Task<string> NodeName(string? id) => id is null ? "?" : names.GetValueOrDefault(id) ?? await workflowText.NameAsync(Heat.DefinitionId, id, ct) ?? id;
            foreach (var f in Heat.Flows)
                names[f.Id] = await workflowText.NameAsync(Heat.DefinitionId, f.Id, ct) ?? f.Name ?? $"{await NodeName(f.From)} → {await NodeName(f.To)}";
            Names = names;
            Api = $"/api/reports/process?workflow={Uri.EscapeDataString(Workflow)}&version={Heat.Version}&from={From}&to={To}" +
                (priorities.Length > 0 ? $"&priority={priorities[0]}" : "");
        }
        catch (RuntimeProblem problem)
        {
            Error = problem.Message;
            Response.StatusCode = problem.Status;
        }
        return Page();
    }

    public string Time(double? seconds) => seconds switch
    {
        null => "—",
        < 3600 => l["{0} min", (seconds.Value / 60).ToString("0", System.Globalization.CultureInfo.CurrentCulture)].Value,
        _ => l["{0} h", (seconds.Value / 3600).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture)].Value,
    };
}
