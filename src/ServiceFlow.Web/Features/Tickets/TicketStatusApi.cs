using System.Security.Claims;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// `POST /api/tickets/{n}/status`: the handler says the ticket waits for the customer or a vendor, or
/// that work goes on. Every other state follows the lifecycle workflow (complete its task instead).
internal static class TicketStatusApi
{
    public static void MapTicketStatusApi(this RouteGroupBuilder tickets) =>
        tickets.MapPost("/{number}/status", async (string number, StatusRequest r, TicketService service, TicketEvents events,
            ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(TicketsApi.Summary(await service.ChangeAsync(number, user, (ctx, ticket) => ChangeAsync(ctx, ticket, r, events), ct))));

    static async Task ChangeAsync(StepContext ctx, Ticket ticket, StatusRequest r, TicketEvents events)
    {
        if (!Enum.TryParse<TicketStatus>(r.Status, ignoreCase: true, out var to)
            || to is not (TicketStatus.WaitingForCustomer or TicketStatus.WaitingForVendor or TicketStatus.InProgress))
            throw RuntimeProblem.BadRequest($"status '{r.Status}' cannot be set by hand; use WaitingForCustomer, WaitingForVendor or InProgress (other states follow the workflow's tasks).");
        var from = ticket.Status;
        if (from == to)
            return;
        var allowed = to == TicketStatus.InProgress ? TicketEvents.Waiting.Contains(from) : from == TicketStatus.InProgress || TicketEvents.Waiting.Contains(from);
        if (!allowed)
            throw RuntimeProblem.Conflict(to == TicketStatus.InProgress
                ? $"Ticket {ticket.Number} is {from}, not waiting; there is nothing to resume."
                : $"Ticket {ticket.Number} is {from}; it can wait for a customer or vendor only while it is being handled (InProgress).");
        if (!string.IsNullOrWhiteSpace(r.Reason))
            TicketService.Entry(ctx, ticket, TicketEntryKind.Step, r.Reason.Trim(), to.ToString());
        await events.SetStatusAsync(ctx, ticket, to);
    }
}
