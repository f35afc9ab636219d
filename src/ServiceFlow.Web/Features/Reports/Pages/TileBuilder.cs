using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Reports.Targets;

namespace ServiceFlow.Web.Features.Reports.Pages;

/// Turns measures into dashboard tiles: the figure as the exports write it, its count, its drill-down and its target.
internal static class TileBuilder
{
    public static async Task<List<Tile>> BuildAsync(ServiceFlowDbContext db, MeasureService measures, ReportScope scope, IReadOnlyList<string> keys,
        IStringLocalizer l, CancellationToken ct)
    {
        var list = keys.Select(k => MeasureCatalog.Find(k)!).ToList();
        var report = await measures.ComputeAsync(db, scope with { GroupBy = null }, list, ct);
        var targets = await db.Set<ReportTarget>().AsNoTracking().ToDictionaryAsync(t => t.Measure, ct);
        return [.. list.Select(m =>
        {
            var v = report.Total.Values[m.Key];
            var target = targets.GetValueOrDefault(m.Key);
            bool? met = target is not null && v.Value is { } x ? target.IsMet(x) : null;
            return new Tile(m.Key, MeasureText.Label(l, m.Key), MeasureText.Display(m, v.Value), Sub(m, v, l), ReportLinks.Drill(scope, m.Key), met,
                target is null ? null : $"{target.Comparison} {Target(m, target.Value)}");
        })];
    }

    static string? Sub(Measure m, MeasureValue v, IStringLocalizer l) => m.Kind switch
    {
        MeasureKind.Rate => l["{0} of {1} tickets", v.K ?? 0, v.N].Value,
        MeasureKind.Duration when v.N > 0 => l["median {0} h · {1} tickets", (v.Median ?? 0).ToString("0.0", CultureInfo.InvariantCulture), v.N].Value,
        MeasureKind.Average => v.N == 1 ? l["1 answer"].Value : l["{0} answers", v.N].Value,
        _ => null,
    };

    public static string Target(Measure m, double value) => m.Kind switch
    {
        MeasureKind.Rate => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %",
        MeasureKind.Duration => value.ToString("0.#", CultureInfo.InvariantCulture) + " h",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };
}
