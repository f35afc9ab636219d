using System.ComponentModel.DataAnnotations;
using System.Xml;

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

/// ISO 8601 durations ("PT4H", "P1DT2H") as the API reads and writes them.
internal static class Iso
{
    public static string Format(TimeSpan span) => XmlConvert.ToString(span);

    /// Ten years: no service level is longer, and counting business time beyond it would take a request minutes.
    public static readonly TimeSpan Longest = TimeSpan.FromDays(3653);

    public static bool TryParse(string? text, out TimeSpan span)
    {
        span = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        try
        {
            span = XmlConvert.ToTimeSpan(text.Trim());
            return span > TimeSpan.Zero && span <= Longest;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return false;
        }
    }
}
