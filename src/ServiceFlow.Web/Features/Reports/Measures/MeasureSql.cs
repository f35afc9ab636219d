using System.Text;

namespace ServiceFlow.Web.Features.Reports.Measures;

/// The SELECT list of the ticket measures: one block of columns per measure, read back in the same order.
internal static class MeasureSql
{
    public static string Columns(Measure m, int i) => m.Kind switch
    {
        MeasureKind.Count => $"count(*) FILTER (WHERE {m.Population}) AS n{i}",
        MeasureKind.Rate => $"count(*) FILTER (WHERE {m.Population}) AS n{i}, count(*) FILTER (WHERE {m.Population} AND {m.Value}) AS k{i}",
        MeasureKind.Duration =>
            $"count(*) FILTER (WHERE {m.Population}) AS n{i}, avg({m.Value}) FILTER (WHERE {m.Population}) / 3600.0 AS a{i}, " +
            $"percentile_cont(0.5) WITHIN GROUP (ORDER BY {m.Value}) FILTER (WHERE {m.Population}) / 3600.0 AS md{i}, " +
            $"min({m.Value}) FILTER (WHERE {m.Population}) / 3600.0 AS mn{i}, max({m.Value}) FILTER (WHERE {m.Population}) / 3600.0 AS mx{i}",
        MeasureKind.Average => $"count(*) FILTER (WHERE {m.Population}) AS n{i}, avg({m.Value}) FILTER (WHERE {m.Population})::float8 AS a{i}",
        MeasureKind.Distribution => $"count(*) FILTER (WHERE {m.Population}) AS n{i}, " +
            string.Join(", ", Enumerable.Range(1, 5).Select(s => $"count(*) FILTER (WHERE {m.Value} = {s}) AS s{i}_{s}")),
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static int Width(Measure m) => m.Kind switch
    {
        MeasureKind.Count => 1,
        MeasureKind.Rate => 2,
        MeasureKind.Duration => 5,
        MeasureKind.Average => 2,
        _ => 6,
    };

    /// Reads one measure's columns starting at `at`.
    public static MeasureValue Read(Measure m, System.Data.Common.DbDataReader r, int at)
    {
        long N(int o) => r.IsDBNull(at + o) ? 0 : r.GetInt64(at + o);
        double? D(int o) => r.IsDBNull(at + o) ? null : Convert.ToDouble(r.GetValue(at + o), System.Globalization.CultureInfo.InvariantCulture);
        var n = N(0);
        return m.Kind switch
        {
            MeasureKind.Count => new MeasureValue(n, n),
            MeasureKind.Rate => new MeasureValue(n == 0 ? null : (double)N(1) / n, n, N(1)),
            MeasureKind.Duration => new MeasureValue(D(1), n, Median: D(2), Min: D(3), Max: D(4)),
            MeasureKind.Average => new MeasureValue(D(1), n),
            _ => new MeasureValue(n, n, Buckets: Enumerable.Range(1, 5).ToDictionary(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture), s => N(s))),
        };
    }

    /// `SELECT g, grouping, <measures> FROM report_facts f … GROUP BY GROUPING SETS ((g), ())`: the groups and the
    /// total in one scan. Grouped by cause a ticket counts once per cause, so the total is a separate query then.
    public static string Aggregate(IReadOnlyList<Measure> measures, string where, string? groupExpression, bool byCause)
    {
        var sql = new StringBuilder("SELECT ");
        // Grouped on the expression itself (a date, a column) and turned into text once per group, not per row.
        sql.Append(groupExpression is null ? "NULL::text AS g, 1 AS total" : $"({groupExpression})::text AS g, GROUPING({groupExpression}) AS total");
        for (var i = 0; i < measures.Count; i++)
            sql.Append(", ").Append(Columns(measures[i], i));
        sql.Append(" FROM serviceflow.report_facts f");
        if (byCause)
            sql.Append(" CROSS JOIN LATERAL unnest(CASE WHEN cardinality(f.\"Causes\") = 0 THEN ARRAY[''] ELSE f.\"Causes\" END) AS c(cause)");
        sql.Append(" WHERE ").Append(where);
        if (groupExpression is not null)
            sql.Append(byCause ? $" GROUP BY {groupExpression}" : $" GROUP BY GROUPING SETS (({groupExpression}), ())");
        return sql.ToString();
    }
}
