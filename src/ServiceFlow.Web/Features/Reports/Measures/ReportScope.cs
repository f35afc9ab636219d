using System.Globalization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Measures;

/// A report request checked and resolved: instants of the period in the desk's time zone, the
/// dimension filters by column, and for a user who sees only their own figures, who they are.
public sealed record ReportScope(
    string Source, DateOnly FromDate, DateOnly ToDate, DateTimeOffset From, DateTimeOffset To, TimeZoneInfo Zone,
    string? GroupBy, IReadOnlyDictionary<string, string[]> Filters, string[] Causes, int? Weekday, int? Hour, int? Score, string? Mine)
{
    /// Dimension name (API) → report_facts column.
    public static readonly IReadOnlyDictionary<string, string> Dimensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["channel"] = "Channel",
        ["serviceType"] = "ServiceType",
        ["serviceObject"] = "ServiceObject",
        ["priority"] = "Priority",
        ["group"] = "Group",
        ["handler"] = "Handler",
        ["department"] = "Department",
        ["customer"] = "Customer",
        ["customerType"] = "CustomerType",
    };

    public static readonly IReadOnlyList<string> Periods = ["day", "week", "month", "quarter", "halfyear", "year"];
    public static readonly IReadOnlyList<string> CauseCategories = ["people", "process", "technology", "environment"];
    public const string NoValue = "-";

    public bool GroupsByPeriod => GroupBy is not null && Periods.Contains(GroupBy);

    /// Throws RuntimeProblem.BadRequest naming what is wrong.
    public static ReportScope Parse(ReportRequest r, TimeZoneInfo zone, DateTimeOffset now, string? mine)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var toDate = r.To is null ? firstOfMonth.AddMonths(1) : Date(r.To, "to");
        var fromDate = r.From is null ? firstOfMonth.AddMonths(-11) : Date(r.From, "from");
        if (toDate <= fromDate)
            throw RuntimeProblem.BadRequest($"'to' ({toDate:yyyy-MM-dd}) must be after 'from' ({fromDate:yyyy-MM-dd}); 'to' is the day after the last day counted.");
        if (toDate.DayNumber - fromDate.DayNumber > 366 * 20)
            throw RuntimeProblem.BadRequest("A report covers at most 20 years; narrow 'from' and 'to'.");
        string? groupBy = null;
        if (!string.IsNullOrWhiteSpace(r.GroupBy))
        {
            groupBy = Periods.FirstOrDefault(p => p.Equals(r.GroupBy, StringComparison.OrdinalIgnoreCase))
                ?? Dimensions.Keys.FirstOrDefault(d => d.Equals(r.GroupBy, StringComparison.OrdinalIgnoreCase))
                ?? (r.GroupBy.Equals("cause", StringComparison.OrdinalIgnoreCase) ? "cause" : null)
                ?? throw RuntimeProblem.BadRequest($"groupBy '{r.GroupBy}' is not one of {string.Join(", ", Periods)}, {string.Join(", ", Dimensions.Keys)}, cause.");
            if (groupBy == "day" && toDate.DayNumber - fromDate.DayNumber > 400)
                throw RuntimeProblem.BadRequest("Grouping by day covers at most 400 days; group by week or month, or narrow the period.");
        }
        var filters = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Filter(string name, string[]? values)
        {
            var list = values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToArray() ?? [];
            if (list.Length > 0)
                filters[Dimensions[name]] = [.. list.Select(v => v == NoValue ? "" : v)];
        }
        Filter("channel", r.Channel); Filter("serviceType", r.ServiceType); Filter("serviceObject", r.ServiceObject); Filter("priority", r.Priority);
        Filter("group", r.Group); Filter("handler", r.Handler); Filter("department", r.Department); Filter("customer", r.Customer);
        Filter("customerType", r.CustomerType);
        var causes = r.Cause?.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToLowerInvariant()).Distinct().ToArray() ?? [];
        if (causes.FirstOrDefault(c => !CauseCategories.Contains(c)) is { } badCause)
            throw RuntimeProblem.BadRequest($"cause '{badCause}' is not one of {string.Join(", ", CauseCategories)}.");
        if (r.Weekday is < 1 or > 7)
            throw RuntimeProblem.BadRequest("weekday is 1 (Monday) to 7 (Sunday).");
        if (r.Hour is < 0 or > 23)
            throw RuntimeProblem.BadRequest("hour is 0 to 23.");
        if (r.Score is < 1 or > 5)
            throw RuntimeProblem.BadRequest("score is 1 to 5.");
        var source = string.IsNullOrWhiteSpace(r.Source) ? Facts.ReportFact.DeskSource : r.Source.Trim();
        if (source != Facts.ReportFact.DeskSource && !Guid.TryParse(source, out _))
            throw RuntimeProblem.BadRequest($"source '{source}' is neither \"desk\" nor the id of an import.");
        return new ReportScope(source.ToLowerInvariant(), fromDate, toDate, Instant(fromDate, zone), Instant(toDate, zone), zone,
            groupBy, filters, causes, r.Weekday, r.Hour, r.Score, mine);
    }

    static DateOnly Date(string text, string name) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw RuntimeProblem.BadRequest($"'{name}' must be a date like 2026-06-01 (yyyy-MM-dd), not '{text}'.");

    /// Local midnight of `day` in `zone`; a midnight skipped by a DST change counts from the first valid instant.
    public static DateTimeOffset Instant(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(30);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// The period a grouping key (its first day) stands for.
    public (DateOnly From, DateOnly To) PeriodOf(DateOnly start) => GroupBy switch
    {
        "day" => (start, start.AddDays(1)),
        "week" => (start, start.AddDays(7)),
        "month" => (start, start.AddMonths(1)),
        "quarter" => (start, start.AddMonths(3)),
        "halfyear" => (start, start.AddMonths(6)),
        _ => (start, start.AddYears(1)),
    };

    /// Every period start from `FromDate` to `ToDate`, so a trend shows empty periods as zero instead of skipping them.
    public IEnumerable<DateOnly> PeriodStarts()
    {
        var start = GroupBy switch
        {
            "day" => FromDate,
            "week" => FromDate.AddDays(-(((int)FromDate.DayOfWeek + 6) % 7)),
            "month" => new DateOnly(FromDate.Year, FromDate.Month, 1),
            "quarter" => new DateOnly(FromDate.Year, (FromDate.Month - 1) / 3 * 3 + 1, 1),
            "halfyear" => new DateOnly(FromDate.Year, FromDate.Month <= 6 ? 1 : 7, 1),
            _ => new DateOnly(FromDate.Year, 1, 1),
        };
        for (var s = start; s < ToDate; s = PeriodOf(s).To)
            yield return s;
    }
}
