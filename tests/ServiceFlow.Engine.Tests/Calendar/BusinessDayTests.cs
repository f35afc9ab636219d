using ServiceFlow.Engine.Calendar;
using static ServiceFlow.Engine.Tests.Calendar.Hours;

namespace ServiceFlow.Engine.Tests.Calendar;

/// "One business day" is the next working day at the same time, not 24 (or 9) working hours.
public class BusinessDayTests
{
    // Monday to Friday 08:00-17:00 in Shanghai; 2026-06-01 is a Monday. Thursday 2026-06-04 is a holiday and
    // Sunday 2026-06-07 a make-up working day (调休) with short hours.
    private static readonly BusinessCalendar Office = new("office", "Asia/Shanghai", MondayToFriday("08:00-17:00"),
        [Date("2026-06-04")], new Dictionary<DateOnly, IReadOnlyList<WorkingRange>> { [Date("2026-06-07")] = Ranges("09:00-12:00") });

    private static BusinessDuration Days(int days, double hours = 0) => new(days, TimeSpan.FromHours(hours));

    [Fact]
    public void OneDay_FromMidMorning_IsTheSameTimeNextWorkingDay()
    {
        Office.Add(At("2026-06-01T10:00+08:00"), Days(1)).Should().Be(At("2026-06-02T10:00+08:00"));
    }

    [Fact]
    public void OneDay_FromFriday_SkipsTheWeekend()
    {
        // Friday 2026-06-05 → the next working day is the make-up Sunday (09:00-12:00): 10:00 falls inside it.
        Office.Add(At("2026-06-05T10:00+08:00"), Days(1)).Should().Be(At("2026-06-07T10:00+08:00"));
        // Friday 2026-06-12 → Monday: no make-up day that weekend.
        Office.Add(At("2026-06-12T10:00+08:00"), Days(1)).Should().Be(At("2026-06-15T10:00+08:00"));
    }

    [Fact]
    public void OneDay_BeforeAHoliday_LandsOnTheDayAfterIt()
    {
        // Wednesday 2026-06-03 15:00; Thursday is a holiday.
        Office.Add(At("2026-06-03T15:00+08:00"), Days(1)).Should().Be(At("2026-06-05T15:00+08:00"));
    }

    [Fact]
    public void ThreeDays_OverAHolidayAndAWeekend_CountOnlyWorkingDays()
    {
        // Tuesday 14:00 → Wednesday, (Thursday holiday) Friday, (Saturday) Sunday make-up day: its closing, 12:00.
        Office.Add(At("2026-06-02T14:00+08:00"), Days(3)).Should().Be(At("2026-06-07T12:00+08:00"), "14:00 is after the short day's closing");
    }

    [Fact]
    public void OneDay_FromOutsideHours_IsTheWholeNextWorkingDay()
    {
        Office.Add(At("2026-06-06T11:00+08:00"), Days(1)).Should().Be(At("2026-06-07T12:00+08:00"), "Saturday: Sunday's make-up hours are the day");
        Office.Add(At("2026-06-08T06:30+08:00"), Days(1)).Should().Be(At("2026-06-08T17:00+08:00"), "before opening: that day, to its closing");
        Office.Add(At("2026-06-08T19:00+08:00"), Days(1)).Should().Be(At("2026-06-09T17:00+08:00"), "after closing: the next day");
        Office.Add(At("2026-06-12T20:00+08:00"), Days(1)).Should().Be(At("2026-06-15T17:00+08:00"), "Friday night: Monday");
    }

    [Fact]
    public void OneDay_FromOpeningOrClosing_EndsAtAClosingNotAtTheNextOpening()
    {
        Office.Add(At("2026-06-08T08:00+08:00"), Days(1)).Should().Be(At("2026-06-08T17:00+08:00"));
        Office.Add(At("2026-06-08T17:00+08:00"), Days(1)).Should().Be(At("2026-06-09T17:00+08:00"));
    }

    [Fact]
    public void DaysThenHours_AddTheWorkingTimeAfterTheDays()
    {
        // Monday 16:00 + 1 day → Tuesday 16:00, + 3 h → 1 h Tuesday and 2 h Wednesday.
        Office.Add(At("2026-06-01T16:00+08:00"), Days(1, 3)).Should().Be(At("2026-06-03T10:00+08:00"));
    }

    [Fact]
    public void LunchBreak_ADueTimeInsideTheBreak_IsTheMorningsClosing()
    {
        var split = MondayToFridayIn("Asia/Shanghai", "09:00-12:00", "13:00-18:00");
        split.Add(At("2026-06-01T12:30+08:00"), Days(1)).Should().Be(At("2026-06-02T12:00+08:00"), "started in the break: counting from 13:00");
        split.Add(At("2026-06-01T14:00+08:00"), Days(1)).Should().Be(At("2026-06-02T14:00+08:00"));
    }

    [Fact]
    public void EveryDayDesk_OneDayFromSaturday_IsSunday()
    {
        // The desk's own calendar works every day (002 §6): the weekend counts.
        BusinessCalendar.Default.Add(At("2026-06-06T14:00+08:00"), Days(1)).Should().Be(At("2026-06-07T14:00+08:00"));
    }

    [Fact]
    public void WorkingTime_OfOneDay_IsThatDaysHours()
    {
        Office.WorkingTime(At("2026-06-01T10:00+08:00"), Days(1)).Should().Be(TimeSpan.FromHours(9));
        Office.WorkingTime(At("2026-06-05T10:00+08:00"), Days(1)).Should().Be(TimeSpan.FromHours(8), "7 h Friday and 1 h of the short Sunday");
    }

    [Fact]
    public void Difference_IsTheInverseOfAdd()
    {
        var start = At("2026-06-01T10:00+08:00");
        foreach (var duration in new[] { Days(0, 2), Days(1), Days(1, 3), Days(3, 0.5), Days(6) })
        {
            Office.Difference(start, Office.Add(start, duration)).Should().Be(duration);
        }
    }

    [Fact]
    public void Difference_CountsWorkingHoursBeyondADay_AsADay()
    {
        Office.Difference(At("2026-06-01T10:00+08:00"), At("2026-06-02T11:30+08:00")).Should().Be(Days(1, 1.5));
        Office.Difference(At("2026-06-02T11:00+08:00"), At("2026-06-01T10:00+08:00")).Should().Be(BusinessDuration.Zero, "a later start is no time");
    }

    [Fact]
    public void RegistryAdd_ReadsWholeDaysOfATimerAsWorkingDays()
    {
        var registry = new BusinessCalendarRegistry(BusinessCalendar.Default, [Office]);

        registry.Add(At("2026-06-03T15:00+08:00"), TimeSpan.FromDays(1), "office").Should().Be(At("2026-06-05T15:00+08:00"), "P1D: the holiday skipped");
        registry.Add(At("2026-06-03T15:00+08:00"), TimeSpan.FromHours(4), "office").Should().Be(At("2026-06-05T10:00+08:00"), "PT4H: working hours");
    }
}
