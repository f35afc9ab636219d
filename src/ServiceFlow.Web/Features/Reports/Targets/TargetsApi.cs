using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Targets;

public sealed record TargetRequest(string? Comparison, double? Value);

public sealed record TargetDto(string Measure, string Comparison, double Value, DateTimeOffset UpdatedAt, string? UpdatedBy);

/// A target with how the measure did against it: month by month over the period and over the whole period.
public sealed record TargetStatus(TargetDto Target, MeasureInfo Measure, MeasureValue Total, bool? Met, IReadOnlyList<TargetMonth> Months);

public sealed record TargetMonth(string Month, string From, string To, MeasureValue Value, bool? Met);

/// Targets the organisation sets (seed 003 §4.1.3: "on time ≥ X %", "satisfaction ≥ X of Y"): every signed-in
/// user reads them (scorecards show them too); administrators and quality supervisors set and remove them.
internal static class TargetsApi
{
    public static void MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var targets = app.MapGroup("/api/reports/targets").WithTags("Reports").RequireAuthorization(Policies.Staff);

        targets.MapGet("/", async (ServiceFlowDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.Set<ReportTarget>().AsNoTracking().OrderBy(t => t.Measure).ToListAsync(ct)).Select(Dto).ToList()));

        targets.MapGet("/status", async ([AsParameters] ReportRequest request, [AsParameters] ReportContext c, CancellationToken ct) =>
            TypedResults.Ok(await StatusAsync(request, c, ct)))
            .WithSummary("Each target with the measure month by month (default: the last six months) and met or missed");

        targets.MapPut("/{measure}", async Task<Results<Ok<TargetDto>, ProblemHttpResult>> (string measure, TargetRequest request, ServiceFlowDbContext db,
            ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var m = MeasureCatalog.Find(measure);
            if (m is null || m.Kind is MeasureKind.Distribution)
                return Problems.BadRequest($"'{measure}' is not a measure a target can be set for; see docs/reports.md.");
            if (request.Comparison is not (">=" or "<="))
                return Problems.BadRequest("comparison is \">=\" (at least) or \"<=\" (at most).");
            if (Invalid(m, request.Value) is { } problem)
                return Problems.BadRequest(problem);
            var target = await db.Set<ReportTarget>().SingleOrDefaultAsync(t => t.Measure == m.Key, ct);
            if (target is null)
                db.Add(target = new ReportTarget { Measure = m.Key });
            (target.Comparison, target.Value, target.UpdatedAt, target.UpdatedBy) = (request.Comparison, request.Value!.Value, clock.GetUtcNow(), user.Identity?.Name);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(Dto(target));
        }).RequireAuthorization(ReportPolicies.Targets);

        targets.MapDelete("/{measure}", async Task<Results<NoContent, ProblemHttpResult>> (string measure, ServiceFlowDbContext db, CancellationToken ct) =>
            await db.Set<ReportTarget>().Where(t => t.Measure == measure).ExecuteDeleteAsync(ct) > 0
                ? TypedResults.NoContent()
                : Problems.NotFound($"There is no target for '{measure}'."))
            .RequireAuthorization(ReportPolicies.Targets);
    }

    static string? Invalid(Measure m, double? value) => value switch
    {
        null => "value is required.",
        { } v when double.IsNaN(v) || double.IsInfinity(v) => "value must be a number.",
        { } v when m.Kind == MeasureKind.Rate && v is < 0 or > 1 => $"{m.Key} is a rate: give it as a fraction between 0 and 1 (95 % is 0.95).",
        { } v when m.Kind == MeasureKind.Average && v is < 1 or > 5 => $"{m.Key} is a score from 1 to 5.",
        { } v when v < 0 => $"{m.Key} cannot be negative.",
        _ => null,
    };

    static TargetDto Dto(ReportTarget t) => new(t.Measure, t.Comparison, t.Value, t.UpdatedAt, t.UpdatedBy);

    public static async Task<List<TargetStatus>> StatusAsync(ReportRequest request, ReportContext c, CancellationToken ct)
    {
        var targets = await c.Db.Set<ReportTarget>().AsNoTracking().OrderBy(t => t.Measure).ToListAsync(ct);
        if (targets.Count == 0)
            return [];
        if (request.From is null && request.To is null)
        {
            var zone = c.Calendars.Get("default").TimeZone;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.Clock.GetUtcNow(), zone).DateTime);
            var first = new DateOnly(today.Year, today.Month, 1);
            (request.From, request.To) = ($"{first.AddMonths(-5):yyyy-MM-dd}", $"{first.AddMonths(1):yyyy-MM-dd}");
        }
        request.GroupBy = "month";
        var measures = targets.Select(t => MeasureCatalog.Find(t.Measure)).OfType<Measure>().ToList();
        var report = await c.Engine.ComputeAsync(c.Db, ReportPolicies.Scope(request, c.User, c.Calendars, c.Clock), measures, ct);
        bool? Met(ReportTarget t, MeasureValue v) => v.Value is { } x ? t.IsMet(x) : null;
        return [.. targets.Where(t => MeasureCatalog.Find(t.Measure) is not null).Select(t =>
        {
            var m = MeasureCatalog.Find(t.Measure)!;
            var total = report.Total.Values[m.Key];
            return new TargetStatus(Dto(t), MeasureService.Info(m), total, Met(t, total),
                [.. report.Rows.Select(r => new TargetMonth(r.Key, r.From!, r.To!, r.Values[m.Key], Met(t, r.Values[m.Key])))]);
        })];
    }
}
