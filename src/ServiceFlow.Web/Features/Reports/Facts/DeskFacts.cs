using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Features.Tickets;

namespace ServiceFlow.Web.Features.Reports.Facts;

/// Works out the facts of a batch of the desk's tickets from what the other features keep: the record
/// (tickets, its history in ticket_entries), the SLA clocks with their segments and timers, the surveys and
/// whether a process still runs for the ticket. Read only; docs/reports.md says which column feeds which figure.
internal static class DeskFacts
{
    static readonly TicketStatus[] Closed = [TicketStatus.Archived, TicketStatus.ClosedAtOnce];

    public static async Task<List<ReportFact>> ComputeAsync(ServiceFlowDbContext db, IReadOnlyCollection<Guid> ids, BusinessCalendarRegistry calendars,
        DateTimeOffset now, CancellationToken ct)
    {
        var tickets = await db.Set<Ticket>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        var numbers = tickets.Select(t => t.Number).ToList();
        var clocks = (await db.Set<SlaClock>().AsNoTracking().Where(c => numbers.Contains(c.BusinessKey)).ToListAsync(ct)).ToLookup(c => c.BusinessKey);
        var firstResponseIds = clocks.SelectMany(g => g).Where(c => c.Name == SlaClocks.FirstResponse).Select(c => c.Id).ToList();
        var segments = (await db.Set<SlaClockSegment>().AsNoTracking().Where(s => firstResponseIds.Contains(s.ClockId) && s.Running).ToListAsync(ct))
            .ToLookup(s => s.ClockId);
        var updateIds = clocks.SelectMany(g => g).Where(c => c.Name == SlaClocks.Update).Select(c => c.Id).ToList();
        var updateBreached = (await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => updateIds.Contains(t.ClockId) && t.Kind == "breach" && t.FiredAt != null).Select(t => t.ClockId).ToListAsync(ct)).ToHashSet();
        var surveys = (await db.Set<Survey>().AsNoTracking().Where(s => numbers.Contains(s.BusinessKey))
            .Select(s => new { s.BusinessKey, s.Status, s.Score, s.Comment }).ToListAsync(ct)).ToLookup(s => s.BusinessKey);
        var running = (await db.Set<Runtime.ProcessInstance>().AsNoTracking()
            .Where(i => i.BusinessKey != null && numbers.Contains(i.BusinessKey) && i.Status == InstanceStatus.Running)
            .Select(i => i.BusinessKey!).ToListAsync(ct)).ToHashSet();
        var history = (await db.Set<TicketEntry>().AsNoTracking()
            .Where(e => ids.Contains(e.TicketId) && e.Kind == TicketEntryKind.Change && (e.Text == "status" || e.Text == "handler"))
            .Select(e => new { e.TicketId, e.Text, e.Detail, e.Extra }).ToListAsync(ct)).ToLookup(e => e.TicketId);

        var desk = calendars.Default;
        var facts = new List<ReportFact>(tickets.Count);
        foreach (var t in tickets)
        {
            var own = clocks[t.Number].ToList();
            var open = !Closed.Contains(t.Status);
            var resolved = t.ResolvedAt is not null && t.Solved == true;
            var fact = new ReportFact
            {
                Id = t.Id,
                Number = t.Number,
                Title = t.Title,
                Status = t.Status.ToString(),
                RecordedAt = t.RecordedAt,
                DiscoveredAt = t.DiscoveredAt,
                ResolvedAt = resolved ? t.ResolvedAt : null,
                Open = open,
                Resolved = resolved,
                Channel = t.Channel.ToString(),
                ServiceType = t.ServiceType,
                ServiceObject = t.ServiceObject,
                Priority = t.Priority,
                Group = t.Group,
                Handler = t.Handler ?? "",
                Department = t.Department ?? "",
                Customer = t.CustomerName ?? t.CustomerEmail ?? "",
                CustomerType = t.CustomerType ?? "",
                Reporter = t.Reporter,
                Causes = Causes(t),
                FirstContact = t.FirstContactResolution,
                RecordedLate = t.RecordedLate,
                EscalatedTier2 = t.Tier >= Tier.Tier2,
                EscalatedVendor = t.Tier == Tier.Vendor,
                Reopened = history[t.Id].Any(e => e.Text == "status" && e.Detail == nameof(TicketStatus.AwaitingConfirmation) && e.Extra == nameof(TicketStatus.InProgress)),
                Reassigned = history[t.Id].Any(e => e.Text == "handler" && !string.IsNullOrEmpty(e.Detail) && !string.IsNullOrEmpty(e.Extra) && e.Detail != e.Extra),
                RecordCorrected = RecordCorrected(history[t.Id].Where(e => e.Text == "status").Select(e => (e.Detail, e.Extra))),
                Complaint = false,
                RefreshedAt = now,
            };
            if (resolved)
            {
                var at = t.ResolvedAt!.Value;
                fact.HandleDiscoveryWall = Seconds(at - t.DiscoveredAt);
                fact.HandleDiscoveryBusiness = Seconds(Between(desk, t.DiscoveredAt, at));
                fact.HandleRecordedWall = Seconds(at - t.RecordedAt);
                fact.HandleRecordedBusiness = Seconds(Between(desk, t.RecordedAt, at));
            }
            foreach (var clock in own)
            {
                bool? met = clock.State switch
                {
                    ClockState.Met => true,
                    ClockState.Breached => false,
                    ClockState.Running or ClockState.Paused when clock.Overdue => false,
                    _ => null,
                };
                if (clock.Name == SlaClocks.FirstResponse)
                {
                    fact.ResponseMet = met;
                    if (clock.State is ClockState.Met or ClockState.Breached && clock.StoppedAt is { } stopped)
                    {
                        fact.FirstResponseWall = Seconds(stopped - clock.StartedAt);
                        fact.FirstResponseBusiness = Seconds(SlaClocks.Elapsed(clock, segments[clock.Id], calendars.Get(clock.Calendar), stopped));
                    }
                }
                else if (clock.Name == SlaClocks.Resolution)
                    fact.ResolutionMet = met;
                else if (clock.Name == SlaClocks.Update)
                    fact.UpdateMet = updateBreached.Contains(clock.Id) ? false : met;
            }
            fact.BreachedNow = open && own.Any(c => c.State is ClockState.Running or ClockState.Paused && (c.Overdue || c.State == ClockState.Running && c.DueAt < now));
            var survey = surveys[t.Number].ToList();
            if (survey.FirstOrDefault(s => s.Status == SurveyStatus.Answered) is { } answered)
                (fact.SurveyAnswered, fact.SurveyScore, fact.Complaint) = (true, (short?)answered.Score, IsComplaint(answered.Score, answered.Comment));
            else if (survey.Count > 0 && survey.All(s => s.Status == SurveyStatus.Expired))
                fact.SurveyAnswered = false;
            fact.Final = !open && !running.Contains(t.Number) && survey.All(s => s.Status != SurveyStatus.Invited)
                && own.All(c => c.State is not (ClockState.Running or ClockState.Paused));
            facts.Add(fact);
        }
        return facts;
    }

    /// The customer complained: a low answer (1 or 2, the answers that open a follow-up) with their words of why.
    public static bool IsComplaint(int? score, string? comment) => score <= 2 && !string.IsNullOrWhiteSpace(comment);

    /// Null while the supervisor never decided on the record (it never left review); else whether a review sent it back.
    static bool? RecordCorrected(IEnumerable<(string? From, string? To)> statusChanges)
    {
        var changes = statusChanges.ToList();
        if (!changes.Any(c => c.From == nameof(TicketStatus.InReview)))
            return null;
        return changes.Any(c => c.To == nameof(TicketStatus.Correction));
    }

    static List<string> Causes(Ticket t)
    {
        var causes = new List<string>(4);
        if (!string.IsNullOrWhiteSpace(t.CausePeople)) causes.Add("people");
        if (!string.IsNullOrWhiteSpace(t.CauseProcess)) causes.Add("process");
        if (!string.IsNullOrWhiteSpace(t.CauseTechnology)) causes.Add("technology");
        if (!string.IsNullOrWhiteSpace(t.CauseEnvironment)) causes.Add("environment");
        return causes;
    }

    static TimeSpan Between(BusinessCalendar calendar, DateTimeOffset from, DateTimeOffset to) => to > from ? calendar.Between(from, to) : TimeSpan.Zero;

    static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);
}
