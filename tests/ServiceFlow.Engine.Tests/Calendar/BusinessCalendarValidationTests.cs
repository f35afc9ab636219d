using ServiceFlow.Engine.Calendar;
using static ServiceFlow.Engine.Tests.Calendar.Hours;

namespace ServiceFlow.Engine.Tests.Calendar;

public class BusinessCalendarValidationTests
{
    [Fact]
    public void Default_IsShanghaiEveryDayEightToFive()
    {
        var calendar = BusinessCalendar.Default;

        calendar.TimeZone.Id.Should().Be("Asia/Shanghai");
        calendar.Between(At("2025-03-03T00:00+08:00"), At("2025-03-10T00:00+08:00")).Should().Be(TimeSpan.FromHours(63));
    }

    [Fact]
    public void Constructor_Throws_WhenRangesOverlap()
    {
        var act = () => new BusinessCalendar("x", weeklyHours: On([DayOfWeek.Monday], "08:00-12:00", "11:00-13:00"));

        act.Should().Throw<ArgumentException>().WithMessage("*Monday overlap: 08:00-12:00 and 11:00-13:00*");
    }

    [Fact]
    public void Constructor_AcceptsAdjacentRanges_AsOneContinuousRange()
    {
        var calendar = new BusinessCalendar("x", "UTC", EveryDay("08:00-12:00", "12:00-13:00"));

        calendar.IsWorkingTime(At("2025-03-10T12:00Z")).Should().BeTrue();
        calendar.Add(At("2025-03-10T11:00Z"), TimeSpan.FromHours(2)).Should().Be(At("2025-03-10T13:00Z"));
    }

    [Fact]
    public void Constructor_Throws_WhenTimeZoneIsUnknown()
    {
        var act = () => new BusinessCalendar("x", "Mars/Olympus_Mons");

        act.Should().Throw<ArgumentException>().WithMessage("*Unknown time zone 'Mars/Olympus_Mons'*");
    }

    [Fact]
    public void Constructor_Throws_WhenNoWeekdayHasHours()
    {
        var act = () => new BusinessCalendar("x", weeklyHours: new Dictionary<DayOfWeek, IReadOnlyList<WorkingRange>>());

        act.Should().Throw<ArgumentException>().WithMessage("*at least one weekday*");
    }

    [Fact]
    public void Constructor_Throws_WhenADateIsBothHolidayAndWorkingDay()
    {
        var act = () => new BusinessCalendar("x", holidays: [Date("2025-04-27")],
            extraWorkingDays: new Dictionary<DateOnly, IReadOnlyList<WorkingRange>> { [Date("2025-04-27")] = Ranges("09:00-17:00") });

        act.Should().Throw<ArgumentException>().WithMessage("*2025-04-27 is both*");
    }

    [Theory]
    [InlineData("09:00-09:00")]
    [InlineData("17:00-08:00")]
    [InlineData("08:00-24:01")]
    public void WorkingRange_Throws_WhenBoundsAreOutOfOrderOrPastMidnight(string text)
    {
        var act = () => WorkingRange.Parse(text);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("8-17")]
    [InlineData("08:00")]
    [InlineData("08:60-09:00")]
    public void WorkingRange_Parse_Throws_WhenTextIsNotARange(string text)
    {
        var act = () => WorkingRange.Parse(text);

        act.Should().Throw<FormatException>().WithMessage($"*'{text}'*");
    }

    [Fact]
    public void WorkingRange_Throws_WhenBoundIsNotAWholeMinute()
    {
        var act = () => new WorkingRange(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*whole minutes*");
    }

    [Fact]
    public void WorkingRange_Parse_AcceptsMidnightAsEnd()
    {
        WorkingRange.Parse("20:00–24:00").End.Should().Be(TimeSpan.FromHours(24));
    }

    [Fact]
    public void WithHolidays_AddsDates_AndLeavesTheOriginalUnchanged()
    {
        var original = MondayToFridayIn("UTC", "09:00-17:00");

        var closed = original.WithHolidays([Date("2025-03-10")]);

        closed.IsWorkingTime(At("2025-03-10T10:00Z")).Should().BeFalse();
        original.IsWorkingTime(At("2025-03-10T10:00Z")).Should().BeTrue();
        closed.Name.Should().Be(original.Name);
    }
}
