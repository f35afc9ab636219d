using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Exports;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Reports.Pages;
using ServiceFlow.Web.Features.Reports.Scorecards;
using ServiceFlow.Web.Features.Reports.Targets;

namespace ServiceFlow.Web.Features.Reports.Scheduled;

/// One subscription's figures for one period, computed once (the same MeasureService call as the pages), then
/// written for each recipient's language: the key figures against targets for the mail, the workbook to attach.
internal sealed record ReportContent(ReportSubscription Subscription, ReportScope Scope, DateOnly From, DateOnly To, MeasureReport Current,
    MeasureReport Previous, MeasureReport? Grouped, ScorecardReport? Card, IReadOnlyDictionary<string, ReportTarget> Targets)
{
    public static async Task<ReportContent> ComputeAsync(ServiceFlowDbContext db, MeasureService engine, ReportSubscription s, DateOnly from,
        TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        var to = ReportPeriods.Next(s.Period, from);
        var request = SubscriptionRules.ToRequest(s.Filters);
        (request.From, request.To, request.GroupBy) = (ReportLinks.Day(from), ReportLinks.Day(to), s.GroupBy);
        var scope = ReportScope.Parse(request, zone, now, s.Report == "me" ? s.Owner : null);
        var keys = s.Report == "measures" ? s.Measures : Dashboards.Of(s.Report);
        var measures = keys.Select(k => MeasureCatalog.Find(k)).OfType<Measure>().ToList();
        var total = scope with { GroupBy = null };
        var before = ReportPeriods.Previous(s.Period, from);
        var previous = total with { FromDate = before, ToDate = from, From = ReportScope.Instant(before, zone), To = ReportScope.Instant(from, zone) };
        var card = s.Report == "scorecard" ? await Scorecard.ComputeAsync(db, engine, scope, ct) : null;
        var grouped = s.Report == "measures" && scope.GroupBy is not null ? await engine.ComputeAsync(db, scope, measures, ct) : null;
        var targets = await db.Set<ReportTarget>().AsNoTracking().ToDictionaryAsync(t => t.Measure, ct);
        return new ReportContent(s, scope, from, to, await engine.ComputeAsync(db, total, measures, ct), await engine.ComputeAsync(db, previous, measures, ct),
            grouped, card, targets);
    }

    public string PeriodLabel => ReportPeriods.Label(Subscription.Period, From);

    public string FileName => $"{Subscription.Report}-{PeriodLabel}.xlsx";

    /// The key figures as the mail's table, in the current UI culture: label, value, the period before, target, met or missed.
    public List<Dictionary<string, object?>> Figures(IStringLocalizer l) => [.. Current.Measures.Select(info =>
    {
        var m = MeasureCatalog.Find(info.Key)!;
        var value = Current.Total.Values[m.Key];
        var target = Targets.GetValueOrDefault(m.Key);
        bool? met = target is not null && value.Value is { } x ? target.IsMet(x) : null;
        return new Dictionary<string, object?>
        {
            ["label"] = MeasureText.Label(l, m.Key),
            ["value"] = MeasureText.Display(m, value.Value),
            ["n"] = value.N,
            ["previous"] = MeasureText.Display(m, Previous.Total.Values[m.Key].Value),
            ["target"] = target is null ? "" : $"{target.Comparison} {TileBuilder.Target(m, target.Value)}",
            ["met"] = met switch { true => "met", false => "missed", _ => "" },
        };
    })];

    /// The workbook, in the current UI culture: the key figures against targets, the measures export of the period
    /// (as GET /api/reports/measures.xlsx gives it) and, for a scorecard or a grouped report, its table.
    public async Task<byte[]> XlsxAsync(IStringLocalizer l, CancellationToken ct)
    {
        var summary = Figures(l).Select(f => new Dictionary<string, object?>
        {
            [l["Measure"]] = f["label"],
            [l["Value"]] = f["value"],
            [l["Tickets"]] = f["n"],
            [l["Previous period"]] = f["previous"],
            [l["Target"]] = f["target"],
            [l["Met"]] = (string)f["met"]! switch { "met" => l["met"].Value, "missed" => l["missed"].Value, _ => "" },
        }).ToList();
        var sheets = new Dictionary<string, IReadOnlyList<Dictionary<string, object?>>>
        {
            [l["Summary"]] = summary,
            [l["Report"]] = ReportExports.MeasureTable(Current, l),
        };
        if (Card is not null)
            sheets[l["Scorecard"]] = Scorecard.Table(Card, l);
        if (Grouped is not null)
            sheets[l[ReportExports.Dimension(Grouped.GroupBy!)]] = ReportExports.MeasureTable(Grouped, l);
        return await ReportExports.XlsxAsync(sheets, ct);
    }

    /// The live report this mail summarises, as a path (the template makes it absolute with ServiceFlow:PublicUrl).
    public string Link()
    {
        var s = Subscription;
        var month = From.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (s.Period == ReportPeriod.Monthly && s.Filters.Length == 0 && s.Report is "quality" or "management")
            return $"/reports?view={s.Report}&month={month}";
        if (s.Period == ReportPeriod.Monthly && s.Filters.Length == 0 && s.Report == "scorecard")
            return $"/reports/scorecards?by={s.GroupBy}&month={month}";
        if (s.Report == "me")
            return "/reports/me";
        var keys = string.Join(",", Current.Measures.Select(m => m.Key));
        return $"/reports/explore?{ReportLinks.Query(Scope with { GroupBy = null }, ("groupBy", Scope.GroupBy ?? "day"), ("measures", keys))}";
    }
}
