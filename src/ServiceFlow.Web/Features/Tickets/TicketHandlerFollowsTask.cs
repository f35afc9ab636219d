using System.Text.Json;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// A supervisor who gives the handler's task of a ticket to someone else changes who handles the ticket, as
/// reassigning an incident does in a service desk: the record's handler (kept in its history, old → new, so
/// the reassignment counts in the reports' reassignment rate), and with it whom the SLA escalations for the
/// handler reach; and the lifecycle's `handler` variable, so a result the supervisor returns goes back to the
/// new handler and the resolution mail names them. Other tasks of the ticket (a review claimed from the group,
/// an escalation task) leave the handler as it is.
internal sealed class TicketHandlerFollowsTask : ITaskAssignmentObserver
{
    public async Task OnReassignedAsync(StepContext ctx, UserTask task, string previous, CancellationToken ct)
    {
        if (task.InstanceId is not { } instanceId || task.Assignee is not { } next)
            return;
        var ticket = await TicketService.FindInStepAsync(ctx, task.BusinessKey);
        if (ticket is null || ticket.IsReadOnly || ticket.InstanceId != instanceId
            || !string.Equals(ticket.Handler, previous, StringComparison.OrdinalIgnoreCase))
            return;
        TicketService.Entry(ctx, ticket, TicketEntryKind.Change, "handler", ticket.Handler, next);
        ticket.Handler = next;
        await InstanceVariables.SetAsync(ctx, instanceId, "handler", JsonSerializer.SerializeToElement(next), ct);
    }
}
