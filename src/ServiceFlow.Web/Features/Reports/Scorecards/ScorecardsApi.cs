using Microsoft.AspNetCore.Mvc;
using ServiceFlow.Web.Features.Reports.Exports;
using ServiceFlow.Web.Features.Reports.Measures;

namespace ServiceFlow.Web.Features.Reports.Scorecards;

/// /api/reports/scorecards: every signed-in user; outside the report roles, their own row only (Scorecard.Scope).
internal static class ScorecardsApi
{
    public static void MapScorecardsApi(this IEndpointRouteBuilder app)
    {
        var cards = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Staff);

        cards.MapGet("/scorecards", async ([AsParameters] ReportRequest request, [FromQuery] string? by, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.Ok(await ComputeAsync(request, by, c, ct)))
            .WithSummary("Scorecards by handler, department or group (by=): handled, resolved, on time, satisfaction, reopened, low scores, against targets");
        cards.MapGet("/scorecards.csv", async ([AsParameters] ReportRequest request, [FromQuery] string? by, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.File(ReportExports.Csv(Scorecard.Table(await ComputeAsync(request, by, c, ct), c.L)), ReportExports.CsvType, "scorecards.csv"));
        cards.MapGet("/scorecards.xlsx", async ([AsParameters] ReportRequest request, [FromQuery] string? by, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.File(await ReportExports.XlsxAsync(new Dictionary<string, IReadOnlyList<Dictionary<string, object?>>>
            { [c.L["Scorecard"]] = Scorecard.Table(await ComputeAsync(request, by, c, ct), c.L) }, ct), ReportExports.XlsxType, "scorecards.xlsx"));
    }

    static async Task<ScorecardReport> ComputeAsync(ReportRequest request, string? by, ReportContext c, CancellationToken ct) =>
        await Scorecard.ComputeAsync(c.Db, c.Engine, Scorecard.Scope(request, by, c.User, c.Calendars, c.Clock), ct);
}
