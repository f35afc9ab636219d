namespace ServiceFlow.Engine.Calendar;

public sealed partial class BusinessCalendar
{
    // Holidays are finite, so this many days without working time means the definition can never be satisfied.
    private const int MaxDaysWithoutWork = 3660;

    /// <summary>
    /// The earliest instant at or after <paramref name="start"/> by which <paramref name="businessDuration"/> of
    /// working time has elapsed. For a positive duration this is inside a working range or at its end; for zero it is
    /// <paramref name="start"/> when that is working time or the end of a range, else the next working instant.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative.</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessDuration, TimeSpan.Zero);
        long t = start.UtcTicks, remaining = businessDuration.Ticks;
        var day = DayContaining(t);
        for (var daysWithoutWork = 0; ; daysWithoutWork++)
        {
            if (t <= day.Start && PlainWeeks(day, (remaining - 1) / weekTicks) is > 0 and var weeks)
            {
                remaining -= weeks * weekTicks; // strictly less than remaining: the end lies past these weeks
                day = SkipWeeks(day, weeks);
                t = day.Start;
            }

            for (var i = 0; i < day.Ranges.Length; i += 2)
            {
                long rangeStart = At(day, day.Ranges[i]), rangeEnd = At(day, day.Ranges[i + 1]);
                if (rangeEnd <= rangeStart || rangeEnd < t || (rangeEnd == t && remaining > 0))
                {
                    continue;
                }

                var from = Math.Max(rangeStart, t);
                if (remaining <= rangeEnd - from)
                {
                    return ToZone(from + remaining);
                }

                remaining -= rangeEnd - from;
                t = rangeEnd;
                daysWithoutWork = 0;
            }

            ThrowIfNeverWorks(daysWithoutWork);
            day = NextDay(day);
            t = day.Start;
        }
    }

    /// <summary>
    /// Working time from <paramref name="from"/> to <paramref name="to"/>. When <paramref name="to"/> is earlier the
    /// result is the negated time from <paramref name="to"/> to <paramref name="from"/>, so
    /// <c>Between(a, b) + Between(b, c) == Between(a, c)</c> for any order.
    /// </summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -Between(to, from);
        }

        long a = from.UtcTicks, b = to.UtcTicks, total = 0;
        var day = DayContaining(a);
        while (day.Start < b)
        {
            if (day.Start >= a && PlainWeeks(day, (b - day.Start) / (7 * TicksPerDay)) is > 0 and var weeks)
            {
                total += weeks * weekTicks;
                day = SkipWeeks(day, weeks);
                continue;
            }

            for (var i = 0; i < day.Ranges.Length; i += 2)
            {
                long low = Math.Max(At(day, day.Ranges[i]), a), high = Math.Min(At(day, day.Ranges[i + 1]), b);
                total += Math.Max(0, high - low);
            }

            day = NextDay(day);
        }

        return new TimeSpan(total);
    }

    /// <summary><paramref name="t"/> itself when it is working time, else the start of the next working range.</summary>
    public DateTimeOffset NextWorkingInstant(DateTimeOffset t)
    {
        var ticks = t.UtcTicks;
        var day = DayContaining(ticks);
        for (var daysWithoutWork = 0; ; daysWithoutWork++)
        {
            for (var i = 0; i < day.Ranges.Length; i += 2)
            {
                long rangeStart = At(day, day.Ranges[i]), rangeEnd = At(day, day.Ranges[i + 1]);
                if (rangeEnd > rangeStart && rangeEnd > ticks)
                {
                    return ToZone(Math.Max(rangeStart, ticks));
                }
            }

            ThrowIfNeverWorks(daysWithoutWork);
            day = NextDay(day);
        }
    }

    /// <summary>Whether <paramref name="t"/> falls in a working range (starts included, ends excluded).</summary>
    public bool IsWorkingTime(DateTimeOffset t)
    {
        var ticks = t.UtcTicks;
        var day = DayContaining(ticks);
        for (var i = 0; i < day.Ranges.Length; i += 2)
        {
            if (At(day, day.Ranges[i]) <= ticks && ticks < At(day, day.Ranges[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    private DateTimeOffset ToZone(long utcTicks) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(utcTicks, TimeSpan.Zero), TimeZone);

    private void ThrowIfNeverWorks(int daysWithoutWork)
    {
        if (daysWithoutWork > MaxDaysWithoutWork)
        {
            throw new InvalidOperationException($"Business calendar '{Name}' has no working time for ten years; check its holidays.");
        }
    }
}
