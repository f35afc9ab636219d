using ServiceFlow.Engine.Timers;

namespace ServiceFlow.Web.Runtime;

/// The business calendars a step counts timers and due dates on, handed to the interpreter as data: the
/// snapshot is taken before the step (the interpreter never reads the database), and a feature that owns
/// calendars (SLA) provides it.
internal interface IBusinessCalendars
{
    ValueTask<IBusinessTime> SnapshotAsync(CancellationToken ct = default);
}

/// A host without calendars. A node without `sf:calendar` counts wall-clock time; one that names a calendar
/// becomes an incident that says so, rather than silently counting wall-clock hours as if they were working hours.
internal sealed class NoBusinessCalendars : IBusinessCalendars, IBusinessTime
{
    public ValueTask<IBusinessTime> SnapshotAsync(CancellationToken ct = default) => ValueTask.FromResult<IBusinessTime>(this);

    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration, string? calendar) => calendar is null
        ? start + duration
        : throw new InvalidOperationException($"sf:calendar '{calendar}' names a business calendar, but this host has none.");
}
