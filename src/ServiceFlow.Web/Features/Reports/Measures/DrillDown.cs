using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Measures;

/// One ticket behind a figure, with its value for the measure (rate: whether it counts in the numerator).
public sealed record DrillRow(string Number, string? Title, string Status, DateTimeOffset RecordedAt, DateTimeOffset? ResolvedAt, string Priority,
    string Channel, string ServiceType, string ServiceObject, string Group, string Handler, double? Value, string CustomerType = "");

/// The list of tickets behind a figure: the measure's population under the same filter as the aggregate.
/// When the whole list fits (`Complete`), `Summary` is computed from the rows themselves, so the list shows the
/// figure it explains; otherwise it is the aggregate's and the list is its first rows.
public sealed record DrillDownList(MeasureInfo Measure, ReportScopeInfo Scope, long Count, bool Complete, MeasureValue Summary, IReadOnlyList<DrillRow> Rows);

public sealed record ReportScopeInfo(string Source, string From, string To, string TimeZone, IReadOnlyDictionary<string, string[]> Filters);

internal static class DrillDown
{
    public const int PageLimit = 500;
    public const int ExportLimit = 100_000;

    public static async Task<DrillDownList> ListAsync(ServiceFlowDbContext db, MeasureService measures, ReportScope scope, Measure measure,
        bool withTitles, int limit, CancellationToken ct)
    {
        if (measure.Basis == Basis.Knowledge)
            throw RuntimeProblem.BadRequest($"{measure.Key} counts knowledge use, not tickets; see the knowledge page for articles.");
        var aggregate = await measures.ComputeAsync(db, scope with { GroupBy = null }, [measure], ct);
        var total = aggregate.Total.Values[measure.Key];
        var value = measure.Kind switch
        {
            MeasureKind.Count => "NULL::float8",
            MeasureKind.Rate => $"CASE WHEN {measure.Value} THEN 1.0 ELSE 0.0 END",
            MeasureKind.Duration => $"{measure.Value} / 3600.0",
            _ => $"{measure.Value}::float8",
        };
        await using var cmd = await ReportDb.CommandAsync(db, "", ct);
        var where = FactFilter.Where(scope, measure.Basis, cmd);
        cmd.CommandText = $"""
            SELECT f."Number", f."Title", f."Status", f."RecordedAt", f."ResolvedAt", f."Priority", f."Channel", f."ServiceType", f."ServiceObject",
                   f."Group", f."Handler", {value}, f."CustomerType"
            FROM serviceflow.report_facts f WHERE {where} AND {measure.Population}
            ORDER BY {(measure.Basis == Basis.Resolved ? "f.\"ResolvedAt\"" : "f.\"RecordedAt\"")} DESC, f."Number" LIMIT @limit
            """;
        cmd.Parameters.Add(new("limit", NpgsqlTypes.NpgsqlDbType.Integer) { Value = limit });
        var rows = new List<DrillRow>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                rows.Add(new DrillRow(r.GetString(0), withTitles ? r.GetString(1) : null, r.GetString(2), r.GetFieldValue<DateTimeOffset>(3),
                    r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8),
                    r.GetString(9), r.GetString(10), r.IsDBNull(11) ? null : r.GetDouble(11), r.GetString(12)));
        }
        var complete = rows.Count >= total.N;
        var info = new ReportScopeInfo(scope.Source, aggregate.From, aggregate.To, aggregate.TimeZone, scope.Filters);
        return new DrillDownList(MeasureService.Info(measure), info, total.N, complete, complete ? Summarise(measure, rows) : total, rows);
    }

    /// The figure worked out from the listed rows alone (same definitions as MeasureSql).
    public static MeasureValue Summarise(Measure measure, IReadOnlyList<DrillRow> rows)
    {
        var n = rows.Count;
        var values = rows.Where(r => r.Value is not null).Select(r => r.Value!.Value).Order().ToList();
        switch (measure.Kind)
        {
            case MeasureKind.Count:
                return new MeasureValue(n, n);
            case MeasureKind.Rate:
                var k = (long)values.Sum();
                return new MeasureValue(n == 0 ? null : (double)k / n, n, k);
            case MeasureKind.Duration:
                if (values.Count == 0)
                    return new MeasureValue(null, 0);
                var mid = (values.Count - 1) / 2.0;
                var median = values[(int)Math.Floor(mid)] + (values[(int)Math.Ceiling(mid)] - values[(int)Math.Floor(mid)]) * (mid - Math.Floor(mid));
                return new MeasureValue(values.Average(), n, Median: median, Min: values[0], Max: values[^1]);
            case MeasureKind.Average:
                return new MeasureValue(values.Count == 0 ? null : values.Average(), n);
            default:
                return new MeasureValue(n, n, Buckets: Enumerable.Range(1, 5).ToDictionary(
                    s => s.ToString(System.Globalization.CultureInfo.InvariantCulture), s => (long)values.Count(v => (int)v == s)));
        }
    }
}
