using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Exports;
using ServiceFlow.Web.Features.Reports.Facts;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Reports.Targets;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports;

/// /api/reports: the figures the pages show, as JSON, CSV and XLSX. Measures and the tickets behind them are
/// open to every signed-in user (staff outside the report roles get their own scorecard, see ReportPolicies);
/// the breakdowns and the fact rebuild name their own policies.
internal static class ReportsApi
{
    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Staff);

        reports.MapGet("/measures", async ([AsParameters] ReportRequest request, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.Ok(await MeasuresAsync(request, c, ct)))
            .WithSummary("Measures for a period, grouped by a period or a dimension, with filters (docs/reports.md)");
        reports.MapGet("/measures.csv", async ([AsParameters] ReportRequest request, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.File(ReportExports.Csv(ReportExports.MeasureTable(await MeasuresAsync(request, c, ct), c.L)), ReportExports.CsvType, "measures.csv"));
        reports.MapGet("/measures.xlsx", async ([AsParameters] ReportRequest request, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.File(await ReportExports.XlsxAsync(new Dictionary<string, IReadOnlyList<Dictionary<string, object?>>>
            { [c.L["Report"]] = ReportExports.MeasureTable(await MeasuresAsync(request, c, ct), c.L) }, ct), ReportExports.XlsxType, "measures.xlsx"));

        reports.MapGet("/tickets", async ([AsParameters] ReportRequest request, string? measure, int? limit, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.Ok(await DrillAsync(request, measure, Math.Clamp(limit ?? DrillDown.PageLimit, 1, DrillDown.ExportLimit), c, ct)))
            .WithSummary("The tickets behind a figure (measure=key), with the figure worked out from them");
        reports.MapGet("/tickets.csv", async ([AsParameters] ReportRequest request, string? measure, [AsParameters] ReportContext c, CancellationToken ct) =>
        {
            var (summary, tickets) = ReportExports.DrillTables(await DrillAsync(request, measure, DrillDown.ExportLimit, c, ct), c.L);
            return TypedResults.File(ReportExports.Csv(tickets), ReportExports.CsvType, $"tickets-{measure ?? "volume"}.csv");
        });
        reports.MapGet("/tickets.xlsx", async ([AsParameters] ReportRequest request, string? measure, [AsParameters] ReportContext c, CancellationToken ct) =>
        {
            var (summary, tickets) = ReportExports.DrillTables(await DrillAsync(request, measure, DrillDown.ExportLimit, c, ct), c.L);
            return TypedResults.File(await ReportExports.XlsxAsync(new Dictionary<string, IReadOnlyList<Dictionary<string, object?>>>
            { [c.L["Summary"]] = summary, [c.L["Tickets"]] = tickets }, ct), ReportExports.XlsxType, $"tickets-{measure ?? "volume"}.xlsx");
        });

        reports.MapGet("/pareto", async ([AsParameters] ReportRequest request, string? by, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.Ok(await Breakdowns.ParetoAsync(c.Db, c.Engine, Scope(request, c), by ?? "cause", ct)))
            .RequireAuthorization(ReportPolicies.Reports).WithSummary("Pareto of causes (by=cause) or service objects (by=serviceObject)");
        reports.MapGet("/arrivals", async ([AsParameters] ReportRequest request, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.Ok(await Breakdowns.ArrivalsAsync(c.Db, c.Engine, Scope(request, c), ct)))
            .RequireAuthorization(ReportPolicies.Reports).WithSummary("Tickets recorded by weekday (1 = Monday) and hour, desk time");

        reports.MapPost("/facts/rebuild", async Task<Ok<FactsRebuilt>> (ServiceFlowDbContext db, FactRefresher refresher, CancellationToken ct) =>
            TypedResults.Ok(new FactsRebuilt(await refresher.RefreshAsync(db, full: true, force: true, ct))))
            .RequireAuthorization(Policies.Admin).WithSummary("Recompute every desk ticket's facts (after changing the default calendar)");

        app.MapTargetsApi();
    }

    static ReportScope Scope(ReportRequest request, ReportContext c) => ReportPolicies.Scope(request, c.User, c.Calendars, c.Clock);

    static async Task<MeasureReport> MeasuresAsync(ReportRequest request, ReportContext c, CancellationToken ct) =>
        await c.Engine.ComputeAsync(c.Db, Scope(request, c), ParseMeasures(request.Measures), ct);

    static async Task<DrillDownList> DrillAsync(ReportRequest request, string? measure, int limit, ReportContext c, CancellationToken ct)
    {
        var m = MeasureCatalog.Find(measure ?? "volume") ?? throw RuntimeProblem.BadRequest($"measure '{measure}' is not known; see docs/reports.md for the list.");
        var scope = Scope(request, c);
        var titles = scope.Mine is not null || TicketAccess.SeesAll(c.User);
        return await DrillDown.ListAsync(c.Db, c.Engine, scope, m, titles, limit, ct);
    }

    /// `measures=a,b` or `measures=a&measures=b`; unknown keys are refused by name.
    public static List<Measure> ParseMeasures(string[]? keys)
    {
        var list = keys?.SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        if (list is not { Count: > 0 })
            return [.. MeasureCatalog.Default.Select(k => MeasureCatalog.Find(k)!)];
        var unknown = list.Where(k => MeasureCatalog.Find(k) is null).ToList();
        if (unknown.Count > 0)
            throw RuntimeProblem.BadRequest($"Unknown measure(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", MeasureCatalog.All.Select(m => m.Key))}.");
        return [.. list.Select(k => MeasureCatalog.Find(k)!)];
    }
}

internal sealed record FactsRebuilt(DateTimeOffset? RefreshedAt);

internal sealed record ReportContext(ServiceFlowDbContext Db, MeasureService Engine, SlaCalendars Calendars, TimeProvider Clock, ClaimsPrincipal User, IStringLocalizer L);
