using System.Globalization;
using ServiceFlow.Engine.Calendar;

namespace ServiceFlow.Web.Features.Sla;

/// Imports an iCalendar file into a calendar record (API, admin page, first start): all-day events become
/// holidays, events with `CATEGORIES:WORKDAY` extra working days (China's 调休) with the hours of the calendar's
/// first working weekday from Monday. Importing the same file twice changes nothing.
internal static class CalendarIcs
{
    /// What the desk ships: `calendars/*.ics` next to the app (copied from the repository's `calendars/`).
    public static IEnumerable<string> ShippedFiles() =>
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "calendars"))
            ? Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "calendars"), "*.ics").Order(StringComparer.Ordinal)
            : [];

    /// Throws FormatException with a message a person can act on when the file cannot be read.
    public static void Import(CalendarRecord record, string icsText)
    {
        var days = IcsHolidayImporter.ParseDays(icsText);
        record.Holidays = [.. record.Holidays.Concat(days.Holidays).Distinct().Order()];
        var listed = record.ExtraWorkingDays.Select(line => line.Split(' ', 2)[0]).ToHashSet(StringComparer.Ordinal);
        var hours = WorkdayHours(record);
        foreach (var date in days.WorkingDays)
        {
            var key = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (listed.Add(key))
                record.ExtraWorkingDays.AddRange(hours.Select(range => $"{key} {range}"));
        }
        record.ExtraWorkingDays = [.. record.ExtraWorkingDays.Order(StringComparer.Ordinal)];
    }

    // A make-up working day is a normal working day: the hours of the first weekday (from Monday) that has any.
    static IReadOnlyList<string> WorkdayHours(CalendarRecord record)
    {
        var weekly = record.WeeklyHours.Select(line => line.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2 && Enum.TryParse<DayOfWeek>(parts[0], ignoreCase: true, out _))
            .GroupBy(parts => Enum.Parse<DayOfWeek>(parts[0], ignoreCase: true))
            .ToDictionary(g => g.Key, g => g.Select(parts => parts[1]).ToList());
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday })
            if (weekly.TryGetValue(day, out var ranges))
                return ranges;
        return ["08:00-17:00"]; // no weekly hours: the calendar works the desk's hours every day (BusinessCalendar)
    }
}
