using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Engine.Timers;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// The business calendars of `business_calendars`, cached for a short while, and the runtime's
/// `IBusinessCalendars`: each step gets the current registry as data (a timer or `sf:dueIn` naming
/// `sf:calendar` counts that calendar's working hours; an unknown name is an incident, never the default).
/// Every host re-reads the table at most `RefreshAfter` after another host changed it.
internal sealed class SlaCalendars(IServiceScopeFactory scopes) : IBusinessCalendars
{
    static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);
    (BusinessCalendarRegistry Registry, long LoadedAt)? cache;

    public BusinessCalendarRegistry Registry
    {
        get
        {
            var snapshot = cache;
            if (snapshot is { } s && Stopwatch.GetElapsedTime(s.LoadedAt) < RefreshAfter)
                return s.Registry;
            using var scope = scopes.CreateScope();
            var records = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Set<CalendarRecord>().AsNoTracking().ToList();
            var registry = Build(records);
            cache = (registry, Stopwatch.GetTimestamp());
            return registry;
        }
    }

    public void Invalidate() => cache = null;

    public BusinessCalendar Get(string? name) => Registry.Get(name);

    public async ValueTask<IBusinessTime> SnapshotAsync(CancellationToken ct = default)
    {
        if (cache is { } s && Stopwatch.GetElapsedTime(s.LoadedAt) < RefreshAfter)
            return new Snapshot(s.Registry);
        await using var scope = scopes.CreateAsyncScope();
        var records = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Set<CalendarRecord>().AsNoTracking().ToListAsync(ct);
        var registry = Build(records);
        cache = (registry, Stopwatch.GetTimestamp());
        return new Snapshot(registry);
    }

    // Without sf:calendar a timer keeps wall-clock time, as before; with one P1D is the next working day at the
    // same time and PT4H four working hours (BusinessDuration).
    sealed record Snapshot(BusinessCalendarRegistry Registry) : IBusinessTime
    {
        public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration, string? calendar) =>
            calendar is null ? start + duration : Registry.Add(start, duration, calendar).ToUniversalTime(); // PostgreSQL stores UTC only
    }

    static BusinessCalendarRegistry Build(IReadOnlyList<CalendarRecord> records)
    {
        var calendars = records.Select(ToCalendar).ToList();
        var fallback = calendars.FirstOrDefault(c => c.Name.Equals("default", StringComparison.OrdinalIgnoreCase)) ?? BusinessCalendar.Default;
        return new BusinessCalendarRegistry(fallback, calendars.Where(c => c != fallback));
    }

    /// Throws ArgumentException (with a message a person can act on) for a bad definition.
    public static BusinessCalendar ToCalendar(CalendarRecord r)
    {
        Dictionary<DayOfWeek, IReadOnlyList<WorkingRange>>? weekly = null;
        if (r.WeeklyHours.Count > 0)
        {
            weekly = r.WeeklyHours.Select(Split)
                .GroupBy(p => Enum.Parse<DayOfWeek>(p.Head, ignoreCase: true))
                .ToDictionary(g => g.Key, g => (IReadOnlyList<WorkingRange>)g.Select(p => WorkingRange.Parse(p.Tail)).ToList());
        }
        var extra = r.ExtraWorkingDays.Select(Split)
            .GroupBy(p => DateOnly.ParseExact(p.Head, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<WorkingRange>)g.Select(p => WorkingRange.Parse(p.Tail)).ToList());
        return new BusinessCalendar(r.Name, r.TimeZone, weekly, r.Holidays, extra);
    }

    static (string Head, string Tail) Split(string line)
    {
        var parts = line.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 ? (parts[0], parts[1]) : throw new ArgumentException($"'{line}' should read like 'Monday 08:00-17:00'.");
    }
}
