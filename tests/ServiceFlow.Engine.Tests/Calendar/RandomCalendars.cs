using ServiceFlow.Engine.Calendar;

namespace ServiceFlow.Engine.Tests.Calendar;

// A calendar's definition kept beside the calendar, so a brute-force oracle can read it independently.
internal sealed record CalendarSpec(
    string Zone,
    Dictionary<DayOfWeek, IReadOnlyList<WorkingRange>> Weekly,
    HashSet<DateOnly> Holidays,
    Dictionary<DateOnly, IReadOnlyList<WorkingRange>> Extra)
{
    public BusinessCalendar Build() => new("random", Zone, Weekly, Holidays, Extra);

    public override string ToString() =>
        $"{Zone}; {string.Join("; ", Weekly.Select(d => $"{d.Key}: {string.Join(",", d.Value)}"))}; " +
        $"holidays {string.Join(",", Holidays)}; extra {string.Join(",", Extra.Keys)}";
}

internal static class RandomCalendars
{
    // Zones with whole-hour DST, a 30-minute DST (Lord Howe), transitions at midnight (Santiago), and none.
    private static readonly string[] Zones =
        ["Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "UTC"];

    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Bounds are multiples of `step` minutes.
    public static CalendarSpec Next(Random random, int step)
    {
        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<WorkingRange>>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            if (random.Next(4) > 0)
            {
                weekly[day] = Ranges(random, step);
            }
        }

        if (weekly.Count == 0)
        {
            weekly[DayOfWeek.Wednesday] = [new WorkingRange(TimeSpan.FromHours(9), TimeSpan.FromHours(17))];
        }

        var holidays = Enumerable.Range(0, random.Next(20)).Select(_ => RandomDate(random)).ToHashSet();
        var extra = new Dictionary<DateOnly, IReadOnlyList<WorkingRange>>();
        for (var i = random.Next(8); i > 0; i--)
        {
            var date = RandomDate(random);
            if (!holidays.Contains(date))
            {
                extra[date] = Ranges(random, step);
            }
        }

        return new CalendarSpec(Zones[random.Next(Zones.Length)], weekly, holidays, extra);
    }

    public static DateTimeOffset Instant(Random random, bool wholeMinutes = false)
    {
        var minutes = random.Next(3 * 366 * 24 * 60);
        var ticks = wholeMinutes ? 0 : random.NextInt64(TimeSpan.TicksPerMinute);
        return Epoch.AddMinutes(minutes).AddTicks(ticks);
    }

    // Mostly minutes to days, sometimes months of business time, sometimes not a whole minute.
    public static TimeSpan Duration(Random random) => random.Next(10) switch
    {
        0 => TimeSpan.Zero,
        < 5 => TimeSpan.FromMinutes(random.Next(1, 600)),
        < 8 => TimeSpan.FromMinutes(random.Next(1, 20_000)),
        8 => TimeSpan.FromDays(random.Next(1, 90)),
        _ => TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.TicksPerDay * 3)),
    };

    private static IReadOnlyList<WorkingRange> Ranges(Random random, int step)
    {
        var slots = 24 * 60 / step;
        var bounds = Enumerable.Range(0, random.Next(1, 4) * 2)
            .Select(_ => random.Next(slots + 1)).Distinct().Order().ToList();
        var ranges = new List<WorkingRange>();
        for (var i = 0; i + 1 < bounds.Count; i += 2)
        {
            ranges.Add(new WorkingRange(TimeSpan.FromMinutes(bounds[i] * step), TimeSpan.FromMinutes(bounds[i + 1] * step)));
        }

        return ranges.Count > 0 ? ranges : [new WorkingRange(TimeSpan.Zero, TimeSpan.FromHours(24))];
    }

    private static DateOnly RandomDate(Random random) => DateOnly.FromDateTime(Epoch.UtcDateTime).AddDays(random.Next(3 * 366));
}
