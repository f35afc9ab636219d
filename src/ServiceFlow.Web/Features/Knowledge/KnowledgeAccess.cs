using System.Security.Claims;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Features.Tickets;

namespace ServiceFlow.Web.Features.Knowledge;

/// Every signed-in staff member reads knowledge. Those who handle tickets draft and edit it;
/// supervisors, quality supervisors, process owners and administrators decide what is published.
/// Auditors only read.
internal static class KnowledgeAccess
{
    public static bool CanDraft(ClaimsPrincipal user) => TicketAccess.CanWriteAny(user);

    public static bool CanPublish(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin) || user.IsInRole(Roles.QualitySupervisor) || user.IsInRole(Roles.ProcessOwner);

    public static bool CanEdit(ClaimsPrincipal user) => CanDraft(user) || CanPublish(user);
}
