using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Account;

/// Someone a task or a ticket can be given to, as pickers list them.
public sealed record Person(string UserName, string? DisplayName)
{
    public string Label => string.IsNullOrWhiteSpace(DisplayName) || DisplayName == UserName ? UserName : $"{DisplayName} ({UserName})";
}

/// The people in groups, as the runtime reads membership (TaskAccess.GroupsOf): a role of that name or a
/// `group` claim. Locked-out accounts are left out: a task given to them would wait for nobody.
internal static class GroupMembers
{
    /// More than any desk's group holds; a picker is no place for thousands of names.
    public const int Max = 500;

    public static async Task<IReadOnlyList<Person>> InGroupsAsync(ServiceFlowDbContext db, IReadOnlyCollection<string> groups,
        IReadOnlyCollection<string> userNames, DateTimeOffset now, CancellationToken ct)
    {
        var groupList = groups.Where(g => !string.IsNullOrWhiteSpace(g)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var normalizedGroups = groupList.Select(g => g.ToUpperInvariant()).ToList();
        var names = userNames.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.ToUpperInvariant()).ToList();
        var byRole = db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.NormalizedName })
            .Where(x => normalizedGroups.Contains(x.NormalizedName!)).Select(x => x.UserId);
        var byClaim = db.UserClaims.Where(c => c.ClaimType == TaskAccess.GroupClaim && groupList.Contains(c.ClaimValue!)).Select(c => c.UserId);
        return await db.Users.AsNoTracking()
            .Where(u => byRole.Contains(u.Id) || byClaim.Contains(u.Id) || names.Contains(u.NormalizedUserName!))
            .Where(u => u.LockoutEnd == null || u.LockoutEnd <= now)
            .OrderBy(u => u.UserName).Take(Max)
            .Select(u => new Person(u.UserName!, u.DisplayName))
            .ToListAsync(ct);
    }
}
