using System.Globalization;

namespace ServiceFlow.Web.Features.Reports.Scheduled;

/// The periods a subscription mails, in the desk's time zone: the last complete day, ISO week (Monday), month or
/// quarter before the run, its key (the claim's) and the Hangfire schedule that starts each run.
internal static class ReportPeriods
{
    /// The grouping name the report API uses for the period.
    public static string GroupName(ReportPeriod period) => period switch
    {
        ReportPeriod.Daily => "day",
        ReportPeriod.Weekly => "week",
        ReportPeriod.Monthly => "month",
        _ => "quarter",
    };

    /// The last period that ended at or before `today` (the desk's date when the job runs).
    public static (DateOnly From, DateOnly To) LastComplete(ReportPeriod period, DateOnly today)
    {
        var start = Start(period, today);
        return (Previous(period, start), start);
    }

    /// The period that contains `day`.
    public static (DateOnly From, DateOnly To) Containing(ReportPeriod period, DateOnly day)
    {
        var start = Start(period, day);
        return (start, Next(period, start));
    }

    public static DateOnly Start(ReportPeriod period, DateOnly day) => period switch
    {
        ReportPeriod.Daily => day,
        ReportPeriod.Weekly => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        ReportPeriod.Monthly => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
    };

    public static DateOnly Next(ReportPeriod period, DateOnly start) => period switch
    {
        ReportPeriod.Daily => start.AddDays(1),
        ReportPeriod.Weekly => start.AddDays(7),
        ReportPeriod.Monthly => start.AddMonths(1),
        _ => start.AddMonths(3),
    };

    public static DateOnly Previous(ReportPeriod period, DateOnly start) => period switch
    {
        ReportPeriod.Daily => start.AddDays(-1),
        ReportPeriod.Weekly => start.AddDays(-7),
        ReportPeriod.Monthly => start.AddMonths(-1),
        _ => start.AddMonths(-3),
    };

    public static string Key(ReportPeriod period, DateOnly from) => $"{GroupName(period)}:{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// How a period reads in a subject line: 2026-06-01, 2026-W23, 2026-06, 2026-Q2.
    public static string Label(ReportPeriod period, DateOnly from) => period switch
    {
        ReportPeriod.Daily => from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ReportPeriod.Weekly => $"{ISOWeek.GetYear(from.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(from.ToDateTime(TimeOnly.MinValue)):00}",
        ReportPeriod.Monthly => from.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => $"{from.Year}-Q{(from.Month - 1) / 3 + 1}",
    };

    /// Cron in the desk's zone: the first morning of the next period at `hour` (07:00 by default, before the desk opens).
    public static string Cron(ReportPeriod period, int hour) => period switch
    {
        ReportPeriod.Daily => $"0 {hour} * * *",
        ReportPeriod.Weekly => $"0 {hour} * * 1",
        ReportPeriod.Monthly => $"0 {hour} 1 * *",
        _ => $"0 {hour} 1 1,4,7,10 *",
    };
}
