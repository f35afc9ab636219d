using System.Globalization;

namespace ServiceFlow.Engine.Calendar;

/// <summary>
/// A span of local wall-clock time within one day during which the desk works, at minute precision.
/// <see cref="End"/> may be 24:00 so that a range can run up to midnight.
/// </summary>
public sealed record WorkingRange
{
    private static readonly TimeSpan EndOfDay = TimeSpan.FromHours(24);

    /// <summary>Creates a range; <paramref name="start"/> must be before <paramref name="end"/>, both whole minutes in 00:00–24:00.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is outside 00:00–24:00, not a whole minute, or start is not before end.</exception>
    public WorkingRange(TimeSpan start, TimeSpan end)
    {
        CheckBound(start, nameof(start));
        CheckBound(end, nameof(end));
        if (start >= end)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end,
                $"A working range must start before it ends; got {Format(start)}–{Format(end)}.");
        }

        Start = start;
        End = end;
    }

    /// <summary>Local time of day at which work starts (inclusive).</summary>
    public TimeSpan Start { get; }

    /// <summary>Local time of day at which work stops (exclusive); at most 24:00.</summary>
    public TimeSpan End { get; }

    internal int StartMinute => (int)Start.TotalMinutes;

    internal int EndMinute => (int)End.TotalMinutes;

    /// <summary>Parses <c>"08:00-12:00"</c> (an en dash also works); the end may be <c>24:00</c>.</summary>
    /// <exception cref="FormatException">The text is not two HH:mm times separated by a dash.</exception>
    public static WorkingRange Parse(string text)
    {
        var parts = text.Split('-', '–');
        if (parts.Length != 2 || !TryParseTime(parts[0], out var start) || !TryParseTime(parts[1], out var end))
        {
            throw new FormatException($"'{text}' is not a working range like 08:00-12:00.");
        }

        return new WorkingRange(start, end);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Format(Start)}-{Format(End)}";

    private static bool TryParseTime(string text, out TimeSpan time)
    {
        time = default;
        var parts = text.Trim().Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59)
        {
            return false;
        }

        time = new TimeSpan(hours, minutes, 0);
        return true;
    }

    private static void CheckBound(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero || value > EndOfDay || value.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentOutOfRangeException(name, value,
                "Working hours are whole minutes between 00:00 and 24:00.");
        }
    }

    private static string Format(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}");
}
