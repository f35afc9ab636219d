using System.Collections.Concurrent;

namespace ServiceFlow.Engine.Calendar;

// TimeZoneInfo answers one instant at a time and each answer costs about half a microsecond, so the instants at
// which the zone's offset changes are found once per UTC year (a daily scan refined by bisection) and cached.
// A daily scan cannot see two changes within one day; no zone has made such a pair.
public sealed partial class BusinessCalendar
{
    private readonly ConcurrentDictionary<int, long[]> transitionsByYear = new();

    // The first offset change in (after, before], or long.MaxValue when there is none.
    private long NextTransition(long after, long before)
    {
        for (var year = YearOf(after); year <= YearOf(before) && year < 9999; year++)
        {
            var transitions = transitionsByYear.GetOrAdd(year, FindTransitions);
            var index = Array.BinarySearch(transitions, after + 1);
            index = index >= 0 ? index : ~index;
            if (index < transitions.Length)
            {
                return transitions[index] <= before ? transitions[index] : long.MaxValue;
            }
        }

        return long.MaxValue;
    }

    private bool HasTransition(long after, long before) => NextTransition(after, before) != long.MaxValue;

    private long[] FindTransitions(int year)
    {
        var found = new List<long>();
        long from = new DateTime(year, 1, 1).Ticks, end = new DateTime(year + 1, 1, 1).Ticks;
        var offset = OffsetAt(from);
        for (var day = from; day < end; day += TicksPerDay)
        {
            var next = OffsetAt(day + TicksPerDay);
            if (next != offset)
            {
                found.Add(FirstInstantWithOffset(day, day + TicksPerDay, next));
                offset = next;
            }
        }

        return [.. found];
    }

    // The offset is `target` at `until` but not at `since`: bisect for the change.
    private long FirstInstantWithOffset(long since, long until, long target)
    {
        while (until - since > 1)
        {
            var middle = since + ((until - since) / 2);
            if (OffsetAt(middle) == target)
            {
                until = middle;
            }
            else
            {
                since = middle;
            }
        }

        return until;
    }

    private static int YearOf(long ticks) => new DateTime(ticks).Year;
}
