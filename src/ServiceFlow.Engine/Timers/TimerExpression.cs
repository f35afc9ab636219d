using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Timers;

/// <summary>A parsed timeCycle: R[n]/[start/]interval.</summary>
/// <param name="Repetitions">Number of firings, or null for unbounded (R/...).</param>
/// <param name="Start">Optional first due time.</param>
/// <param name="Interval">Time between firings.</param>
/// <param name="Months">Calendar months between firings (P1M, P3M, P1Y) instead of <paramref name="Interval"/>; 0 when the interval is fixed.</param>
internal sealed record CycleSpec(int? Repetitions, DateTimeOffset? Start, TimeSpan Interval, int Months = 0);

/// <summary>ISO-8601 durations, dates and repeating intervals as BPMN timers use them.</summary>
internal static partial class TimerExpression
{
    [GeneratedRegex(@"^P(\d+)W$", RegexOptions.CultureInvariant)]
    private static partial Regex Weeks();

    [GeneratedRegex(@"^P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CalendarMonths();

    /// <summary>
    /// The longest duration a timer or due date may name: 100 years. Longer ones are modelling mistakes
    /// (P2000000W), and a due time past year 9999 cannot be represented at all.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(36_525);

    public static bool TryParseDuration(string text, out TimeSpan duration) => DurationError(text, out duration) is null;

    /// <summary>Null when the text is an ISO-8601 duration of at most <see cref="MaxDuration"/>, else why not.</summary>
    public static string? DurationError(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        const string TooLong = "is longer than 100 years, the longest duration ServiceFlow accepts";
        if (Weeks().Match(text) is { Success: true } w)
        {
            if (!long.TryParse(w.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var weeks)
                || weeks > MaxDuration.Days / 7)
            {
                return TooLong;
            }

            duration = TimeSpan.FromDays(7 * weeks);
            return null;
        }

        const string NotIso = "is not an ISO-8601 duration such as PT4H or P1DT2H";
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return NotIso;
        }
        catch (OverflowException)
        {
            return TooLong;
        }

        return duration > MaxDuration ? TooLong
            : duration < TimeSpan.Zero || (duration == TimeSpan.Zero && text.Length <= 1) ? NotIso
            : null;
    }

    public static bool TryParseDate(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date)
        && text.Contains('-', StringComparison.Ordinal);

    public static bool TryParseCycle(string text, out CycleSpec cycle)
    {
        cycle = null!;
        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            return false;
        }

        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return false;
            }

            repetitions = n;
        }

        DateTimeOffset? start = null;
        if (parts.Length == 3)
        {
            if (!TryParseDate(parts[1], out var s))
            {
                return false;
            }

            start = s;
        }

        // A month is not a fixed span: P1M, P3M and P1Y step in calendar months from the cycle's start,
        // so a monthly cycle fires on the same day and hour of every month (the 1st at 01:00, say).
        if (MonthsOf(parts[^1]) is { } months)
        {
            if (start is null)
            {
                return false;
            }

            cycle = new CycleSpec(repetitions, start, TimeSpan.FromDays(28 * months), months);
            return true;
        }

        if (!TryParseDuration(parts[^1], out var interval) || interval <= TimeSpan.Zero)
        {
            return false;
        }

        cycle = new CycleSpec(repetitions, start, interval);
        return true;
    }

    /// <summary>Whole calendar months of a duration made only of years and months (P1M, P3M, P1Y2M); else null.</summary>
    private static int? MonthsOf(string text)
    {
        var m = CalendarMonths().Match(text.Trim());
        if (!m.Success || (!m.Groups[1].Success && !m.Groups[2].Success))
        {
            return null;
        }

        var months = (m.Groups[1].Success ? 12 * int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0)
            + (m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0);
        return months is > 0 and <= 1200 ? months : null;
    }

    /// <summary>The first due time of a calendar-month cycle after <paramref name="after"/>: its start plus whole steps, counted in the start's UTC offset, returned in UTC like every due time.</summary>
    private static DateTimeOffset NextMonthStep(CycleSpec c, DateTimeOffset after)
    {
        var start = c.Start!.Value;
        if (start > after)
        {
            return start.ToUniversalTime();
        }

        var local = after.ToOffset(start.Offset);
        var steps = Math.Max(0, (((local.Year - start.Year) * 12) + local.Month - start.Month) / c.Months);
        var due = start.AddMonths(steps * c.Months);
        while (due <= after)
        {
            steps++;
            due = start.AddMonths(steps * c.Months);
        }

        return due.ToUniversalTime();
    }

    /// <summary>Null when the timer is valid, else a message a modeler can act on.</summary>
    public static string? Validate(TimerDefinition? timer) => timer switch
    {
        null => "timer event has no timeDuration, timeDate or timeCycle",
        { Kind: TimerKind.Duration } when DurationError(timer.Expression, out _) is { } error =>
            $"timeDuration '{timer.Expression}' {error}",
        { Kind: TimerKind.Date } when !TryParseDate(timer.Expression, out _) =>
            $"timeDate '{timer.Expression}' is not an ISO-8601 date-time such as 2026-01-01T09:00:00Z",
        { Kind: TimerKind.Cycle } when !TryParseCycle(timer.Expression, out _) =>
            $"timeCycle '{timer.Expression}' is not an ISO-8601 repeating interval such as R3/PT10M or R/2026-01-01T01:00:00+08:00/P1M (a month cycle needs a start; cron is not supported)",
        _ => null,
    };

    /// <summary>First due time of a timer and how many firings remain after it (null = unbounded, 0 = none).</summary>
    public static (DateTimeOffset Due, int? RemainingAfter) FirstDue(TimerDefinition timer, DateTimeOffset now, string? calendar, IBusinessTime time)
    {
        switch (timer.Kind)
        {
            case TimerKind.Duration:
                var d = TryParseDuration(timer.Expression, out var dd) ? dd : throw Invalid(timer);
                return (time.Add(now, d, calendar), 0);
            case TimerKind.Date:
                var date = TryParseDate(timer.Expression, out var dt) ? dt : throw Invalid(timer);
                return (date, 0);
            default:
                var c = TryParseCycle(timer.Expression, out var cc) ? cc : throw Invalid(timer);
                var due = c.Months > 0 ? NextMonthStep(c, now) : c.Start is { } s && s > now ? s : time.Add(now, c.Interval, calendar);
                return (due, c.Repetitions is { } r ? r - 1 : null);
        }
    }

    /// <summary>Next due time of a cycle after a firing at <paramref name="previousDue"/>.</summary>
    public static DateTimeOffset NextCycleDue(TimerDefinition timer, DateTimeOffset previousDue, string? calendar, IBusinessTime time)
    {
        var c = TryParseCycle(timer.Expression, out var cc) ? cc : throw Invalid(timer);
        return c.Months > 0 ? NextMonthStep(c, previousDue) : time.Add(previousDue, c.Interval, calendar);
    }

    private static FormatException Invalid(TimerDefinition timer) => new(Validate(timer) ?? "invalid timer");
}
