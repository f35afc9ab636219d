using System.Diagnostics;
using ServiceFlow.Engine.Calendar;
using static ServiceFlow.Engine.Tests.Calendar.Hours;

namespace ServiceFlow.Engine.Tests.Calendar;

// Checks the fast arithmetic against a brute-force count and a time budget.
public class BusinessCalendarOracleTests
{
    // Counts each UTC minute whose local wall-clock time falls in that local date's ranges. This matches the
    // calendar's DST rule whenever no range bound lies strictly inside a repeated period: a bound inside
    // one means its first pass, where the count would resume on the second. Whole-hour bounds never are, in these zones.
    private static TimeSpan CountMinutes(CalendarSpec spec, DateTimeOffset from, DateTimeOffset to)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(spec.Zone);
        var minutes = 0;
        for (var t = from; t < to; t = t.AddMinutes(1))
        {
            var local = TimeZoneInfo.ConvertTime(t, zone).DateTime;
            var date = DateOnly.FromDateTime(local);
            var ranges = spec.Extra.TryGetValue(date, out var extra) ? extra
                : spec.Holidays.Contains(date) ? []
                : spec.Weekly.GetValueOrDefault(date.DayOfWeek, []);
            if (ranges.Any(r => r.Start <= local.TimeOfDay && local.TimeOfDay < r.End))
            {
                minutes++;
            }
        }

        return TimeSpan.FromMinutes(minutes);
    }

    [Fact]
    public void Between_MatchesMinuteByMinuteCount_OnRandomCalendarsAcrossDst()
    {
        var random = new Random(7);
        for (var i = 0; i < 250; i++)
        {
            var spec = RandomCalendars.Next(random, step: 60);
            var from = RandomCalendars.Instant(random, wholeMinutes: true);
            // Every 25th span runs about three months, so skipped weeks meet holidays and transitions.
            var days = i % 25 == 0 ? 100 : 8;
            var to = from.AddMinutes(random.Next(days * 24 * 60));

            spec.Build().Between(from, to).Should().Be(CountMinutes(spec, from, to), $"case {i}: {from:o} to {to:o} on {spec}");
        }
    }

    [Fact]
    public void Between_MatchesMinuteByMinuteCount_OnEveryTransitionDayOf2025()
    {
        foreach (var zone in new[] { "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago" })
        {
            var spec = new CalendarSpec(zone, new(EveryDay("00:00-01:00", "02:00-03:00", "04:00-24:00")), [], []);
            var calendar = spec.Build();
            for (var day = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero); day.Year == 2025; day = day.AddDays(1))
            {
                var offset = calendar.TimeZone.GetUtcOffset(day);
                if (offset != calendar.TimeZone.GetUtcOffset(day.AddDays(1)))
                {
                    calendar.Between(day, day.AddDays(2)).Should().Be(CountMinutes(spec, day, day.AddDays(2)), $"{zone} on {day:d}");
                }
            }
        }
    }
}
