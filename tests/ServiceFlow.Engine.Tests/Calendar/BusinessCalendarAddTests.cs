using ServiceFlow.Engine.Calendar;
using static ServiceFlow.Engine.Tests.Calendar.Hours;

namespace ServiceFlow.Engine.Tests.Calendar;

public class BusinessCalendarAddTests
{
    private static readonly BusinessCalendar Office = MondayToFridayIn("Asia/Shanghai", "09:00-12:00", "13:00-18:00");

    [Fact]
    public void Add_RollsIntoSaturday_UnderTheDeskDefaultOfEveryDay()
    {
        // 2025-03-07 is a Friday; the desk works 08:00-17:00 every day (002 §6).
        BusinessCalendar.Default.Add(At("2025-03-07T16:30+08:00"), TimeSpan.FromHours(1))
            .Should().Be(At("2025-03-08T08:30+08:00"));
    }

    [Fact]
    public void Add_RollsIntoMonday_WhenOnlyWeekdaysAreWorked()
    {
        var calendar = MondayToFridayIn("Asia/Shanghai", "08:00-17:00");

        calendar.Add(At("2025-03-07T16:30+08:00"), TimeSpan.FromHours(1)).Should().Be(At("2025-03-10T08:30+08:00"));
    }

    [Fact]
    public void Add_ReturnsResultInCalendarOffset_WhateverTheInputOffset()
    {
        var result = BusinessCalendar.Default.Add(At("2025-03-07T08:30Z"), TimeSpan.FromHours(1));

        result.Offset.Should().Be(TimeSpan.FromHours(8));
        result.Should().Be(At("2025-03-08T08:30+08:00"));
    }

    [Fact]
    public void Add_SkipsLunchBreak_WhenDurationCrossesIt()
    {
        Office.Add(At("2025-03-10T11:00+08:00"), TimeSpan.FromHours(2)).Should().Be(At("2025-03-10T14:00+08:00"));
    }

    [Fact]
    public void Add_StopsAtEndOfRange_WhenDurationFillsItExactly()
    {
        Office.Add(At("2025-03-10T11:00+08:00"), TimeSpan.FromHours(1)).Should().Be(At("2025-03-10T12:00+08:00"));
    }

    [Fact]
    public void Add_StartsAtNextRange_WhenStartIsOutsideWorkingHours()
    {
        Office.Add(At("2025-03-08T10:00+08:00"), TimeSpan.FromHours(1)).Should().Be(At("2025-03-10T10:00+08:00"));
        Office.Add(At("2025-03-10T07:00+08:00"), TimeSpan.FromMinutes(5)).Should().Be(At("2025-03-10T09:05+08:00"));
    }

    [Fact]
    public void Add_OfZero_KeepsAWorkingStartAndMovesAnIdleOneToTheNextRange()
    {
        Office.Add(At("2025-03-10T10:00+08:00"), TimeSpan.Zero).Should().Be(At("2025-03-10T10:00+08:00"));
        Office.Add(At("2025-03-10T12:00+08:00"), TimeSpan.Zero).Should().Be(At("2025-03-10T12:00+08:00"), "the end of a range is where a fill-up lands");
        Office.Add(At("2025-03-10T12:30+08:00"), TimeSpan.Zero).Should().Be(At("2025-03-10T13:00+08:00"));
        Office.Add(At("2025-03-08T10:00+08:00"), TimeSpan.Zero).Should().Be(At("2025-03-10T09:00+08:00"));
    }

    [Fact]
    public void Add_SkipsHoliday_WhenDurationCrossesIt()
    {
        var calendar = new BusinessCalendar("cn", holidays: [Date("2026-01-01")],
            weeklyHours: MondayToFriday("09:00-17:00"));

        // Wednesday Dec 31 → Thursday Jan 1 is closed → Friday Jan 2.
        calendar.Add(At("2025-12-31T16:00+08:00"), TimeSpan.FromHours(2)).Should().Be(At("2026-01-02T10:00+08:00"));
    }

    [Fact]
    public void Add_WorksMakeUpDays_AndSkipsTheHolidayBlock()
    {
        // China 2025 Labour Day: May 1-5 off, Sunday Apr 27 and Saturday May 10 worked (调休).
        var calendar = new BusinessCalendar("cn", weeklyHours: MondayToFriday("09:00-12:00", "13:00-18:00"),
            holidays: [Date("2025-05-01"), Date("2025-05-02"), Date("2025-05-05")],
            extraWorkingDays: new Dictionary<DateOnly, IReadOnlyList<WorkingRange>>
            {
                [Date("2025-04-27")] = Ranges("09:00-12:00", "13:00-18:00"),
                [Date("2025-05-10")] = Ranges("09:00-12:00"),
            });

        calendar.Add(At("2025-04-25T17:00+08:00"), TimeSpan.FromHours(2)).Should().Be(At("2025-04-27T10:00+08:00"));
        calendar.Add(At("2025-04-30T17:00+08:00"), TimeSpan.FromHours(2)).Should().Be(At("2025-05-06T10:00+08:00"));
        calendar.Add(At("2025-05-09T17:30+08:00"), TimeSpan.FromHours(1)).Should().Be(At("2025-05-10T09:30+08:00"));
        calendar.IsWorkingTime(At("2025-05-10T13:30+08:00")).Should().BeFalse("the make-up Saturday has only its own ranges");
    }

    [Fact]
    public void Add_CrossesMidnight_WhenRangesEndAt2400AndStartAt0000()
    {
        var nights = EveryDayIn("Asia/Shanghai", "20:00-24:00", "00:00-02:00");

        nights.Add(At("2025-03-10T23:00+08:00"), TimeSpan.FromHours(2)).Should().Be(At("2025-03-11T01:00+08:00"));
        nights.Add(At("2025-03-10T22:00+08:00"), TimeSpan.FromHours(2)).Should().Be(At("2025-03-11T00:00+08:00"));
        nights.Between(At("2025-03-10T19:00+08:00"), At("2025-03-11T03:00+08:00")).Should().Be(TimeSpan.FromHours(6));
        nights.IsWorkingTime(At("2025-03-11T00:00+08:00")).Should().BeTrue();
    }

    [Fact]
    public void Add_OfThirtyDays_SkipsWeeksAndLandsOnTheRightDay()
    {
        var calendar = MondayToFridayIn("Asia/Shanghai", "09:00-17:00");

        // 720 business hours = 18 weeks of 40 h; from Monday 09:00 the last hour ends on a Friday at 17:00.
        calendar.Add(At("2025-01-06T09:00+08:00"), TimeSpan.FromDays(30)).Should().Be(At("2025-05-09T17:00+08:00"));
    }

    [Fact]
    public void Add_Throws_WhenDurationIsNegative()
    {
        var act = () => Office.Add(At("2025-03-10T10:00+08:00"), TimeSpan.FromMinutes(-1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
