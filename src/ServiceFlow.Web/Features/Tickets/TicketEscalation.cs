using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Tiered escalation (seed 002 §3): tier 1 hands over to tier 2 with a reason; tier 2 brings in a
/// vendor (vendor, reference and promised time recorded), and the ticket then waits for the vendor
/// (WaitingForVendor, which pauses the SLA clocks whose policy says so). Handling must have started.
internal static class TicketEscalation
{
    public static Task<Ticket> EscalateAsync(TicketService service, TicketEvents events, string number, EscalateRequest r, ClaimsPrincipal user, CancellationToken ct) =>
        service.ChangeAsync(number, user, async (ctx, ticket) =>
        {
            if (ticket.Status is not (TicketStatus.InProgress or TicketStatus.Arranging or TicketStatus.WaitingForCustomer))
                throw RuntimeProblem.Conflict($"Ticket {number} is in state {ticket.Status}; escalation is possible while it is being arranged or handled.");
            if (r.To <= ticket.Tier)
                throw RuntimeProblem.Conflict($"Ticket {number} is already at {ticket.Tier}; escalate to a higher tier ({(ticket.Tier == Tier.Tier1 ? "Tier2 or Vendor" : "Vendor")}).");
            if (r.To == Tier.Vendor && string.IsNullOrWhiteSpace(r.Vendor))
                throw RuntimeProblem.BadRequest("vendor is required when escalating to a vendor.");
            var from = ticket.Tier;
            ticket.Tier = r.To;
            TicketService.Entry(ctx, ticket, TicketEntryKind.Escalation, r.Reason, $"{from} → {r.To}",
                r.To == Tier.Vendor ? $"{r.Vendor} {r.VendorReference}".Trim() : null, due: r.PromisedAt);
            if (r.To == Tier.Tier2)
            {
                // The open handling task leaves tier 1 and is offered to technical support (tier 2).
                foreach (var task in ctx.Db.UserTasks.Where(t => t.InstanceId == ticket.InstanceId && t.Status == UserTaskStatus.Open && t.ActivityId == "execute"))
                {
                    task.CandidateGroups = [Roles.TechSupport];
                    task.Assignee = null;
                }
                ticket.Group = Roles.TechSupport;
            }
            // Only a ticket being handled waits: while it is still being arranged the workflow moves it on.
            if (r.To == Tier.Vendor && ticket.Status != TicketStatus.Arranging)
                await events.SetStatusAsync(ctx, ticket, TicketStatus.WaitingForVendor);
        }, ct);
}
