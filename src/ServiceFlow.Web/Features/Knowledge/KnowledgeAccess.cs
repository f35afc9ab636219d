using System.Security.Claims;
using ServiceFlow.Web.Data;
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

    /// The source tickets (of these) the user may open: the others are named, not linked, so no link ends in a 404.
    public static async Task<IReadOnlySet<string>> ReadableSourcesAsync(ServiceFlowDbContext db, IEnumerable<KnowledgeArticle> articles,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var numbers = articles.Select(a => a.SourceTicketNumber).OfType<string>().Distinct().ToList();
        return (await TicketTitles.ForAsync(db, numbers, user, ct)).Keys.ToHashSet(StringComparer.Ordinal);
    }
}
