namespace ServiceFlow.Engine.Timers;

/// <summary>
/// Adds a duration to a point in time, optionally in business time (working hours of a named calendar).
/// Every timer due time the interpreter computes goes through this interface.
/// </summary>
public interface IBusinessTime
{
    /// <summary>Returns <paramref name="start"/> plus <paramref name="duration"/>.</summary>
    /// <param name="start">The starting instant.</param>
    /// <param name="duration">The duration to add.</param>
    /// <param name="calendar">The node's sf:calendar, or null for wall-clock time.</param>
    /// <returns>The due instant.</returns>
    DateTimeOffset Add(DateTimeOffset start, TimeSpan duration, string? calendar);
}

/// <summary>
/// Wall-clock time, the interpreter's default when it is given no business calendars: a duration is added as is.
/// A node that names a calendar is refused (the token stops with an incident naming it) rather than silently
/// counted in wall-clock hours as if they were working hours.
/// </summary>
public sealed class WallClockBusinessTime : IBusinessTime
{
    /// <summary>The shared instance.</summary>
    public static WallClockBusinessTime Instance { get; } = new();

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException"><paramref name="calendar"/> names a calendar: there are none.</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration, string? calendar) => calendar is null
        ? start + duration
        : throw new KeyNotFoundException($"No business calendar is named '{calendar}': the interpreter was given no business calendars.");
}
