using ServiceFlow.Engine.Calendar;
using static ServiceFlow.Engine.Tests.Calendar.Hours;

namespace ServiceFlow.Engine.Tests.Calendar;

public class IcsHolidayImporterTests
{
    // CRLF line ends, folded lines (one with a tab), parameters and properties the importer does not know.
    private const string Sample =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Holidays//EN\r\nX-WR-CALNAME:China holidays\r\n" +
        "BEGIN:VEVENT\r\nUID:newyear-2026@example\r\nDTSTART;VALUE=DATE:20260101\r\n" +
        "SUMMARY;LANGUAGE=zh-CN:元旦\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nUID:spring-2026@example\r\nDTSTART;VALUE=DATE:2026021\r\n 5\r\nDTEND;VALUE=DATE:20260\r\n\t218\r\n" +
        "DESCRIPTION:Spring Festival\\, a long description that a feed folds onto\r\n  several lines\r\n" +
        "X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261001\r\nDURATION:P2D\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nSUMMARY:Team meeting\r\nDTSTART;TZID=Asia/Shanghai:20260105T100000\r\nDTEND;TZID=Asia/Shanghai:20260105T110000\r\nEND:VEVENT\r\n" +
        "END:VCALENDAR\r\n";

    [Fact]
    public void Parse_ReturnsAllDayEventDates_WithExclusiveEndAndFoldedLines()
    {
        IcsHolidayImporter.Parse(Sample).Should().Equal(
            Date("2026-01-01"), Date("2026-02-15"), Date("2026-02-16"), Date("2026-02-17"),
            Date("2026-10-01"), Date("2026-10-02"));
    }

    [Fact]
    public void Parse_AcceptsBareLineFeeds_AndDeduplicates()
    {
        const string text = "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250501\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20250501\nEND:VEVENT\n";

        IcsHolidayImporter.Parse(text).Should().Equal(Date("2025-05-01"));
    }

    [Fact]
    public void Parse_Throws_WhenAnAllDayDateIsMalformed()
    {
        var act = () => IcsHolidayImporter.Parse("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2025-05-01\r\nEND:VEVENT\r\n");

        act.Should().Throw<FormatException>().WithMessage("*2025-05-01*");
    }

    [Fact]
    public void ImportedHolidays_CloseTheCalendar()
    {
        var calendar = new BusinessCalendar("cn", weeklyHours: MondayToFriday("09:00-17:00"))
            .WithHolidays(IcsHolidayImporter.Parse(Sample));

        calendar.Add(At("2025-12-31T16:00+08:00"), TimeSpan.FromHours(2)).Should().Be(At("2026-01-02T10:00+08:00"));
    }

    [Fact]
    public void ParseDays_ReadsWorkdayEventsAsWorkingDays_AndKeepsThemOutOfTheHolidays()
    {
        const string text = "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260215\r\nDTEND;VALUE=DATE:20260218\r\nCATEGORIES:HOLIDAY\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nCATEGORIES:PUBLIC,Workday\r\nDTSTART;VALUE=DATE:20260214\r\nSUMMARY:春节调休上班\r\nEND:VEVENT\r\n";

        var days = IcsHolidayImporter.ParseDays(text);

        days.Holidays.Should().Equal(Date("2026-02-15"), Date("2026-02-16"), Date("2026-02-17"));
        days.WorkingDays.Should().Equal(Date("2026-02-14"));
        IcsHolidayImporter.Parse(text).Should().Equal(days.Holidays);
    }

    [Fact]
    public void ParseDays_Throws_WhenADateIsBothHolidayAndWorkingDay()
    {
        const string text = "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260214\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260214\r\nCATEGORIES:WORKDAY\r\nEND:VEVENT\r\n";

        var act = () => IcsHolidayImporter.ParseDays(text);

        act.Should().Throw<FormatException>().WithMessage("*2026-02-14*both*");
    }
}
