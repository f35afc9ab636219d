using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;

namespace ServiceFlow.Web.Features.Tickets;

/// Who may be named a ticket's handler (the arrange form's `handler`, the workflow's `${ handler }`): the
/// members of the group the handling task is offered to (the ticket's group: routing, or TechSupport after an
/// escalation to tier 2) and, while the ticket is at tier 1, the front line, who handle what they can (seed 002 §3).
internal static class TicketHandlers
{
    public static IReadOnlyList<string> Groups(Ticket ticket) =>
        ticket.Tier == Tier.Tier1 ? [.. new[] { ticket.Group, Roles.FrontLine }.Distinct(StringComparer.OrdinalIgnoreCase)] : [ticket.Group];

    public static Task<IReadOnlyList<Person>> ListAsync(ServiceFlowDbContext db, Ticket ticket, DateTimeOffset now, CancellationToken ct) =>
        GroupMembers.InGroupsAsync(db, Groups(ticket), [], now, ct);

    /// Null when `userName` may handle the ticket, else the refusal: who does not exist or is not eligible,
    /// and whom to choose instead.
    public static async Task<FormattableString?> RefusalAsync(ServiceFlowDbContext db, Ticket ticket, string userName, DateTimeOffset now, CancellationToken ct)
    {
        var eligible = await ListAsync(db, ticket, now, ct);
        if (eligible.Any(p => string.Equals(p.UserName, userName, StringComparison.OrdinalIgnoreCase)))
            return null;
        var choices = string.Join(", ", eligible.Take(20).Select(p => p.UserName));
        var normalized = userName.ToUpperInvariant();
        var exists = await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct);
        return exists
            ? (FormattableString)$"{userName} cannot handle ticket {ticket.Number}: handlers come from {string.Join(", ", Groups(ticket))}. Choose one of: {choices}."
            : $"There is no user named '{userName}'. Choose the handler of ticket {ticket.Number} from: {choices}.";
    }
}
