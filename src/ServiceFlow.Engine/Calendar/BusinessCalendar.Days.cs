namespace ServiceFlow.Engine.Calendar;

// Maps local dates and wall-clock minutes to UTC ticks. Most days have one offset throughout ("uniform")
// and are plain arithmetic; only days touched by a zone transition ask TimeZoneInfo per range bound.
public sealed partial class BusinessCalendar
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private const long MaxWeeksPerSkip = 520; // keeps tick arithmetic far from overflow; the caller loops

    // Start: first instant of the local date (local midnight, or the end of a gap covering it); End: the next
    // date's Start; Uniform: one offset all day; Ranges: flattened (start, end) minute pairs worked that date.
    private readonly record struct Day(DateOnly Date, long Start, long End, bool Uniform, int[] Ranges);

    private Day DayContaining(long utcTicks)
    {
        var date = DateOnly.FromDateTime(new DateTime(utcTicks + OffsetAt(utcTicks), DateTimeKind.Unspecified));
        var day = MakeDay(date, FirstInstantAtOrAfter(Midnight(date)));
        while (utcTicks >= day.End)
        {
            day = NextDay(day); // only when local midnight falls in a repeated hour
        }

        return day;
    }

    private Day NextDay(Day day) => MakeDay(day.Date.AddDays(1), day.End);

    private Day MakeDay(DateOnly date, long start)
    {
        var offset = OffsetAt(start);
        // A change at start + 24 h counts too: a zone falling back at 24:00 reads 23:00 again then.
        var uniform = start + offset == Midnight(date) && !HasTransition(start, start + TicksPerDay);
        var end = uniform ? start + TicksPerDay : FirstInstantAtOrAfter(Midnight(date) + TicksPerDay);
        var ranges = dated.TryGetValue(date, out var special) ? special : weekly[(int)date.DayOfWeek];
        return new Day(date, start, end, uniform, ranges);
    }

    private long At(in Day day, int minute) => day.Uniform
        ? day.Start + (minute * TicksPerMinute)
        : FirstInstantAtOrAfter(Midnight(day.Date) + (minute * TicksPerMinute));

    // Whole weeks (at most `limit`) from this day's start with no special date and no offset change: each holds
    // exactly the weekly total of business time, so they are skipped without looking at their days.
    private long PlainWeeks(in Day day, long limit)
    {
        if (!day.Uniform || limit <= 0)
        {
            return 0;
        }

        var index = Array.BinarySearch(datedSorted, day.Date);
        if (index >= 0)
        {
            return 0;
        }

        var weeks = Math.Min(limit, MaxWeeksPerSkip);
        if (~index < datedSorted.Length)
        {
            weeks = Math.Min(weeks, (datedSorted[~index].DayNumber - day.Date.DayNumber) / 7);
        }

        if (weeks == 0)
        {
            return 0;
        }

        var transition = NextTransition(day.Start, day.Start + (weeks * 7 * TicksPerDay));
        return transition == long.MaxValue ? weeks : Math.Min(weeks, (transition - day.Start - 1) / (7 * TicksPerDay));
    }

    private Day SkipWeeks(in Day day, long weeks) =>
        MakeDay(day.Date.AddDays((int)(weeks * 7)), day.Start + (weeks * 7 * TicksPerDay));

    private long OffsetAt(long utcTicks) => TimeZone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;

    private static long Midnight(DateOnly date) => date.DayNumber * TicksPerDay;

    // The first instant at which the local clock reads at least this wall-clock time.
    private long FirstInstantAtOrAfter(long wallTicks)
    {
        var wall = new DateTime(wallTicks, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(wall))
        {
            return EndOfGap(wallTicks);
        }

        var offset = TimeZone.IsAmbiguousTime(wall)
            ? TimeZone.GetAmbiguousTimeOffsets(wall).Max() // the larger offset is the earlier pass
            : TimeZone.GetUtcOffset(wall);
        return wallTicks - offset.Ticks;
    }

    // The transition instant that skipped this wall time: search the instants within any offset of it.
    private long EndOfGap(long wallTicks)
    {
        long before = wallTicks - (15 * TimeSpan.TicksPerHour), after = wallTicks + (15 * TimeSpan.TicksPerHour);
        while (after - before > 1)
        {
            var middle = before + ((after - before) / 2);
            if (middle + OffsetAt(middle) >= wallTicks)
            {
                after = middle;
            }
            else
            {
                before = middle;
            }
        }

        return after;
    }
}
