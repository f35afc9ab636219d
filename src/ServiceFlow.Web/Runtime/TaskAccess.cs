using System.Linq.Expressions;
using System.Security.Claims;

namespace ServiceFlow.Web.Runtime;

/// Who may see and work on a user task: its assignee; while unassigned, its candidate users and the
/// members of its candidate groups (a person's groups are their roles and `group` claims);
/// administrators and supervisors always.
internal static class TaskAccess
{
    public const string GroupClaim = "group";

    public static IReadOnlySet<string> GroupsOf(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Concat(user.FindAll(GroupClaim)).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// "Offered to me" as a query: unassigned, naming the user or one of their groups (IsCandidate in SQL;
    /// the inbox's Groups tab, the home page's count and GET /api/tasks all use this one expression).
    public static Expression<Func<UserTask, bool>> OfferedTo(ClaimsPrincipal user)
    {
        var me = user.Identity!.Name!;
        var groups = GroupsOf(user).ToList();
        return t => t.Assignee == null && (t.CandidateUsers.Contains(me) || t.CandidateGroups.Any(g => groups.Contains(g)));
    }

    /// Assigned to the user or offered to them: what a person without a manager's role may list.
    public static Expression<Func<UserTask, bool>> AssignedOrOfferedTo(ClaimsPrincipal user)
    {
        var me = user.Identity!.Name!;
        Expression<Func<UserTask, bool>> assigned = t => t.Assignee == me;
        var offered = OfferedTo(user);
        var task = assigned.Parameters[0];
        // One parameter for both halves, so EF sees a single lambda (and `me` stays a query parameter).
        var offeredBody = new ParameterSwap(offered.Parameters[0], task).Visit(offered.Body);
        return Expression.Lambda<Func<UserTask, bool>>(Expression.OrElse(assigned.Body, offeredBody), task);
    }

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

    /// Marks an open task completed by the step's user, or says why it cannot be: already done (409),
    /// or not this person's to do (403). Shared by process tasks and SLA escalation tasks.
    public static void Complete(UserTask task, ClaimsPrincipal user, StepContext ctx)
    {
        if (task.Status != UserTaskStatus.Open)
            throw RuntimeProblem.Conflict($"Task '{task.Name}' is already {task.Status.ToString().ToLowerInvariant()} (by {task.CompletedBy ?? "?"} at {task.CompletedAt:u}); it cannot be completed again.");
        if (!CanWork(task, user))
            throw RuntimeProblem.Forbidden(task.Assignee is null
                ? $"Task '{task.Name}' is for {string.Join(", ", task.CandidateGroups.Concat(task.CandidateUsers))}; you are not among them."
                : $"Task '{task.Name}' is assigned to {task.Assignee}; claim it or ask a supervisor to reassign it.");
        task.Status = UserTaskStatus.Completed;
        task.CompletedAt = ctx.Now;
        task.CompletedBy = ctx.User;
        task.Assignee ??= ctx.User;
    }
}

/// Turns what a person entered to complete `task` into the variables its form declares, or throws a
/// RuntimeProblem (400) naming what it refuses. Features own the forms; the runner applies one in the
/// completion's transaction, against the task as that transaction reads it.
internal delegate Task<IReadOnlyDictionary<string, System.Text.Json.JsonElement>> TaskForm(
    StepContext ctx, UserTask task, IReadOnlyDictionary<string, System.Text.Json.JsonElement> entered, ClaimsPrincipal user);

file sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
