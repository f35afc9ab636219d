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

/// <summary>Wall-clock time: ignores the calendar name and adds the duration as is.</summary>
public sealed class WallClockBusinessTime : IBusinessTime
{
    /// <summary>The shared instance.</summary>
    public static WallClockBusinessTime Instance { get; } = new();

    /// <inheritdoc />
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration, string? calendar) => start + duration;
}
