using System.Globalization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Facts;

namespace ServiceFlow.Web.Features.Reports.Measures;

/// Computes measures for a scope: brings the facts up to date, then one aggregate per basis (the
/// instant that puts a ticket in a period), merged into rows; empty periods are filled with zeros.
internal sealed class MeasureService(FactRefresher refresher)
{
    public async Task<MeasureReport> ComputeAsync(ServiceFlowDbContext db, ReportScope scope, IReadOnlyList<Measure> measures, CancellationToken ct)
    {
        var asOf = await refresher.EnsureFreshAsync(db, ct);
        var rows = new SortedDictionary<string, Dictionary<string, MeasureValue>>(StringComparer.Ordinal);
        var total = new Dictionary<string, MeasureValue>();
        foreach (var basis in measures.Where(m => m.Basis != Basis.Knowledge).GroupBy(m => m.Basis))
            await AggregateAsync(db, scope, basis.Key, [.. basis], rows, total, ct);
        var knowledge = measures.Where(m => m.Basis == Basis.Knowledge).ToList();
        if (knowledge.Count > 0)
            await KnowledgeMeasures.AddAsync(db, scope, knowledge, rows, total, ct);

        var keys = scope.GroupsByPeriod
            ? scope.PeriodStarts().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Union(rows.Keys).Order(StringComparer.Ordinal).ToList()
            : [.. rows.Keys];
        var list = keys.Select(key =>
        {
            var values = rows.GetValueOrDefault(key) ?? [];
            foreach (var m in measures.Where(m => !values.ContainsKey(m.Key) && (m.Basis != Basis.Now || !scope.GroupsByPeriod)))
                values[m.Key] = Empty(m);
            string? from = null, to = null;
            if (scope.GroupsByPeriod)
            {
                var (f, t) = scope.PeriodOf(DateOnly.ParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                (from, to) = (Max(f, scope.FromDate), Min(t, scope.ToDate));
            }
            return new MeasureRow(key, from, to, values);
        }).ToList();
        foreach (var m in measures.Where(m => !total.ContainsKey(m.Key)))
            total[m.Key] = Empty(m);
        return new MeasureReport(scope.Source, Day(scope.FromDate), Day(scope.ToDate), scope.Zone.Id, scope.GroupBy,
            scope.Filters, [.. measures.Select(Info)], list, new MeasureRow("total", Day(scope.FromDate), Day(scope.ToDate), total), asOf);
    }

    public static MeasureInfo Info(Measure m) => new(m.Key, m.Kind.ToString(), m.Unit, m.Basis.ToString());

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    static string Max(DateOnly a, DateOnly b) => Day(a > b ? a : b);
    static string Min(DateOnly a, DateOnly b) => Day(a < b ? a : b);

    static MeasureValue Empty(Measure m) => m.Kind switch
    {
        MeasureKind.Count => new MeasureValue(0, 0),
        MeasureKind.Rate => new MeasureValue(null, 0, 0),
        MeasureKind.Distribution => new MeasureValue(0, 0, Buckets: Enumerable.Range(1, 5).ToDictionary(s => s.ToString(CultureInfo.InvariantCulture), _ => 0L)),
        _ => new MeasureValue(null, 0),
    };

    static async Task AggregateAsync(ServiceFlowDbContext db, ReportScope scope, Basis basis, List<Measure> measures,
        SortedDictionary<string, Dictionary<string, MeasureValue>> rows, Dictionary<string, MeasureValue> total, CancellationToken ct)
    {
        var byCause = scope.GroupBy == "cause";
        string? group = scope.GroupBy switch
        {
            null => null,
            "cause" => "c.cause",
            _ when scope.GroupsByPeriod => basis == Basis.Now ? null : FactFilter.PeriodStart(scope.GroupBy, FactFilter.BasisColumn(basis)),
            _ => $"f.\"{ReportScope.Dimensions[scope.GroupBy]}\"",
        };
        await RunAsync(group, byCause && group is not null);
        if (byCause && group is not null)
            await RunAsync(null, false); // the total counts each ticket once

        async Task RunAsync(string? groupExpression, bool unnestCauses)
        {
            await using var cmd = await ReportDb.CommandAsync(db, "", ct);
            cmd.CommandText = MeasureSql.Aggregate(measures, FactFilter.Where(scope, basis, cmd), groupExpression, unnestCauses);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var isTotal = !unnestCauses && reader.GetInt32(1) == 1;
                var target = isTotal ? total : Row(rows, reader.IsDBNull(0) ? "" : reader.GetString(0));
                var at = 2;
                foreach (var m in measures)
                {
                    target[m.Key] = MeasureSql.Read(m, reader, at);
                    at += MeasureSql.Width(m);
                }
            }
        }
    }

    internal static Dictionary<string, MeasureValue> Row(SortedDictionary<string, Dictionary<string, MeasureValue>> rows, string key)
    {
        if (!rows.TryGetValue(key, out var row))
            rows[key] = row = [];
        return row;
    }
}
