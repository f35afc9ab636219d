using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace ServiceFlow.Engine.Calendar;

/// <summary>
/// A duration in business time as people state it: whole working days, then working time ("1 business day 3 h").
/// </summary>
/// <remarks>
/// <para>A working day is not a number of hours: one working day from Monday 10:00 is Tuesday 10:00 on a desk that works
/// both days, Monday 17:00 → Tuesday 17:00, and over a weekend or holiday the next working day
/// (<see cref="BusinessCalendar.Add(DateTimeOffset, BusinessDuration)"/>).</para>
/// <para>Read from an ISO 8601 duration or a <see cref="TimeSpan"/>, every whole 24 hours is one working day and the rest
/// working time: P1D and PT24H are one working day; P1DT3H and PT27H one working day and 3 working hours; PT10H ten
/// working hours. A week is seven working days (P1W = P7D; write P5D for a Monday-to-Friday week). Months and years
/// are refused: they have no fixed number of working days.</para>
/// </remarks>
public readonly partial record struct BusinessDuration
{
    /// <summary>Creates a duration of <paramref name="days"/> working days and then <paramref name="time"/> of working time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A part is negative.</exception>
    public BusinessDuration(int days, TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        Days = days;
        Time = time;
    }

    /// <summary>No time at all.</summary>
    public static BusinessDuration Zero { get; }

    /// <summary>Whole working days, each counted to the same time of day.</summary>
    public int Days { get; }

    /// <summary>Working time after the days.</summary>
    public TimeSpan Time { get; }

    /// <summary>Whether this is no time at all.</summary>
    public bool IsZero => Days == 0 && Time == TimeSpan.Zero;

    /// <summary>Reads a stored span: every whole 24 hours is a working day, the rest working time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The span is negative.</exception>
    public static BusinessDuration FromTimeSpan(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        return new BusinessDuration(span.Days, span - TimeSpan.FromDays(span.Days));
    }

    /// <summary>The span that stores this duration (days as 24 hours), for <see cref="FromTimeSpan"/> to read back.</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromDays(Days) + Time;

    /// <summary>Parses an ISO 8601 duration such as <c>P1D</c>, <c>PT4H</c>, <c>P1DT3H</c> or <c>P2W</c> (see the remarks).</summary>
    /// <returns>False for empty, negative, month or year durations and for text that is not ISO 8601.</returns>
    public static bool TryParse(string? text, out BusinessDuration duration)
    {
        duration = Zero;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.StartsWith('-') || MonthsOrYears().IsMatch(text))
        {
            return false;
        }

        if (Weeks().Match(text) is { Success: true } weeks)
        {
            return int.TryParse(weeks.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w <= 52_000
                && Assign(new BusinessDuration(7 * w, TimeSpan.Zero), out duration);
        }

        try
        {
            return Assign(FromTimeSpan(XmlConvert.ToTimeSpan(text)), out duration);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>ISO 8601 text that <see cref="TryParse"/> reads back: <c>P1DT3H</c>, <c>PT45M</c>, <c>P3D</c>, <c>PT0S</c>.</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "PT0S";
        }

        var text = new StringBuilder("P");
        if (Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Days}D");
        }

        if (Time > TimeSpan.Zero)
        {
            text.Append('T');
            var hours = (long)Time.TotalHours;
            if (hours > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{hours}H");
            }

            if (Time.Minutes > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Time.Minutes}M");
            }

            var seconds = Time.Ticks % TimeSpan.TicksPerMinute;
            if (seconds > 0)
            {
                text.Append(((decimal)seconds / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return text.ToString();
    }

    private static bool Assign(BusinessDuration value, out BusinessDuration duration)
    {
        duration = value;
        return true;
    }

    [GeneratedRegex(@"^P(\d+)W$", RegexOptions.CultureInvariant)]
    private static partial Regex Weeks();

    // A Y or an M before any T: XmlConvert would read them as 365 and 30 days.
    [GeneratedRegex(@"^P[^T]*[YM]", RegexOptions.CultureInvariant)]
    private static partial Regex MonthsOrYears();
}
