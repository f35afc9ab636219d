namespace ServiceFlow.Engine.Calendar;

// Working days: "one business day" is the next working day at the same wall-clock time, not 24 (or 9) working hours.
public sealed partial class BusinessCalendar
{
    /// <summary>
    /// <paramref name="start"/> plus <paramref name="duration"/>: first its working days, each to the same wall-clock
    /// time on the next working day, then its working time as <see cref="Add(DateTimeOffset, TimeSpan)"/> counts it.
    /// </summary>
    /// <remarks>
    /// <para>A start outside a day's working hours (before its opening, after its closing, on a closed day) counts whole
    /// days from the next working day: one working day from Saturday (closed), Friday 20:00 or Monday 07:00 is the whole
    /// of Monday, due at its closing. A start in a break (lunch) counts from the end of the break.</para>
    /// <para>The result is never an opening time: where the same time of day falls at or before the day's first
    /// opening (or a range's opening after a break) the due instant is the previous closing time instead, which is
    /// the same working time and earlier. So one working day from Monday 08:00 is Monday 17:00 and from Monday 17:00
    /// Tuesday 17:00. On a shorter day (an extra working day 09:00–12:00) a time after its closing means its closing.</para>
    /// <para>Holidays and days without hours are skipped; extra working days count.</para>
    /// </remarks>
    public DateTimeOffset Add(DateTimeOffset start, BusinessDuration duration)
    {
        var afterDays = duration.Days == 0 ? start : ToZone(WorkingDayEnds(start).Skip(duration.Days - 1).First());
        return Add(afterDays, duration.Time);
    }

    /// <summary>
    /// The working time <paramref name="duration"/> stands for when counted from <paramref name="start"/>
    /// (one working day from Monday 10:00 is the 9 working hours to Tuesday 10:00 on an 08:00–17:00 calendar).
    /// </summary>
    public TimeSpan WorkingTime(DateTimeOffset start, BusinessDuration duration) => Between(start, Add(start, duration));

    /// <summary>
    /// The time from <paramref name="from"/> to <paramref name="to"/> as people say it: the most working days that fit
    /// (as <see cref="Add(DateTimeOffset, BusinessDuration)"/> counts them), then the working time left. Zero when
    /// <paramref name="to"/> is not later, so callers pass the instants in order (a breach: due, then now).
    /// </summary>
    public BusinessDuration Difference(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return BusinessDuration.Zero;
        }

        long reached = from.UtcTicks, end = to.UtcTicks;
        var days = 0;
        foreach (var due in WorkingDayEnds(from))
        {
            if (due > end)
            {
                break;
            }

            (reached, days) = (due, days + 1);
        }

        return new BusinessDuration(days, Between(ToZone(reached), to));
    }

    // The due instants (UTC ticks) of 1, 2, 3… working days from `start`, without end.
    private IEnumerable<long> WorkingDayEnds(DateTimeOffset start)
    {
        var first = NextWorkingInstant(start).UtcTicks;
        var day = DayContaining(first);
        var previousClose = LastClose(day)!.Value;
        // Outside the day's hours: whole days, the first being the next working day itself.
        var wholeDays = start.UtcTicks < FirstOpening(day);
        if (wholeDays)
        {
            yield return previousClose;
        }

        var timeOfDay = first + OffsetAt(first) - Midnight(day.Date); // wall-clock ticks after local midnight
        for (var daysWithoutWork = 0; ; daysWithoutWork++)
        {
            ThrowIfNeverWorks(daysWithoutWork);
            day = NextDay(day);
            if (LastClose(day) is not { } close)
            {
                continue;
            }

            yield return wholeDays ? close : SameTimeOfDay(day, timeOfDay, previousClose);
            previousClose = close;
            daysWithoutWork = 0;
        }
    }

    // On a working day: the first working instant at or after the wall-clock time, its closing if the time is
    // later, and the previous closing if the first working instant is an opening.
    private long SameTimeOfDay(in Day day, long timeOfDay, long previousClose)
    {
        var wanted = day.Uniform ? day.Start + timeOfDay : FirstInstantAtOrAfter(Midnight(day.Date) + timeOfDay);
        long close = previousClose, lastEnd = previousClose;
        for (var i = 0; i < day.Ranges.Length; i += 2)
        {
            long rangeStart = At(day, day.Ranges[i]), rangeEnd = At(day, day.Ranges[i + 1]);
            if (rangeEnd <= rangeStart)
            {
                continue; // a range swallowed by a clock change
            }

            if (wanted < rangeEnd)
            {
                return wanted > rangeStart ? wanted : close;
            }

            close = lastEnd = rangeEnd;
        }

        return lastEnd;
    }

    private long FirstOpening(in Day day)
    {
        for (var i = 0; i < day.Ranges.Length; i += 2)
        {
            long rangeStart = At(day, day.Ranges[i]), rangeEnd = At(day, day.Ranges[i + 1]);
            if (rangeEnd > rangeStart)
            {
                return rangeStart;
            }
        }

        return long.MaxValue;
    }

    // The end of the day's last non-empty working range, or null for a day without working time.
    private long? LastClose(in Day day)
    {
        for (var i = day.Ranges.Length - 2; i >= 0; i -= 2)
        {
            long rangeStart = At(day, day.Ranges[i]), rangeEnd = At(day, day.Ranges[i + 1]);
            if (rangeEnd > rangeStart)
            {
                return rangeEnd;
            }
        }

        return null;
    }
}
