namespace ServiceFlow.Engine.Calendar;

// Maps local dates and wall-clock minutes to UTC ticks. Most days have one offset throughout ("uniform")
// and are plain arithmetic; only days touched by a zone transition ask TimeZoneInfo per range bound.
public sealed partial class BusinessCalendar
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;

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
        // Both ends must share the offset: a zone falling back at 24:00 reads 23:00 again at start + 24 h.
        var uniform = start + offset == Midnight(date)
            && OffsetAt(start + TicksPerDay - 1) == offset && OffsetAt(start + TicksPerDay) == offset;
        var end = uniform ? start + TicksPerDay : FirstInstantAtOrAfter(Midnight(date) + TicksPerDay);
        var ranges = dated.TryGetValue(date, out var special) ? special : weekly[(int)date.DayOfWeek];
        return new Day(date, start, end, uniform, ranges);
    }

    private long At(in Day day, int minute) => day.Uniform
        ? day.Start + (minute * TicksPerMinute)
        : FirstInstantAtOrAfter(Midnight(day.Date) + (minute * TicksPerMinute));

    // A whole week can be skipped when no date in it is special and the offset never changes in it, so its
    // business time is exactly the weekly total. Sampling each midnight misses only two transitions in one day.
    private bool IsPlainWeek(in Day day)
    {
        if (!day.Uniform)
        {
            return false;
        }

        var index = Array.BinarySearch(datedSorted, day.Date);
        if (index >= 0 || (~index < datedSorted.Length && datedSorted[~index] < day.Date.AddDays(7)))
        {
            return false;
        }

        var offset = OffsetAt(day.Start);
        for (var k = 1; k <= 7; k++)
        {
            if (OffsetAt(day.Start + (k * TicksPerDay)) != offset)
            {
                return false;
            }
        }

        return true;
    }

    private Day SkipWeek(in Day day) => MakeDay(day.Date.AddDays(7), day.Start + (7 * TicksPerDay));

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
