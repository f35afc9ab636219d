using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// What a fired SLA timer does, in the transaction that claimed it: an inbox task for each person or
/// group its policy's ladder names (a `UserTask` with WorkflowKey "sla" and the ticket number as
/// business key), a mail in the outbox when the recipient has an address, and a line in the ticket's history.
internal sealed class SlaEscalations(SlaClocks clocks, MailMessageBuilder mail)
{
    public const string WorkflowKey = "sla";

    public async Task RaiseAsync(StepContext ctx, SlaTimer timer)
    {
        var clock = await ctx.Db.Set<SlaClock>().SingleAsync(c => c.Id == timer.ClockId);
        var policy = await ctx.Db.Set<SlaPolicy>().SingleAsync(p => p.Key == clock.PolicyKey && p.Version == clock.PolicyVersion);
        var ticket = await ctx.Db.Set<Ticket>().SingleOrDefaultAsync(t => t.Number == clock.BusinessKey);
        if (SlaLadder.Offset(timer.Kind, clock.Target) >= clock.Target)
            clock.Overdue = true;
        var targets = SlaLadder.Parse(policy.Escalations)
            .Where(s => s.At.Equals(timer.Kind, StringComparison.OrdinalIgnoreCase)).Select(s => s.Notify).ToList();
        if (targets.Count == 0)
            targets.Add("handler"); // someone is always told
        var elapsed = await clocks.ElapsedAsync(ctx, clock, ctx.Now);
        foreach (var target in targets.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var (user, group) = Resolve(target, ticket);
            ctx.Db.UserTasks.Add(new UserTask
            {
                Id = Guid.CreateVersion7(),
                InstanceId = clock.Id, // no process instance: the clock stands in, and keeps (InstanceId, EngineTaskId) unique
                EngineTaskId = $"{timer.Id:N}:{target}",
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
                Documentation = $"{clock.Name} clock of {clock.BusinessKey} (policy {policy.Key} v{policy.Version}) reached {timer.Kind}; due {clock.DueAt:u}.",
                Status = UserTaskStatus.Open,
                CreatedAt = ctx.Now,
            });
            if (user is not null)
                await MailAsync(ctx, timer, clock, ticket, user, elapsed);
        }
        if (ticket is not null)
            TicketService.Entry(ctx, ticket, TicketEntryKind.Change, "sla", null, $"{clock.Name} {timer.Kind}");
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

    async Task MailAsync(StepContext ctx, SlaTimer timer, SlaClock clock, Ticket? ticket, string userName, TimeSpan elapsed)
    {
        var person = await ctx.Db.Users.AsNoTracking().Where(u => u.UserName == userName)
            .Select(u => new { u.Email, u.DisplayName, u.Culture }).SingleOrDefaultAsync();
        if (person?.Email is null)
            return;
        var template = SlaLadder.Template(timer.Kind)!;
        var model = new
        {
            recipient = new { name = person.DisplayName ?? userName },
            ticket = new { number = clock.BusinessKey, title = ticket?.Title ?? "", priority = ticket?.Priority ?? "" },
            assignee = new { name = ticket?.Handler ?? "" },
            sla = new
            {
                kind = clock.Name == "first-response" ? "response" : "resolution",
                due = clock.DueAt,
                remaining = clock.Target > elapsed ? clock.Target - elapsed : TimeSpan.Zero,
                overdue = elapsed > clock.Target ? elapsed - clock.Target : TimeSpan.Zero,
            },
            escalation = new { level = "tier2", by = "SLA", reason = $"{clock.Name} {timer.Kind}" },
            link = $"/tickets/{clock.BusinessKey}",
        };
        var id = Guid.CreateVersion7();
        ctx.Db.Outbox.Add(new OutboxMessage
        {
            Id = id,
            MessageId = mail.MessageIdFor(id),
            Template = template,
            Culture = person.Culture,
            To = person.Email,
            ToName = person.DisplayName,
            Model = JsonSerializer.Serialize(model, InstanceStateJson.Options),
            BusinessKey = clock.BusinessKey,
            Status = OutboxStatus.Pending,
            CreatedAt = ctx.Now,
            NextAttemptAt = ctx.Now,
        });
        ctx.OutboxAdded.Add(id);
    }
}
