using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Sla;

/// Every clock of a business key as of an instant: its policy version, each running or paused
/// stretch with its reason and the business time it counted, its timers, elapsed and remaining.
internal static class SlaExplain
{
    public static async Task<List<ClockView>> ClocksAsync(ServiceFlowDbContext db, SlaCalendars calendars, string businessKey, DateTimeOffset at, CancellationToken ct)
    {
        var clocks = await db.Set<SlaClock>().AsNoTracking().Where(c => c.BusinessKey == businessKey).OrderBy(c => c.StartedAt).ThenBy(c => c.Name).ToListAsync(ct);
        var ids = clocks.Select(c => c.Id).ToList();
        var segments = await db.Set<SlaClockSegment>().AsNoTracking().Where(s => ids.Contains(s.ClockId)).OrderBy(s => s.Id).ToListAsync(ct);
        var timers = await db.Set<SlaTimer>().AsNoTracking().Where(t => ids.Contains(t.ClockId)).OrderBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ToListAsync(ct);
        return [.. clocks.Select(clock =>
        {
            var calendar = calendars.Get(clock.Calendar);
            var own = segments.Where(s => s.ClockId == clock.Id).ToList();
            var views = own.Select(s => new SegmentView(s.Running, s.From, s.To, s.Reason, s.EndReason, s.By,
                Iso.Format(s.Running ? calendar.Between(s.From, s.To ?? (at > s.From ? at : s.From)) : TimeSpan.Zero))).ToList();
            var elapsed = SlaClocks.Elapsed(clock, own, calendar, at);
            var left = clock.WorkingTarget - elapsed;
            var (remaining, late) = SlaClocks.Remaining(clock, calendar, left, at);
            return new ClockView(clock.Name, clock.State.ToString(), clock.Overdue || left < TimeSpan.Zero, clock.PolicyKey, clock.PolicyVersion, clock.Calendar,
                Iso.Format(clock.Target), clock.StartedAt, clock.StoppedAt, clock.DueAt, Iso.Format(SlaClocks.AsDays(clock, calendar, elapsed)),
                Iso.Format(remaining, late), at, views,
                [.. timers.Where(t => t.ClockId == clock.Id).Select(t => new TimerView(t.Kind, t.DueAt, t.FiredAt, t.CancelledAt, t.LatenessMs))],
                clock.PausedByState, clock.IntervalFrom);
        })];
    }
}
