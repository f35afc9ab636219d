using System.Globalization;

namespace ServiceFlow.Benchmarks;

/// The aggregates behind the measured page and API call, written out by hand: what a person would send to
/// PostgreSQL for the same figures (same table, same filters, same statistics), without the application around it.
internal static class ReportsBaselineSql
{
    static string At(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00";

    static string Stats(string column) =>
        $"count(*) FILTER (WHERE \"{column}\" IS NOT NULL), avg(\"{column}\") / 3600, percentile_cont(0.5) WITHIN GROUP (ORDER BY \"{column}\") / 3600, " +
        $"min(\"{column}\") / 3600, max(\"{column}\") / 3600";

    static string Rate(string column) => $"count(*) FILTER (WHERE \"{column}\" IS NOT NULL), count(*) FILTER (WHERE \"{column}\")";

    /// The management dashboard's tiles for one month: the recorded cohort, the resolved, and knowledge use.
    public static IReadOnlyList<string> Dashboard(DateTimeOffset from, DateTimeOffset to) =>
    [
        $"""
        SELECT count(*), count(*) FILTER (WHERE "Resolved"), {Stats("FirstResponseWall")}, {Rate("FirstContact")}, {Rate("ResolutionMet")},
               count(*) FILTER (WHERE "SurveyScore" IS NOT NULL), avg("SurveyScore"), {Rate("EscalatedTier2")}, {Rate("EscalatedVendor")}, {Rate("Reassigned")}
        FROM serviceflow.report_facts WHERE "Source" = 'desk' AND "RecordedAt" >= '{At(from)}' AND "RecordedAt" < '{At(to)}'
        """,
        $"""
        SELECT count(*) FILTER (WHERE "Resolved"), {Stats("HandleDiscoveryWall")}, {Stats("HandleDiscoveryBusiness")}
        FROM serviceflow.report_facts WHERE "Source" = 'desk' AND "ResolvedAt" >= '{At(from)}' AND "ResolvedAt" < '{At(to)}'
        """,
        $"""
        SELECT count(*) FILTER (WHERE "Kind" = 'Visit'), count(*) FILTER (WHERE "Kind" = 'Search' AND "Results" = 0)
        FROM serviceflow.knowledge_usage WHERE "At" >= '{At(from)}' AND "At" < '{At(to)}'
        UNION ALL SELECT count(*), 0 FROM serviceflow.knowledge_articles WHERE "CreatedAt" >= '{At(from)}' AND "CreatedAt" < '{At(to)}'
        """,
    ];

    /// Volume, resolution rate, SLA resolution compliance and satisfaction by month of recording; resolved and handling
    /// time by month of resolution; each with its total (GROUPING SETS), twelve months.
    public static IReadOnlyList<string> Grouped(DateTimeOffset from, DateTimeOffset to) =>
    [
        $"""
        SELECT date_trunc('month', "RecordedAt" AT TIME ZONE 'Asia/Shanghai')::date AS m, count(*), count(*) FILTER (WHERE "Resolved"), {Rate("ResolutionMet")},
               count(*) FILTER (WHERE "SurveyScore" IS NOT NULL), avg("SurveyScore")
        FROM serviceflow.report_facts WHERE "Source" = 'desk' AND "RecordedAt" >= '{At(from)}' AND "RecordedAt" < '{At(to)}'
        GROUP BY GROUPING SETS ((m), ())
        """,
        $"""
        SELECT date_trunc('month', "ResolvedAt" AT TIME ZONE 'Asia/Shanghai')::date AS m, count(*) FILTER (WHERE "Resolved"), {Stats("HandleDiscoveryWall")}
        FROM serviceflow.report_facts WHERE "Source" = 'desk' AND "ResolvedAt" >= '{At(from)}' AND "ResolvedAt" < '{At(to)}'
        GROUP BY GROUPING SETS ((m), ())
        """,
    ];
}
