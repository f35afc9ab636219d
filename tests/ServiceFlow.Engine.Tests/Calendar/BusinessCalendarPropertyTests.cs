using ServiceFlow.Engine.Calendar;

namespace ServiceFlow.Engine.Tests.Calendar;

// Each property runs over a few thousand generated cases; a new random calendar every 10 cases.
// The seed is fixed, so a failure names a case that reproduces.
public class BusinessCalendarPropertyTests
{
    private const int Cases = 3000;

    private static void ForEachCase(int seed, Action<Random, BusinessCalendar, string> check)
    {
        var random = new Random(seed);
        CalendarSpec spec = null!;
        BusinessCalendar calendar = null!;
        for (var i = 0; i < Cases; i++)
        {
            if (i % 10 == 0)
            {
                spec = RandomCalendars.Next(random, step: 15);
                calendar = spec.Build();
            }

            check(random, calendar, $"case {i} of seed {seed} on {spec}");
        }
    }

    [Fact]
    public void Between_OfAdd_IsTheDuration_AndAddIsTheEarliestSuchInstant()
    {
        ForEachCase(1, (random, calendar, because) =>
        {
            var (t, d) = (RandomCalendars.Instant(random), RandomCalendars.Duration(random));
            var end = calendar.Add(t, d);

            calendar.Between(t, end).Should().Be(d, because);
            end.Offset.Should().Be(calendar.TimeZone.GetUtcOffset(end), because);
            if (d > TimeSpan.Zero)
            {
                calendar.Between(t, end.AddTicks(-1)).Should().BeLessThan(d, because);
            }
        });
    }

    [Fact]
    public void Add_Composes_WhenDurationIsSplit()
    {
        ForEachCase(2, (random, calendar, because) =>
        {
            var (t, d1, d2) = (RandomCalendars.Instant(random), RandomCalendars.Duration(random), RandomCalendars.Duration(random));

            calendar.Add(calendar.Add(t, d1), d2).Should().Be(calendar.Add(t, d1 + d2), because);
        });
    }

    [Fact]
    public void Add_LandsOnWorkingTimeOrTheEndOfARange()
    {
        ForEachCase(3, (random, calendar, because) =>
        {
            var end = calendar.Add(RandomCalendars.Instant(random), RandomCalendars.Duration(random));

            (calendar.IsWorkingTime(end) || calendar.IsWorkingTime(end.AddTicks(-1))).Should().BeTrue(because);
        });
    }

    [Fact]
    public void Between_IsAdditive_AndAntisymmetric()
    {
        ForEachCase(4, (random, calendar, because) =>
        {
            var points = new[] { RandomCalendars.Instant(random), RandomCalendars.Instant(random), RandomCalendars.Instant(random) }
                .Select(p => p.AddDays(-random.Next(700))).Order().ToArray();
            var (a, b, c) = (points[0], points[1], points[2]);

            (calendar.Between(a, b) + calendar.Between(b, c)).Should().Be(calendar.Between(a, c), because);
            calendar.Between(c, a).Should().Be(-calendar.Between(a, c), because);
        });
    }

    [Fact]
    public void Add_And_Between_AreMonotonic()
    {
        ForEachCase(5, (random, calendar, because) =>
        {
            var t1 = RandomCalendars.Instant(random);
            var t2 = t1 + RandomCalendars.Duration(random);
            var (d1, d2) = (RandomCalendars.Duration(random), RandomCalendars.Duration(random));
            if (d1 > d2)
            {
                (d1, d2) = (d2, d1);
            }

            calendar.Add(t1, d1).Should().BeOnOrBefore(calendar.Add(t1, d2), because);
            calendar.Add(t1, d1).Should().BeOnOrBefore(calendar.Add(t2, d1), because);
            calendar.Between(t1, t2).Should().BeLessThanOrEqualTo(calendar.Between(t1, t2 + d1), because);
        });
    }

    [Fact]
    public void NextWorkingInstant_IsWorking_AndNoWorkLiesBeforeIt()
    {
        ForEachCase(6, (random, calendar, because) =>
        {
            var t = RandomCalendars.Instant(random);
            var next = calendar.NextWorkingInstant(t);

            calendar.IsWorkingTime(next).Should().BeTrue(because);
            calendar.Between(t, next).Should().Be(TimeSpan.Zero, because);
            calendar.Add(t, TimeSpan.Zero).Should().Be(calendar.IsWorkingTime(t.AddTicks(-1)) ? t : next, because);
        });
    }
}
