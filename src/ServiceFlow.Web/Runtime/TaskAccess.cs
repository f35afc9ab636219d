using System.Security.Claims;
using ServiceFlow.Web.Features.Account;

namespace ServiceFlow.Web.Runtime;

/// Who may see and work on a user task: its assignee; while unassigned, its candidate users and the
/// members of its candidate groups (a person's groups are their roles and `group` claims);
/// administrators and supervisors always.
internal static class TaskAccess
{
    public const string GroupClaim = "group";

    public static IReadOnlySet<string> GroupsOf(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Concat(user.FindAll(GroupClaim)).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsManager(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor);

    public static bool IsCandidate(UserTask task, ClaimsPrincipal user)
    {
        var name = user.Identity?.Name;
        if (name is null)
            return false;
        if (task.CandidateUsers.Contains(name, StringComparer.OrdinalIgnoreCase))
            return true;
        var groups = GroupsOf(user);
        return task.CandidateGroups.Any(groups.Contains);
    }

    public static bool CanSee(UserTask task, ClaimsPrincipal user) =>
        IsManager(user) || user.IsInRole(Roles.Auditor) || string.Equals(task.Assignee, user.Identity?.Name, StringComparison.OrdinalIgnoreCase) || IsCandidate(task, user);

    public static bool CanWork(UserTask task, ClaimsPrincipal user) =>
        task.Assignee is { } assignee
            ? string.Equals(assignee, user.Identity?.Name, StringComparison.OrdinalIgnoreCase) || user.IsInRole(Roles.Admin)
            : IsCandidate(task, user) || IsManager(user);
}
