using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Reports.Scheduled;

/// Who gets a subscription's mail when it runs: the people in its roles and the people it names, with an e-mail
/// address and not locked out — and, except for a person's own figures, still allowed to read reports, so a mail
/// never shows the desk's figures to someone who has since lost the right to see them.
internal static class SubscriptionRecipients
{
    public sealed record Recipient(string UserName, string Email, string? DisplayName, string? Culture);

    public static async Task<List<Recipient>> ResolveAsync(ServiceFlowDbContext db, ReportSubscription s, DateTimeOffset now, CancellationToken ct)
    {
        var roles = s.RecipientRoles.Select(r => r.ToUpperInvariant()).ToList();
        var names = s.RecipientPeople.Select(p => p.ToUpperInvariant()).ToList();
        var inRoles = db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.NormalizedName })
            .Where(x => roles.Contains(x.NormalizedName!)).Select(x => x.UserId);
        var users = db.Users.AsNoTracking()
            .Where(u => inRoles.Contains(u.Id) || names.Contains(u.NormalizedUserName!))
            .Where(u => u.Email != null && u.Email != "")
            .Where(u => u.LockoutEnd == null || u.LockoutEnd <= now);
        if (s.Report != "me")
        {
            var readers = SubscriptionRules.Readers(db);
            users = users.Where(u => readers.Contains(u.Id));
        }
        return await users.OrderBy(u => u.UserName).Select(u => new Recipient(u.UserName!, u.Email!, u.DisplayName, u.Culture)).ToListAsync(ct);
    }
}
