using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Process;

internal static class ProcessHeatmapApi
{
    public static void MapProcessHeatmapApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/process", async (string? workflow, int? version, string? from, string? to, string[]? priority,
                [AsParameters] ReportContext c, DefinitionStore definitions, Localization.WorkflowText names, CancellationToken ct) =>
            {
                var scope = ReportPolicies.Scope(new ReportRequest { From = from, To = to }, c.User, c.Calendars, c.Clock);
                var priorities = priority?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim().ToUpperInvariant()).Distinct().ToArray() ?? [];
                var heat = await ProcessHeatmap.ComputeAsync(c.Db, definitions, string.IsNullOrWhiteSpace(workflow) ? "service-exception" : workflow.Trim(),
                    version, scope, priorities, ct);
                // The diagram reads in the caller's language (sf:name-<culture>), like the instance viewer's.
                return TypedResults.Ok(heat with { Xml = names.ViewerXml(heat.DefinitionId, heat.Xml) });
            })
            .WithTags("Reports").RequireAuthorization(ReportPolicies.Reports)
            .WithSummary("Visits and time per node and flow of a workflow version, from its journal (instances started in the period)");
}
