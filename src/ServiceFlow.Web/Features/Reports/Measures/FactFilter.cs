using Npgsql;
using NpgsqlTypes;

namespace ServiceFlow.Web.Features.Reports.Measures;

/// The WHERE clause of a report over report_facts `f`, shared by the aggregates, the drill-down lists
/// and the exports, so a figure and the list behind it select exactly the same tickets.
internal static class FactFilter
{
    public static string BasisColumn(Basis basis) => basis == Basis.Resolved ? "f.\"ResolvedAt\"" : "f.\"RecordedAt\"";

    public static string Where(ReportScope scope, Basis basis, NpgsqlCommand cmd)
    {
        var parts = new List<string> { "f.\"Source\" = @source" };
        Add(cmd, "source", scope.Source, NpgsqlDbType.Text);
        Add(cmd, "tz", scope.Zone.Id, NpgsqlDbType.Text);
        if (basis != Basis.Now)
        {
            parts.Add($"{BasisColumn(basis)} >= @from AND {BasisColumn(basis)} < @to");
            Add(cmd, "from", scope.From.UtcDateTime, NpgsqlDbType.TimestampTz);
            Add(cmd, "to", scope.To.UtcDateTime, NpgsqlDbType.TimestampTz);
        }
        var i = 0;
        foreach (var (column, values) in scope.Filters)
        {
            var name = $"d{i++}";
            parts.Add($"f.\"{column}\" = ANY(@{name})");
            Add(cmd, name, values, NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
        if (scope.Causes.Length > 0)
        {
            parts.Add("f.\"Causes\" && @causes");
            Add(cmd, "causes", scope.Causes, NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
        if (scope.Weekday is { } weekday)
        {
            parts.Add("extract(isodow FROM f.\"RecordedAt\" AT TIME ZONE @tz) = @weekday");
            Add(cmd, "weekday", weekday, NpgsqlDbType.Integer);
        }
        if (scope.Hour is { } hour)
        {
            parts.Add("extract(hour FROM f.\"RecordedAt\" AT TIME ZONE @tz) = @hour");
            Add(cmd, "hour", hour, NpgsqlDbType.Integer);
        }
        if (scope.Score is { } score)
        {
            parts.Add("f.\"SurveyScore\" = @score");
            Add(cmd, "score", (short)score, NpgsqlDbType.Smallint);
        }
        if (scope.Mine is { } me)
        {
            parts.Add("(f.\"Handler\" = @me OR f.\"Reporter\" = @me)");
            Add(cmd, "me", me, NpgsqlDbType.Text);
        }
        return string.Join(" AND ", parts);
    }

    /// The first day of the period a basis instant falls in, in the desk's time zone.
    public static string PeriodStart(string period, string instant) => period switch
    {
        "halfyear" => $"make_date(extract(year FROM {instant} AT TIME ZONE @tz)::int, CASE WHEN extract(month FROM {instant} AT TIME ZONE @tz) <= 6 THEN 1 ELSE 7 END, 1)",
        _ => $"date_trunc('{period}', {instant} AT TIME ZONE @tz)::date",
    };

    static void Add(NpgsqlCommand cmd, string name, object value, NpgsqlDbType type)
    {
        if (!cmd.Parameters.Contains(name))
            cmd.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
    }
}
