using ServiceFlow.Engine.Calendar;
using static ServiceFlow.Engine.Tests.Calendar.Hours;

namespace ServiceFlow.Engine.Tests.Calendar;

// 2025: New York springs forward Mar 9 02:00→03:00 and falls back Nov 2 02:00→01:00;
// Berlin springs forward Mar 30 02:00→03:00 and falls back Oct 26 03:00→02:00.
public class BusinessCalendarDstTests
{
    private static readonly BusinessCalendar NewYork = EveryDayIn("America/New_York", "01:00-04:00");
    private static readonly BusinessCalendar Berlin = EveryDayIn("Europe/Berlin", "01:00-04:00");

    [Theory]
    [InlineData("America/New_York", "2025-03-09T00:00-05:00", "2025-03-10T00:00-04:00", 2)]
    [InlineData("America/New_York", "2025-11-02T00:00-04:00", "2025-11-03T00:00-05:00", 4)]
    [InlineData("Europe/Berlin", "2025-03-30T00:00+01:00", "2025-03-31T00:00+02:00", 2)]
    [InlineData("Europe/Berlin", "2025-10-26T00:00+02:00", "2025-10-27T00:00+01:00", 4)]
    public void Between_ShortensSkippedHour_AndCountsRepeatedHourTwice(string zone, string from, string to, int hours)
    {
        EveryDayIn(zone, "01:00-04:00").Between(At(from), At(to)).Should().Be(TimeSpan.FromHours(hours));
    }

    [Fact]
    public void Add_JumpsTheGap_WhenSpringingForwardInNewYork()
    {
        NewYork.Add(At("2025-03-09T01:00-05:00"), TimeSpan.FromMinutes(90)).Should().Be(At("2025-03-09T03:30-04:00"));
        NewYork.Add(At("2025-03-09T01:00-05:00"), TimeSpan.FromHours(2)).Should().Be(At("2025-03-09T04:00-04:00"));
        NewYork.Add(At("2025-03-09T01:00-05:00"), TimeSpan.FromMinutes(121)).Should().Be(At("2025-03-10T01:01-04:00"));
    }

    [Fact]
    public void Add_RunsThroughBothPasses_WhenFallingBackInNewYork()
    {
        NewYork.Add(At("2025-11-02T01:00-04:00"), TimeSpan.FromMinutes(90)).Should().Be(At("2025-11-02T01:30-05:00"));
        NewYork.Add(At("2025-11-02T01:00-04:00"), TimeSpan.FromHours(4)).Should().Be(At("2025-11-02T04:00-05:00"));
    }

    [Fact]
    public void Add_RunsThroughBothPasses_WhenFallingBackInBerlin()
    {
        Berlin.Add(At("2025-10-26T01:00+02:00"), TimeSpan.FromHours(2)).Should().Be(At("2025-10-26T02:00+01:00"));
        Berlin.Add(At("2025-10-26T01:00+02:00"), TimeSpan.FromHours(4)).Should().Be(At("2025-10-26T04:00+01:00"));
    }

    [Fact]
    public void NextWorkingInstant_StartsAtTheGapEnd_WhenRangeStartsInsideTheGap()
    {
        var calendar = EveryDayIn("Europe/Berlin", "02:30-05:00");

        calendar.NextWorkingInstant(At("2025-03-30T00:00+01:00")).Should().Be(At("2025-03-30T03:00+02:00"));
        calendar.Between(At("2025-03-30T00:00+01:00"), At("2025-03-31T00:00+02:00")).Should().Be(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Calendar_HasNoWorkThatDay_WhenTheRangeLiesInsideTheGap()
    {
        var calendar = EveryDayIn("America/New_York", "02:00-02:30");

        calendar.Between(At("2025-03-09T00:00-05:00"), At("2025-03-10T00:00-04:00")).Should().Be(TimeSpan.Zero);
        calendar.NextWorkingInstant(At("2025-03-09T00:00-05:00")).Should().Be(At("2025-03-10T02:00-04:00"));
    }

    [Fact]
    public void Between_EndsAtTheFirstPass_WhenARangeEndsInsideTheRepeatedHour()
    {
        var calendar = EveryDayIn("America/New_York", "00:00-01:30");

        calendar.Between(At("2025-11-02T00:00-04:00"), At("2025-11-03T00:00-05:00")).Should().Be(TimeSpan.FromMinutes(90));
        calendar.IsWorkingTime(At("2025-11-02T01:15-05:00")).Should().BeFalse("the second 01:15 comes after the range ended");
    }

    [Fact]
    public void Add_KeepsWallClockHours_AcrossTheTransitionOverManyWeeks()
    {
        var office = MondayToFridayIn("America/New_York", "09:00-17:00");

        office.Add(At("2025-03-07T17:00-05:00"), TimeSpan.FromHours(40)).Should().Be(At("2025-03-14T17:00-04:00"));
        // 52 weeks of 40 h from Monday Jan 6 end on Friday Jan 2 2026, through both transitions.
        office.Add(At("2025-01-06T09:00-05:00"), TimeSpan.FromHours(52 * 40)).Should().Be(At("2026-01-02T17:00-05:00"));
    }
}
