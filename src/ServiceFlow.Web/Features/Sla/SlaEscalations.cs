using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// What fired SLA timers do, in the transaction that claimed them: an inbox task for each person or
/// group its policy's ladder names (an escalation `UserTask`: no instance, WorkflowKey "sla", the ticket
/// number as business key), a mail in the outbox when the recipient has an address, and a line in the ticket's
/// history. A batch of timers costs a handful of queries, not a handful per timer.
internal sealed class SlaEscalations(SlaCalendars calendars, SlaMail mail)
{
    public const string WorkflowKey = "sla";

    /// An escalation task's id is `{clock}:{timer}:{target}`: unique, and the clock's tasks share a prefix (SlaTasks).
    public static string TaskIdPrefix(SlaClock clock) => $"{clock.Id:N}:";

    public Task RaiseAsync(StepContext ctx, SlaTimer timer) => RaiseAsync(ctx, [timer]);

    public async Task RaiseAsync(StepContext ctx, IReadOnlyList<SlaTimer> timers)
    {
        if (timers.Count == 0)
            return;
        var clockIds = timers.Select(t => t.ClockId).Distinct().ToList();
        var clocks = await ctx.Db.Set<SlaClock>().Where(c => clockIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var policyKeys = clocks.Values.Select(c => c.PolicyKey).Distinct().ToList();
        var policies = (await ctx.Db.Set<SlaPolicy>().AsNoTracking().Where(p => policyKeys.Contains(p.Key)).ToListAsync()).ToDictionary(p => (p.Key, p.Version));
        var numbers = clocks.Values.Select(c => c.BusinessKey).Distinct().ToList();
        var tickets = await ctx.Db.Set<Ticket>().Where(t => numbers.Contains(t.Number)).ToDictionaryAsync(t => t.Number);
        var segments = (await ctx.Db.Set<SlaClockSegment>().AsNoTracking().Where(s => clockIds.Contains(s.ClockId) && s.Running).ToListAsync()).ToLookup(s => s.ClockId);

        var raised = new List<(SlaTimer Timer, SlaClock Clock, SlaPolicy Policy, Ticket? Ticket, List<string> Targets)>(timers.Count);
        foreach (var timer in timers)
        {
            var clock = clocks[timer.ClockId];
            var policy = policies[(clock.PolicyKey, clock.PolicyVersion)];
            var targets = SlaLadder.Parse(policy.Escalations)
                .Where(s => s.At.Equals(timer.Kind, StringComparison.OrdinalIgnoreCase)).Select(s => s.Notify)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (targets.Count == 0)
                targets.Add("handler"); // someone is always told
            raised.Add((timer, clock, policy, tickets.GetValueOrDefault(clock.BusinessKey), targets));
        }
        var people = await SlaMail.PeopleAsync(ctx, raised.SelectMany(r => r.Targets.Select(t => Resolve(t, r.Ticket).User)).OfType<string>());
        await IntendNextAsync(ctx, clockIds);

        foreach (var (timer, clock, policy, ticket, targets) in raised)
        {
            if (SlaLadder.IsBreachOrLater(timer.Kind))
                clock.Overdue = true;
            var elapsed = SlaClocks.Elapsed(clock, segments[clock.Id], calendars.Get(clock.Calendar), ctx.Now);
            foreach (var target in targets)
            {
                var (user, group) = Resolve(target, ticket);
                ctx.Db.UserTasks.Add(new UserTask
                {
                    Id = Guid.CreateVersion7(),
                    Kind = UserTaskKind.Escalation,
                    EngineTaskId = $"{TaskIdPrefix(clock)}{timer.Id:N}:{target}",
                    ActivityId = timer.Kind,
                    Name = $"SLA {timer.Kind}: {clock.Name} of {clock.BusinessKey}",
                    WorkflowKey = WorkflowKey,
                    BusinessKey = clock.BusinessKey,
                    CandidateGroups = group is null ? [] : [group],
                    CandidateUsers = user is null ? [] : [user],
                    Assignee = user,
                    FormKey = "sla-escalation",
                    Priority = ticket is null ? 3 : int.Parse(ticket.Priority[1..], System.Globalization.CultureInfo.InvariantCulture),
                    DueAt = clock.DueAt,
                    Documentation = $"{clock.Name} clock of {clock.BusinessKey} (policy {policy.Key} v{policy.Version}) reached {timer.Kind}; due {DueText(clock)}.",
                    Status = UserTaskStatus.Open,
                    CreatedAt = ctx.Now,
                });
                if (user is not null && people.TryGetValue(user, out var person))
                    mail.Add(ctx, new SlaMail.Escalation(timer, clock, policy, ticket, person, elapsed));
            }
            if (ticket is not null)
                TicketService.Entry(ctx, ticket, TicketEntryKind.Change, "sla", null, $"{clock.Name} {timer.Kind}");
        }
    }

    /// A clock's timers have one intent at a time (SlaClocks plans only the first): the transaction that fires
    /// some writes the intent of each clock's next waiting timer, so its window gets a job when it comes due.
    static async Task IntendNextAsync(StepContext ctx, List<Guid> clockIds)
    {
        var waiting = await ctx.Db.SlaTimers.AsNoTracking()
            .Where(t => clockIds.Contains(t.ClockId) && t.FiredAt == null && t.CancelledAt == null)
            .Select(t => new { t.Id, t.ClockId, t.DueAt }).ToListAsync();
        foreach (var next in waiting.GroupBy(t => t.ClockId).Select(g => g.MinBy(t => t.DueAt)!))
            ctx.Intend(SlaScheduler.Name, next.Id, next.DueAt);
    }

    static (string? User, string? Group) Resolve(string target, Ticket? ticket)
    {
        if (target.StartsWith("user:", StringComparison.OrdinalIgnoreCase))
            return (target[5..], null);
        if (target.StartsWith("group:", StringComparison.OrdinalIgnoreCase))
            return (null, target[6..]);
        if (target.Equals("handler", StringComparison.OrdinalIgnoreCase))
            return ticket?.Handler is { } h ? (h, null) : (null, ticket?.Group ?? "Supervisor");
        return (null, target);
    }

    // People read the task's documentation: the due time in the desk's zone, to the minute.
    string DueText(SlaClock clock)
    {
        if (clock.DueAt is not { } due)
            return "—";
        var local = TimeZoneInfo.ConvertTime(due, calendars.Get(null).TimeZone);
        return $"{local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} ({ServiceFlow.Web.Localization.DeskTime.Offset(local.Offset)})";
    }
}
