using System.Globalization;

namespace ServiceFlow.Web.Features.Reports.Analyses;

/// The periods an analysis covers, in the desk's time zone: the last complete month or quarter before the
/// workflow started (a firing on the 1st at 01:00 analyses the month that has just ended).
internal static class AnalysisPeriods
{
    public static readonly IReadOnlyList<string> Kinds = ["month", "quarter"];

    public static (DateOnly From, DateOnly To, DateOnly PreviousFrom) LastComplete(string kind, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var months = kind == "quarter" ? 3 : 1;
        var start = kind == "quarter" ? new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1) : new DateOnly(today.Year, today.Month, 1);
        var from = start.AddMonths(-months);
        return (from, start, from.AddMonths(-months));
    }

    /// 2026-05 for a month, 2026-Q2 for a quarter.
    public static string Label(string kind, DateOnly from) => kind == "quarter"
        ? $"{from.Year}-Q{(from.Month - 1) / 3 + 1}"
        : from.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
