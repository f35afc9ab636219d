using System.Globalization;

namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>
/// A FEEL <c>date and time</c>: a local date-time with an optional UTC offset or IANA zone.
/// Local and offset values do not compare with each other (FEEL gives null), so the kind is kept.
/// </summary>
internal readonly record struct FeelDateTime(DateTime Local, TimeSpan? Offset, string? Zone)
{
    public bool HasOffset => Offset is not null;

    public DateTime Utc => Local - (Offset ?? TimeSpan.Zero);

    public static bool TryParse(string text, out FeelDateTime value)
    {
        value = default;
        text = text.Trim();
        string? zone = null;
        if (text.IndexOf('@', StringComparison.Ordinal) is var at and > 0)
        {
            zone = text[(at + 1)..];
            text = text[..at];
        }

        if (!text.Contains('T', StringComparison.Ordinal))
        {
            if (zone is null && FeelDate.TryParse(text, out var date))
            {
                value = new FeelDateTime(date.ToDateTime(TimeOnly.MinValue), null, null); // date and time("2026-01-01") is midnight
                return true;
            }

            return false;
        }

        var split = text.IndexOf('T', StringComparison.Ordinal);
        if (!FeelDate.TryParse(text[..split], out var day) || !FeelTimeOfDay.TryParse(text[(split + 1)..], out var time))
        {
            return false;
        }

        var local = day.ToDateTime(time.Time);
        if (zone is not null)
        {
            if (time.Offset is not null || !TryZone(zone, local, out var offset))
            {
                return false;
            }

            value = new FeelDateTime(local, offset, zone);
            return true;
        }

        value = new FeelDateTime(local, time.Offset, null);
        return true;
    }

    private static bool TryZone(string zone, DateTime local, out TimeSpan offset)
    {
        offset = default;
        try
        {
            offset = TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(local);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    public override string ToString()
    {
        var text = Local.ToString(Local.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return Zone is not null ? $"{text}@{Zone}" : Offset is { } o ? text + FeelTimeOfDay.FormatOffset(o) : text;
    }
}

/// <summary>FEEL <c>time</c>: a time of day with an optional offset.</summary>
internal readonly record struct FeelTimeOfDay(TimeOnly Time, TimeSpan? Offset)
{
    private static readonly string[] Formats = ["HH:mm:ss", "HH:mm:ss.FFFFFFF", "HH:mm"];

    public static bool TryParse(string text, out FeelTimeOfDay value)
    {
        value = default;
        TimeSpan? offset = null;
        if (text.EndsWith('Z'))
        {
            offset = TimeSpan.Zero;
            text = text[..^1];
        }
        else if (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':')
        {
            if (!TimeSpan.TryParseExact(text[^5..], @"hh\:mm", CultureInfo.InvariantCulture, out var o))
            {
                return false;
            }

            if (o > TimeSpan.FromHours(14))
            {
                return false; // no zone is further than ±14:00 from UTC
            }

            offset = text[^6] == '-' ? -o : o;
            text = text[..^6];
        }

        if (!TimeOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        value = new FeelTimeOfDay(time, offset);
        return true;
    }

    public static string FormatOffset(TimeSpan offset) => offset == TimeSpan.Zero
        ? "Z"
        : (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    public override string ToString() =>
        Time.ToString(Time.Ticks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
        + (Offset is { } o ? FormatOffset(o) : "");
}

/// <summary>FEEL <c>date</c> parsing: ISO calendar dates only (yyyy-MM-dd).</summary>
internal static class FeelDate
{
    public static bool TryParse(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
