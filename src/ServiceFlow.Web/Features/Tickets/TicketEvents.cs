using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// A feature that must follow a ticket inside the transaction that changes it (SLA clocks pause in
/// waiting states and restart their update interval on a customer update). Tickets do not know who listens.
internal interface ITicketListener
{
    Task StatusChangedAsync(StepContext ctx, Ticket ticket, TicketStatus from, TicketStatus to);

    Task CustomerUpdatedAsync(StepContext ctx, Ticket ticket, TicketEntry update);
}

/// The one place a ticket's status changes (workflow steps, the status API, a vendor escalation) and
/// a public update to the customer is recorded: the history line and every listener, in the caller's transaction.
internal sealed class TicketEvents(IEnumerable<ITicketListener> listeners)
{
    /// The states a handler puts a ticket in while it waits; the workflow token stays in "execute".
    public static readonly IReadOnlySet<TicketStatus> Waiting = new HashSet<TicketStatus> { TicketStatus.WaitingForCustomer, TicketStatus.WaitingForVendor };

    public async Task SetStatusAsync(StepContext ctx, Ticket ticket, TicketStatus status)
    {
        if (ticket.Status == status)
            return;
        var from = ticket.Status;
        TicketService.Entry(ctx, ticket, TicketEntryKind.Change, "status", from.ToString(), status.ToString());
        ticket.Status = status;
        foreach (var listener in listeners)
            await listener.StatusChangedAsync(ctx, ticket, from, status);
    }

    public async Task<TicketEntry> CommunicationAsync(StepContext ctx, Ticket ticket, CommunicationRequest r)
    {
        var entry = TicketService.Entry(ctx, ticket, TicketEntryKind.Communication, r.Outcome, r.Channel, r.Counterpart, r.At);
        if (!r.Internal)
        {
            foreach (var listener in listeners)
                await listener.CustomerUpdatedAsync(ctx, ticket, entry);
        }
        return entry;
    }
}
