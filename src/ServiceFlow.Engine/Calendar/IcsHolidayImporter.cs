using System.Globalization;
using System.Text.RegularExpressions;

namespace ServiceFlow.Engine.Calendar;

/// <summary>
/// Reads holidays from iCalendar (RFC 5545) text: every VEVENT with an all-day DTSTART closes its dates,
/// up to DTEND (exclusive) or DURATION when given, else the one day. Timed events and other properties are ignored.
/// </summary>
public static partial class IcsHolidayImporter
{
    /// <summary>The distinct holiday dates in <paramref name="icsText"/>, in order.</summary>
    /// <exception cref="FormatException">An all-day event has an unreadable date or duration.</exception>
    public static IReadOnlyList<DateOnly> Parse(string icsText)
    {
        var dates = new SortedSet<DateOnly>();
        DateOnly? start = null, end = null;
        var days = 1;
        foreach (var line in Unfold(icsText))
        {
            var (name, parameters, value) = Split(line);
            switch (name)
            {
                case "BEGIN" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase):
                    (start, end, days) = (null, null, 1);
                    break;
                case "END" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && start is { } first:
                    var last = end?.AddDays(-1) ?? first.AddDays(days - 1);
                    for (var date = first; date <= last; date = date.AddDays(1))
                    {
                        dates.Add(date);
                    }

                    start = null;
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

        return [.. dates];
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
