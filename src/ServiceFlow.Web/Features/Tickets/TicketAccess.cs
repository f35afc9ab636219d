using System.Security.Claims;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Who reads and changes which record (seed 000 §5.1, least privilege): front line sees what they
/// recorded and their group's tickets; technical support what they handle or their group handles;
/// supervisors, quality supervisors, auditors and administrators see everything. Auditors and
/// quality supervisors change nothing.
internal static class TicketAccess
{
    public static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Auditor) || user.IsInRole(Roles.QualitySupervisor);

    public static bool CanRead(Ticket ticket, ClaimsPrincipal user)
    {
        if (SeesAll(user))
            return true;
        var me = user.Identity?.Name;
        return string.Equals(ticket.Reporter, me, StringComparison.OrdinalIgnoreCase)
            || string.Equals(ticket.Handler, me, StringComparison.OrdinalIgnoreCase)
            || TaskAccess.GroupsOf(user).Contains(ticket.Group);
    }

    /// The same rule as <see cref="CanRead"/>, as a query.
    public static IQueryable<Ticket> Visible(IQueryable<Ticket> query, ClaimsPrincipal user)
    {
        if (SeesAll(user))
            return query;
        var me = user.Identity!.Name!;
        var groups = TaskAccess.GroupsOf(user).ToList();
        return query.Where(t => t.Reporter == me || t.Handler == me || groups.Contains(t.Group));
    }

    public static bool CanWrite(Ticket ticket, ClaimsPrincipal user) =>
        CanWriteAny(user) && CanRead(ticket, user);

    public static bool CanWriteAny(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.FrontLine) || user.IsInRole(Roles.TechSupport);
}
