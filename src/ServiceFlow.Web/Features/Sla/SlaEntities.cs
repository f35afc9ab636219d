namespace ServiceFlow.Web.Features.Sla;

/// A business calendar as an administrator keeps it. Weekly hours are "Monday 08:00-17:00" lines and
/// extra working days "2026-10-11 08:00-17:00" lines, so the table stays readable in psql.
public sealed class CalendarRecord
{
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "Asia/Shanghai";
    public List<string> WeeklyHours { get; set; } = [];
    public List<DateOnly> Holidays { get; set; } = [];
    public List<string> ExtraWorkingDays { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}

/// One version of an SLA policy. Saving a policy adds a version; clocks keep the version they started with.
public sealed class SlaPolicy
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public int Version { get; set; }
    public string Priority { get; set; } = "P3";
    public string? ServiceType { get; set; }
    public TimeSpan FirstResponse { get; set; }
    public TimeSpan Resolution { get; set; }
    public TimeSpan? UpdateEvery { get; set; }
    public string Calendar { get; set; } = "default";
    public List<int> WarningPercents { get; set; } = [75, 90];
    /// "warning90=group:Supervisor", "breach+PT1H=user:alice": when, and who is told.
    public List<string> Escalations { get; set; } = [];
    public List<string> PauseStates { get; set; } = ["WaitingForCustomer", "WaitingForVendor"];
    /// Whether escalation mail to staff goes out at any hour; otherwise it waits for the calendar's next working instant.
    public bool MailAnyHour { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

public enum ClockState { Running, Paused, Met, Breached, Stopped }

/// One SLA clock of one business object (ticket number) and clock name (first-response, resolution).
public sealed class SlaClock
{
    public Guid Id { get; set; }
    public string BusinessKey { get; set; } = "";
    public string Name { get; set; } = "";
    public string PolicyKey { get; set; } = "";
    public int PolicyVersion { get; set; }
    public string Calendar { get; set; } = "default";
    public ClockState State { get; set; }
    public bool Overdue { get; set; }
    /// The policy's target as stated: whole 24 hours are working days, the rest working time (P1DT3H).
    public TimeSpan Target { get; set; }
    /// The target as working time, fixed when the clock (or an update interval) starts: one working day from
    /// Monday 10:00 is the 9 working hours to Tuesday 10:00. Elapsed time, warnings and the breach compare with it.
    public TimeSpan WorkingTarget { get; set; }
    /// Null while paused: the due instant depends on when the clock resumes.
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    /// The ticket state that paused this clock (one of its policy version's PauseStates); null when running or paused by hand.
    public string? PausedByState { get; set; }
    /// Update clock: the start of the current interval (the last customer update); elapsed counts from here.
    public DateTimeOffset? IntervalFrom { get; set; }
    public uint RowVersion { get; set; }
}

/// A stretch of a clock's life: running or paused, with why it began and why it ended.
public sealed class SlaClockSegment
{
    public long Id { get; set; }
    public Guid ClockId { get; set; }
    public bool Running { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset? To { get; set; }
    public string Reason { get; set; } = "";
    public string? EndReason { get; set; }
    public string? By { get; set; }
}

/// A warning, breach or ladder step of a clock, fired once by a Hangfire job (claimed by `FiredAt IS NULL`).
public sealed class SlaTimer
{
    public Guid Id { get; set; }
    public Guid ClockId { get; set; }
    /// warning75, warning90, breach, breach+PT1H
    public string Kind { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public double? LatenessMs { get; set; }
    public string? HangfireJobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
