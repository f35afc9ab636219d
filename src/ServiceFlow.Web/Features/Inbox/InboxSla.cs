using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Features.Inbox;

public enum SlaLevel { Ok, Warning, Breached, Paused }

/// What the inbox shows of a task's ticket SLA: the running clock nearest its due instant, its
/// remaining working time (negative once breached), the same as people say it (`Left`: working days and
/// hours to the due instant, or since it when `Late`) and a level for the colour.
public sealed record SlaState(string Clock, SlaLevel Level, TimeSpan Remaining, DateTimeOffset? DueAt, BusinessDuration Left = default, bool Late = false);

/// Reads the SLA tables (`sla_clocks`, `sla_policies`) for one page of tasks; the SLA feature owns
/// them, the inbox only reads. One query for the page's clocks and one for their policies.
internal static class InboxSla
{
    public static async Task<IReadOnlyDictionary<string, SlaState>> ForAsync(ServiceFlowDbContext db, SlaCalendars calendars,
        IReadOnlyCollection<string> businessKeys, DateTimeOffset now, CancellationToken ct)
    {
        if (businessKeys.Count == 0)
            return new Dictionary<string, SlaState>();
        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(c => businessKeys.Contains(c.BusinessKey) && (c.State == ClockState.Running || c.State == ClockState.Paused || c.State == ClockState.Breached))
            .ToListAsync(ct);
        var policyKeys = clocks.Select(c => c.PolicyKey).Distinct().ToList();
        var policies = await db.SlaPolicies.AsNoTracking().Where(p => policyKeys.Contains(p.Key)).ToListAsync(ct);
        var result = new Dictionary<string, SlaState>();
        foreach (var group in clocks.GroupBy(c => c.BusinessKey))
        {
            // The clock that runs out first decides; a paused clock only when nothing runs.
            var clock = group.Where(c => c.DueAt is not null).OrderBy(c => c.DueAt).FirstOrDefault() ?? group.First();
            if (clock.DueAt is not { } due)
            {
                result[group.Key] = new SlaState(clock.Name, SlaLevel.Paused, TimeSpan.Zero, null);
                continue;
            }
            var calendar = calendars.Get(clock.Calendar);
            var remaining = calendar.Between(now, due);
            var warnAt = policies.FirstOrDefault(p => p.Key == clock.PolicyKey && p.Version == clock.PolicyVersion)?.WarningPercents.DefaultIfEmpty(100).Min() ?? 100;
            var usedPercent = clock.WorkingTarget <= TimeSpan.Zero ? 100 : (clock.WorkingTarget - remaining) / clock.WorkingTarget * 100;
            var level = clock.State == ClockState.Breached || clock.Overdue || remaining <= TimeSpan.Zero ? SlaLevel.Breached
                : usedPercent >= warnAt ? SlaLevel.Warning : SlaLevel.Ok;
            var late = due < now;
            result[group.Key] = new SlaState(clock.Name, level, remaining, due, late ? calendar.Difference(due, now) : calendar.Difference(now, due), late);
        }
        return result;
    }
}
