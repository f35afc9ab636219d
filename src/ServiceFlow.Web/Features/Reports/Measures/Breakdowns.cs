using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Measures;

public sealed record ParetoBar(string Key, long Count, double Share, double Cumulative);

/// `Total` counts the tickets of the period; by cause a ticket analysed under two categories is one bar in each,
/// so the shares are of `Mentions` (all bars), and `Unanalysed` says how many tickets have no cause recorded.
public sealed record Pareto(string By, ReportScopeInfo Scope, long Total, long Mentions, long Unanalysed, IReadOnlyList<ParetoBar> Bars);

public sealed record ArrivalCell(int Weekday, int Hour, long Count);

public sealed record Arrivals(ReportScopeInfo Scope, long Total, IReadOnlyList<ArrivalCell> Cells);

/// The Pareto of causes (seed 000 §5.3: what happens most) and the arrivals by weekday and hour; both
/// count tickets by their recording, under the same filter as the measures, and drill down by adding a filter.
internal static class Breakdowns
{
    public const int MaxBars = 40;

    public static async Task<Pareto> ParetoAsync(ServiceFlowDbContext db, MeasureService measures, ReportScope scope, string by, CancellationToken ct)
    {
        var byCause = by.Equals("cause", StringComparison.OrdinalIgnoreCase);
        if (!byCause && !by.Equals("serviceObject", StringComparison.OrdinalIgnoreCase))
            throw RuntimeProblem.BadRequest($"A Pareto is by 'cause' or 'serviceObject', not '{by}'.");
        var total = (await measures.ComputeAsync(db, scope with { GroupBy = null }, [MeasureCatalog.Find("volume")!], ct)).Total.Values["volume"].N;
        await using var cmd = await ReportDb.CommandAsync(db, "", ct);
        var where = FactFilter.Where(scope, Basis.Recorded, cmd);
        cmd.CommandText = byCause
            ? $"SELECT c.cause, count(*) FROM serviceflow.report_facts f CROSS JOIN LATERAL unnest(f.\"Causes\") AS c(cause) WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1"
            : $"SELECT f.\"ServiceObject\", count(*) FROM serviceflow.report_facts f WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1";
        var counts = new List<(string Key, long Count)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                counts.Add((r.GetString(0), r.GetInt64(1)));
        var mentions = counts.Sum(c => c.Count);
        var running = 0L;
        var bars = counts.Take(MaxBars).Select(c =>
        {
            running += c.Count;
            return new ParetoBar(c.Key, c.Count, (double)c.Count / mentions, (double)running / mentions);
        }).ToList();
        var unanalysed = byCause ? total - await AnalysedAsync(db, scope, ct) : 0;
        return new Pareto(byCause ? "cause" : "serviceObject", Info(scope), total, mentions, unanalysed, bars);
    }

    static async Task<long> AnalysedAsync(ServiceFlowDbContext db, ReportScope scope, CancellationToken ct)
    {
        await using var cmd = await ReportDb.CommandAsync(db, "", ct);
        cmd.CommandText = $"SELECT count(*) FROM serviceflow.report_facts f WHERE {FactFilter.Where(scope, Basis.Recorded, cmd)} AND cardinality(f.\"Causes\") > 0";
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static async Task<Arrivals> ArrivalsAsync(ServiceFlowDbContext db, MeasureService measures, ReportScope scope, CancellationToken ct)
    {
        await measures.ComputeAsync(db, scope with { GroupBy = null }, [], ct); // brings the facts up to date
        await using var cmd = await ReportDb.CommandAsync(db, "", ct);
        var where = FactFilter.Where(scope, Basis.Recorded, cmd);
        cmd.CommandText = "SELECT extract(isodow FROM f.\"RecordedAt\" AT TIME ZONE @tz)::int, extract(hour FROM f.\"RecordedAt\" AT TIME ZONE @tz)::int, count(*) " +
            $"FROM serviceflow.report_facts f WHERE {where} GROUP BY 1, 2";
        var cells = new List<ArrivalCell>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                cells.Add(new ArrivalCell(r.GetInt32(0), r.GetInt32(1), r.GetInt64(2)));
        return new Arrivals(Info(scope), cells.Sum(c => c.Count), [.. cells.OrderBy(c => c.Weekday).ThenBy(c => c.Hour)]);
    }

    public static ReportScopeInfo Info(ReportScope s) =>
        new(s.Source, s.FromDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            s.ToDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Zone.Id, s.Filters);
}
