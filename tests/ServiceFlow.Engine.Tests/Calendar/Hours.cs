using System.Globalization;
using ServiceFlow.Engine.Calendar;

namespace ServiceFlow.Engine.Tests.Calendar;

// Terse builders so each test shows only the calendar shape it depends on.
internal static class Hours
{
    public static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingRange>> MondayToFriday(params string[] ranges) =>
        On(Weekdays, ranges);

    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingRange>> EveryDay(params string[] ranges) =>
        On(Enum.GetValues<DayOfWeek>(), ranges);

    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingRange>> On(IEnumerable<DayOfWeek> days, params string[] ranges) =>
        days.ToDictionary(d => d, _ => Ranges(ranges));

    public static IReadOnlyList<WorkingRange> Ranges(params string[] ranges) => [.. ranges.Select(WorkingRange.Parse)];

    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public static BusinessCalendar MondayToFridayIn(string zone, params string[] ranges) =>
        new("office", zone, MondayToFriday(ranges));

    public static BusinessCalendar EveryDayIn(string zone, params string[] ranges) =>
        new("shifts", zone, EveryDay(ranges));
}
