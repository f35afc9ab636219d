using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Reports.Pages;
using ServiceFlow.Web.Features.Reports.Targets;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Scorecards;

public sealed record ScorecardRow(string Key, IReadOnlyDictionary<string, MeasureValue> Values, IReadOnlyDictionary<string, bool?> Met);

/// Per handler, department or group: the scorecard figures (Dashboards.Scorecard) of the tickets recorded in the period,
/// each against its target. `Complaints` says that complaints are the low survey scores until complaint handling exists.
public sealed record ScorecardReport(string By, string From, string To, string TimeZone, IReadOnlyList<MeasureInfo> Measures,
    IReadOnlyList<TargetDto> Targets, IReadOnlyList<ScorecardRow> Rows, ScorecardRow Total, string Complaints);

/// Scorecards (seed 000 §6.3, 003 §5): report readers (supervisors, quality, management) see everyone's; anyone else
/// sees their own, as a handler — the same figures over the tickets they handle.
internal static class Scorecard
{
    public static readonly IReadOnlyList<string> By = ["handler", "department", "group"];

    public const string ComplaintsNote =
        "A complaint is a survey answered with 1 or 2 together with the customer's words of why; the complaint rate counts them among the tickets recorded. Low scores without words count as low scores only.";

    public static ReportScope Scope(ReportRequest request, string? by, ClaimsPrincipal user, SlaCalendars calendars, TimeProvider clock)
    {
        by = By.FirstOrDefault(b => b.Equals(by ?? "handler", StringComparison.OrdinalIgnoreCase))
            ?? throw RuntimeProblem.BadRequest($"A scorecard is by {string.Join(", ", By)}, not '{by}'.");
        var zone = calendars.Get("default").TimeZone;
        var now = clock.GetUtcNow();
        if (request.From is null && request.To is null)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            var month = new DateOnly(today.Year, today.Month, 1);
            (request.From, request.To) = (ReportLinks.Day(month), ReportLinks.Day(month.AddMonths(1)));
        }
        request.GroupBy = by;
        if (ReportPolicies.SeesReports(user))
            return ReportScope.Parse(request, zone, now, mine: null);
        if (by != "handler")
            throw RuntimeProblem.Forbidden("Your scorecard shows you as a handler; scorecards by department or group are for supervisors and quality staff.");
        if (request.Source is { Length: > 0 } source && !source.Equals(Facts.ReportFact.DeskSource, StringComparison.OrdinalIgnoreCase))
            throw RuntimeProblem.Forbidden("Imported history is shown to supervisors, quality supervisors, process owners, auditors and administrators.");
        request.Handler = [user.Identity?.Name ?? ""];
        return ReportScope.Parse(request, zone, now, mine: null);
    }

    public static async Task<ScorecardReport> ComputeAsync(ServiceFlowDbContext db, MeasureService engine, ReportScope scope, CancellationToken ct)
    {
        var measures = Dashboards.Scorecard.Select(k => MeasureCatalog.Find(k)!).ToList();
        var report = await engine.ComputeAsync(db, scope, measures, ct);
        var targets = await db.Set<ReportTarget>().AsNoTracking().Where(t => Dashboards.Scorecard.Contains(t.Measure)).OrderBy(t => t.Measure).ToListAsync(ct);
        ScorecardRow Row(MeasureRow r) => new(r.Key, r.Values, targets.ToDictionary(t => t.Measure,
            t => r.Values.TryGetValue(t.Measure, out var v) && v.Value is { } x ? t.IsMet(x) : (bool?)null));
        return new ScorecardReport(scope.GroupBy!, report.From, report.To, report.TimeZone, report.Measures,
            [.. targets.Select(t => new TargetDto(t.Measure, t.Comparison, t.Value, t.UpdatedAt, t.UpdatedBy))],
            [.. report.Rows.Select(Row)], Row(report.Total), ComplaintsNote);
    }

    /// The scorecard as an export table: the measures table with a "target met" column for every measure that has a target.
    public static List<Dictionary<string, object?>> Table(ScorecardReport card, Microsoft.Extensions.Localization.IStringLocalizer l)
    {
        static MeasureRow AsRow(ScorecardRow r) => new(r.Key, null, null, r.Values);
        var asMeasures = new MeasureReport("", card.From, card.To, card.TimeZone, card.By, new Dictionary<string, string[]>(), card.Measures,
            [.. card.Rows.Select(AsRow)], AsRow(card.Total), null);
        var lines = Exports.ReportExports.MeasureTable(asMeasures, l);
        var rows = card.Rows.Append(card.Total).ToList();
        for (var i = 0; i < lines.Count && i < rows.Count; i++)
            foreach (var t in card.Targets)
                lines[i][l["{0}: target {1} met", MeasureText.Label(l, t.Measure), $"{t.Comparison} {TileBuilder.Target(MeasureCatalog.Find(t.Measure)!, t.Value)}"].Value] =
                    rows[i].Met.GetValueOrDefault(t.Measure) switch { true => l["Yes"].Value, false => l["No"].Value, _ => "—" };
        return lines;
    }

    public static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
