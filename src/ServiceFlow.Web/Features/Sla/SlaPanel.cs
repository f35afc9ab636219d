using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Sla;

/// The rows of the ticket page's SLA panel (`_SlaPanel.cshtml`): each clock's target, due instant and what is left,
/// as people say them ("1 business day 3 h", in the desk's time zone). The page includes it with one line; the
/// numbers are those of `GET /api/tickets/{n}/sla`.
internal sealed class SlaPanel(ServiceFlowDbContext db, SlaCalendars calendars, TimeProvider clock)
{
    public sealed record Row(string Clock, ClockState State, bool Overdue, BusinessDuration Target, DateTimeOffset? DueAt, BusinessDuration Left, bool Late);

    public async Task<IReadOnlyList<Row>> RowsAsync(string number)
    {
        var now = clock.GetUtcNow();
        var clocks = await db.SlaClocks.AsNoTracking().Where(c => c.BusinessKey == number).OrderBy(c => c.StartedAt).ThenBy(c => c.Name).ToListAsync();
        var ids = clocks.Select(c => c.Id).ToList();
        var segments = await db.Set<SlaClockSegment>().AsNoTracking().Where(s => ids.Contains(s.ClockId) && s.Running).ToListAsync();
        var rows = clocks.Select(c =>
        {
            var calendar = calendars.Get(c.Calendar);
            var left = c.WorkingTarget - SlaClocks.Elapsed(c, segments, calendar, now);
            var (remaining, late) = c.State is ClockState.Running or ClockState.Paused ? SlaClocks.Remaining(c, calendar, left, now) : (BusinessDuration.Zero, false);
            return new Row(c.Name, c.State, c.Overdue || late, BusinessDuration.FromTimeSpan(c.Target), c.State == ClockState.Running ? c.DueAt : null, remaining, late);
        }).ToList();
        return rows;
    }
}
