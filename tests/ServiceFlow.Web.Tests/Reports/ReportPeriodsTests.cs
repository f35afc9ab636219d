using ServiceFlow.Web.Features.Reports.Scheduled;

namespace ServiceFlow.Web.Tests.Reports;

/// The period a scheduled run mails: the last complete one before the run's desk date.
public sealed class ReportPeriodsTests
{
    static readonly DateOnly Monday = new(2026, 6, 1), Wednesday = new(2026, 6, 3);

    [Theory]
    [InlineData(ReportPeriod.Daily, "2026-06-03", "2026-06-02", "2026-06-03", "day:2026-06-02", "2026-06-02")]
    [InlineData(ReportPeriod.Weekly, "2026-06-03", "2026-05-25", "2026-06-01", "week:2026-05-25", "2026-W22")]
    [InlineData(ReportPeriod.Weekly, "2026-06-01", "2026-05-25", "2026-06-01", "week:2026-05-25", "2026-W22")]
    [InlineData(ReportPeriod.Monthly, "2026-06-01", "2026-05-01", "2026-06-01", "month:2026-05-01", "2026-05")]
    [InlineData(ReportPeriod.Monthly, "2026-01-15", "2025-12-01", "2026-01-01", "month:2025-12-01", "2025-12")]
    [InlineData(ReportPeriod.Quarterly, "2026-07-01", "2026-04-01", "2026-07-01", "quarter:2026-04-01", "2026-Q2")]
    [InlineData(ReportPeriod.Quarterly, "2026-02-10", "2025-10-01", "2026-01-01", "quarter:2025-10-01", "2025-Q4")]
    public void LastComplete_IsThePeriodBeforeTheRunsDay(ReportPeriod period, string today, string from, string to, string key, string label)
    {
        var (f, t) = ReportPeriods.LastComplete(period, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        (f.ToString("yyyy-MM-dd"), t.ToString("yyyy-MM-dd"), ReportPeriods.Key(period, f), ReportPeriods.Label(period, f)).Should().Be((from, to, key, label));
    }

    [Fact]
    public void Cron_StartsEachRunOnTheFirstMorningOfTheNextPeriod()
    {
        ReportPeriods.Cron(ReportPeriod.Daily, 7).Should().Be("0 7 * * *");
        ReportPeriods.Cron(ReportPeriod.Weekly, 7).Should().Be("0 7 * * 1");
        ReportPeriods.Cron(ReportPeriod.Monthly, 7).Should().Be("0 7 1 * *");
        ReportPeriods.Cron(ReportPeriod.Quarterly, 6).Should().Be("0 6 1 1,4,7,10 *");
        ReportPeriods.Start(ReportPeriod.Weekly, Wednesday).Should().Be(Monday);
    }
}
