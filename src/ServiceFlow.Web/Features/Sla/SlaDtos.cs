using System.ComponentModel.DataAnnotations;
using ServiceFlow.Engine.Calendar;

namespace ServiceFlow.Web.Features.Sla;

public sealed record SegmentView(bool Running, DateTimeOffset From, DateTimeOffset? To, string Reason, string? EndReason, string? By, string BusinessTime);
public sealed record TimerView(string Kind, DateTimeOffset DueAt, DateTimeOffset? FiredAt, DateTimeOffset? CancelledAt, double? LatenessMs);
public sealed record ClockView(string Name, string State, bool Overdue, string PolicyKey, int PolicyVersion, string Calendar, string Target,
    DateTimeOffset StartedAt, DateTimeOffset? StoppedAt, DateTimeOffset? DueAt, string Elapsed, string Remaining, DateTimeOffset At,
    IReadOnlyList<SegmentView> Segments, IReadOnlyList<TimerView> Timers, string? PausedByState = null, DateTimeOffset? IntervalFrom = null);

public sealed record ClockChangeRequest(string? Reason, [property: MaxLength(Features.TextLimits.Name)] string? Clock);
public sealed record ReplanRequest(string? Reason, [property: MaxLength(Features.TextLimits.Name)] string? Priority);
public sealed record PreviewRequest(string? Calendar, string? Policy, DateTimeOffset? Start, string? Duration);
public sealed record PreviewResponse(string Calendar, DateTimeOffset Start, string Duration, DateTimeOffset Due);

public sealed record CalendarDto(string Name, string? TimeZone, List<string>? WeeklyHours, List<DateOnly>? Holidays, List<string>? ExtraWorkingDays, DateTimeOffset? UpdatedAt = null)
{
    public static CalendarDto From(CalendarRecord r) => new(r.Name, r.TimeZone, r.WeeklyHours, r.Holidays, r.ExtraWorkingDays, r.UpdatedAt);
}

public sealed record PolicyDto(string Key, int Version, string Priority, string? ServiceType, string FirstResponse, string Resolution, string? UpdateEvery,
    string Calendar, List<int> WarningPercents, List<string> Escalations, List<string> PauseStates, DateTimeOffset CreatedAt, string? CreatedBy, bool MailAnyHour)
{
    public static PolicyDto From(SlaPolicy p) => new(p.Key, p.Version, p.Priority, p.ServiceType, Iso.Format(p.FirstResponse), Iso.Format(p.Resolution),
        p.UpdateEvery is { } u ? Iso.Format(u) : null, p.Calendar, p.WarningPercents, p.Escalations, p.PauseStates, p.CreatedAt, p.CreatedBy, p.MailAnyHour);
}

public sealed record SavePolicyRequest(string? Priority, string? ServiceType, string? FirstResponse, string? Resolution, string? UpdateEvery,
    string? Calendar, List<int>? WarningPercents, List<string>? Escalations, List<string>? PauseStates, bool? MailAnyHour = null);

/// ISO 8601 durations in business time as the API reads and writes them: "PT4H" four working hours, "P1DT2H" one
/// working day and two working hours (BusinessDuration; stored as a TimeSpan whose whole days are working days).
internal static class Iso
{
    public static string Format(TimeSpan span) =>
        span < TimeSpan.Zero ? "-" + BusinessDuration.FromTimeSpan(span.Duration()) : BusinessDuration.FromTimeSpan(span).ToString();

    public static string Format(BusinessDuration duration, bool negative = false) => negative && !duration.IsZero ? $"-{duration}" : duration.ToString();

    public static bool TryParse(string? text, out TimeSpan span)
    {
        span = default;
        if (!BusinessDuration.TryParse(text, out var duration) || duration.IsZero)
            return false;
        span = duration.ToTimeSpan();
        return true;
    }
}
