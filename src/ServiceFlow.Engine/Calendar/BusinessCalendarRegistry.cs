namespace ServiceFlow.Engine.Calendar;

/// <summary>
/// The business calendars timers and SLA policies may name, with a default for when they name none.
/// Names compare case-insensitively.
/// </summary>
public sealed class BusinessCalendarRegistry
{
    private readonly Dictionary<string, BusinessCalendar> calendars = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers <paramref name="defaultCalendar"/> and <paramref name="others"/> under their names.</summary>
    /// <exception cref="ArgumentException">Two calendars share a name.</exception>
    public BusinessCalendarRegistry(BusinessCalendar defaultCalendar, IEnumerable<BusinessCalendar>? others = null)
    {
        Default = defaultCalendar;
        foreach (var calendar in (others ?? []).Prepend(defaultCalendar))
        {
            if (!calendars.TryAdd(calendar.Name, calendar))
            {
                throw new ArgumentException($"Two business calendars are named '{calendar.Name}'.", nameof(others));
            }
        }
    }

    /// <summary>The calendar used when a timer or policy names none.</summary>
    public BusinessCalendar Default { get; }

    /// <summary>Whether a calendar of this name is registered (for validating definitions before publishing).</summary>
    public bool Contains(string calendarName) => calendars.ContainsKey(calendarName);

    /// <summary>The named calendar, or <see cref="Default"/> when <paramref name="calendarName"/> is null or blank.</summary>
    /// <exception cref="KeyNotFoundException">No calendar has that name.</exception>
    public BusinessCalendar Get(string? calendarName)
    {
        if (string.IsNullOrWhiteSpace(calendarName))
        {
            return Default;
        }

        return calendars.TryGetValue(calendarName, out var calendar)
            ? calendar
            : throw new KeyNotFoundException(
                $"No business calendar is named '{calendarName}'; known: {string.Join(", ", calendars.Keys.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>
    /// What engine timers and <c>sf:dueIn</c> call: <paramref name="duration"/> read as a <see cref="BusinessDuration"/>
    /// (whole 24 hours are working days, the rest working time) added on the named calendar (or the default).
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration, string? calendarName) =>
        Get(calendarName).Add(start, BusinessDuration.FromTimeSpan(duration));
}
