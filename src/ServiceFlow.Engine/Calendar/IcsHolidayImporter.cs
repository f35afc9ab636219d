using System.Globalization;
using System.Text.RegularExpressions;

namespace ServiceFlow.Engine.Calendar;

/// <summary>
/// Reads holidays from iCalendar (RFC 5545) text: every VEVENT with an all-day DTSTART closes its dates,
/// up to DTEND (exclusive) or DURATION when given, else the one day. An event with <c>CATEGORIES:WORKDAY</c>
/// marks its dates as working days instead (make-up days such as China's 调休).
/// Timed events and other properties are ignored.
/// </summary>
public static partial class IcsHolidayImporter
{
    /// <summary>The category that marks an all-day event as a working day rather than a holiday.</summary>
    public const string WorkdayCategory = "WORKDAY";

    /// <summary>The distinct holiday dates in <paramref name="icsText"/>, in order (working days left out).</summary>
    /// <exception cref="FormatException">An all-day event has an unreadable date or duration.</exception>
    public static IReadOnlyList<DateOnly> Parse(string icsText) => ParseDays(icsText).Holidays;

    /// <summary>The holidays and the working days in <paramref name="icsText"/>, each distinct and in order.</summary>
    /// <exception cref="FormatException">An all-day event has an unreadable date, or a date is both.</exception>
    public static IcsDays ParseDays(string icsText)
    {
        var holidays = new SortedSet<DateOnly>();
        var workingDays = new SortedSet<DateOnly>();
        DateOnly? start = null, end = null;
        var days = 1;
        var working = false;
        foreach (var line in Unfold(icsText))
        {
            var (name, parameters, value) = Split(line);
            switch (name)
            {
                case "BEGIN" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase):
                    (start, end, days, working) = (null, null, 1, false);
                    break;
                case "END" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && start is { } first:
                    var last = end?.AddDays(-1) ?? first.AddDays(days - 1);
                    for (var date = first; date <= last; date = date.AddDays(1))
                    {
                        (working ? workingDays : holidays).Add(date);
                    }

                    start = null;
                    break;
                case "CATEGORIES":
                    working |= value.Split(',').Any(c => c.Trim().Equals(WorkdayCategory, StringComparison.OrdinalIgnoreCase));
                    break;
                case "DTSTART":
                    start = ReadDate(parameters, value, line);
                    break;
                case "DTEND":
                    end = ReadDate(parameters, value, line);
                    break;
                case "DURATION" when DaysPattern().Match(value) is { Success: true } match:
                    days = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) * (match.Groups["unit"].Value == "W" ? 7 : 1);
                    break;
            }
        }

        if (holidays.Overlaps(workingDays))
        {
            throw new FormatException($"{holidays.Intersect(workingDays).First():yyyy-MM-dd} is both a holiday and a working day in the iCalendar file.");
        }

        return new IcsDays([.. holidays], [.. workingDays]);
    }

    // RFC 5545 §3.1: a line break followed by one space or tab continues the previous line.
    private static string[] Unfold(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("\n ", string.Empty, StringComparison.Ordinal)
            .Replace("\n\t", string.Empty, StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (string Name, string Parameters, string Value) Split(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (string.Empty, string.Empty, line);
        }

        var head = line[..colon];
        var semicolon = head.IndexOf(';', StringComparison.Ordinal);
        var name = (semicolon < 0 ? head : head[..semicolon]).ToUpperInvariant();
        return (name, semicolon < 0 ? string.Empty : head[(semicolon + 1)..], line[(colon + 1)..].Trim());
    }

    // Only all-day values count; a date-time (a timed event) yields null and the event is skipped.
    private static DateOnly? ReadDate(string parameters, string value, string line)
    {
        var allDay = parameters.Contains("VALUE=DATE", StringComparison.OrdinalIgnoreCase)
            && !parameters.Contains("VALUE=DATE-TIME", StringComparison.OrdinalIgnoreCase);
        if (!allDay && value.Length != 8)
        {
            return null;
        }

        return DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"'{line}' does not hold an iCalendar date such as 20250101.");
    }

    [GeneratedRegex(@"^P(?<n>\d+)(?<unit>[DW])$", RegexOptions.CultureInvariant)]
    private static partial Regex DaysPattern();
}

/// <summary>What an iCalendar file says about dates: closed (holidays) or worked although their weekday is not.</summary>
/// <param name="Holidays">Closed dates, in order.</param>
/// <param name="WorkingDays">Dates marked <c>CATEGORIES:WORKDAY</c>, in order.</param>
public sealed record IcsDays(IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> WorkingDays);
