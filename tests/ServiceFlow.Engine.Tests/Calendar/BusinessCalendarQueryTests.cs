using ServiceFlow.Engine.Calendar;
using static ServiceFlow.Engine.Tests.Calendar.Hours;

namespace ServiceFlow.Engine.Tests.Calendar;

public class BusinessCalendarQueryTests
{
    private static readonly BusinessCalendar Office = MondayToFridayIn("Asia/Shanghai", "09:00-12:00", "13:00-18:00");

    [Fact]
    public void Between_CountsOnlyWorkingRanges()
    {
        Office.Between(At("2025-03-10T11:30+08:00"), At("2025-03-10T13:30+08:00")).Should().Be(TimeSpan.FromHours(1));
        Office.Between(At("2025-03-07T17:00+08:00"), At("2025-03-10T10:00+08:00")).Should().Be(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Between_IsNegated_WhenToIsBeforeFrom()
    {
        var from = At("2025-03-10T11:30+08:00");
        var to = At("2025-03-11T10:00+08:00");

        Office.Between(to, from).Should().Be(-Office.Between(from, to));
        Office.Between(from, from).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Between_CountsWholeWeeks_OverAYear()
    {
        // 2025-01-06 and 2026-01-05 are Mondays: 52 weeks of 8 h on 5 days, no holidays.
        Office.Between(At("2025-01-06T00:00+08:00"), At("2026-01-05T00:00+08:00")).Should().Be(TimeSpan.FromHours(52 * 40));
    }

    [Fact]
    public void IsWorkingTime_IncludesRangeStart_AndExcludesRangeEnd()
    {
        Office.IsWorkingTime(At("2025-03-10T09:00+08:00")).Should().BeTrue();
        Office.IsWorkingTime(At("2025-03-10T11:59+08:00")).Should().BeTrue();
        Office.IsWorkingTime(At("2025-03-10T12:00+08:00")).Should().BeFalse();
        Office.IsWorkingTime(At("2025-03-08T10:00+08:00")).Should().BeFalse("Saturday is closed");
    }

    [Fact]
    public void IsWorkingTime_ReadsTheInstantInTheCalendarZone()
    {
        // 01:30 UTC is 09:30 in Shanghai.
        Office.IsWorkingTime(At("2025-03-10T01:30Z")).Should().BeTrue();
    }

    [Fact]
    public void NextWorkingInstant_IsTheInstantItself_DuringWork()
    {
        Office.NextWorkingInstant(At("2025-03-10T10:15+08:00")).Should().Be(At("2025-03-10T10:15+08:00"));
    }

    [Fact]
    public void NextWorkingInstant_IsTheNextRangeStart_OutsideWork()
    {
        Office.NextWorkingInstant(At("2025-03-10T12:00+08:00")).Should().Be(At("2025-03-10T13:00+08:00"));
        Office.NextWorkingInstant(At("2025-03-07T18:00+08:00")).Should().Be(At("2025-03-10T09:00+08:00"));
    }

    [Fact]
    public void NextWorkingInstant_Throws_WhenHolidaysCloseEveryDayForYears()
    {
        var everyDate = Enumerable.Range(0, 4000).Select(i => Date("2025-01-01").AddDays(i));
        var closed = MondayToFridayIn("UTC", "09:00-17:00").WithHolidays(everyDate);

        var act = () => closed.NextWorkingInstant(At("2025-01-01T00:00Z"));

        act.Should().Throw<InvalidOperationException>().WithMessage("*no working time*");
    }
}
