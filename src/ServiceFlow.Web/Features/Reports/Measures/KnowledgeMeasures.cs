using NpgsqlTypes;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Reports.Measures;

/// Knowledge-base use (seed 001 §5.1): visits and searches counted by Features/Knowledge in
/// knowledge_usage, new articles by their creation. They belong to no ticket, so only the period
/// applies: grouped by a dimension they appear in the total alone, and ticket filters do not narrow them.
internal static class KnowledgeMeasures
{
    public static async Task AddAsync(ServiceFlowDbContext db, ReportScope scope, List<Measure> measures,
        SortedDictionary<string, Dictionary<string, MeasureValue>> rows, Dictionary<string, MeasureValue> total, CancellationToken ct)
    {
        if (scope.Source != Facts.ReportFact.DeskSource || scope.Mine is not null)
            return; // history imports and personal scorecards have no knowledge figures
        var grouped = scope.GroupsByPeriod;
        const string usage = """
            SELECT {0} AS g, count(*) FILTER (WHERE u."Kind" = 'Visit'), count(*) FILTER (WHERE u."Kind" = 'Search'),
                   count(*) FILTER (WHERE u."Kind" = 'Search' AND u."Results" = 0), 0::bigint
            FROM serviceflow.knowledge_usage u WHERE u."At" >= @from AND u."At" < @to {1}
            UNION ALL
            SELECT {2} AS g, 0, 0, 0, count(*) FROM serviceflow.knowledge_articles a WHERE a."CreatedAt" >= @from AND a."CreatedAt" < @to {1}
            """;
        string Group(string instant) => grouped ? $"({FactFilter.PeriodStart(scope.GroupBy!, instant)})::text" : "NULL::text";
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, usage, Group("u.\"At\""), grouped ? "GROUP BY 1" : "", Group("a.\"CreatedAt\""));
        await using var cmd = await ReportDb.CommandAsync(db, sql, ct);
        cmd.Parameters.Add(new("from", NpgsqlDbType.TimestampTz) { Value = scope.From.UtcDateTime });
        cmd.Parameters.Add(new("to", NpgsqlDbType.TimestampTz) { Value = scope.To.UtcDateTime });
        cmd.Parameters.Add(new("tz", NpgsqlDbType.Text) { Value = scope.Zone.Id });
        var sums = new Dictionary<string, long[]>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var key = reader.IsDBNull(0) ? "" : reader.GetString(0);
                if (!sums.TryGetValue(key, out var s))
                    sums[key] = s = new long[4];
                for (var i = 0; i < 4; i++)
                    s[i] += reader.GetInt64(i + 1);
            }
        }
        var all = new long[4];
        foreach (var (key, s) in sums)
        {
            for (var i = 0; i < 4; i++)
                all[i] += s[i];
            if (grouped)
                Put(MeasureService.Row(rows, key), s);
        }
        Put(total, all);

        void Put(Dictionary<string, MeasureValue> target, long[] s)
        {
            foreach (var m in measures)
            {
                var n = m.Population switch { "visit" => s[0], "search" => s[1], "empty-search" => s[2], _ => s[3] };
                target[m.Key] = new MeasureValue(n, n);
            }
        }
    }
}
