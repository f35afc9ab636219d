using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// The people a task's pickers offer, from the server: whom it can be assigned to (its candidate users and
/// the members of its candidate groups; a task offered to nobody, to supervisors) and, for a ticket's task,
/// who may be named the ticket's handler (TicketHandlers). The page renders them as `<select>`s, so a name
/// that does not exist cannot be typed; the server checks again whatever a client sends.
internal static class TaskCandidates
{
    public sealed record Candidates(Guid TaskId, IReadOnlyList<Person> Assignees, IReadOnlyList<Person>? Handlers);

    public static Task<IReadOnlyList<Person>> AssigneesAsync(ServiceFlowDbContext db, UserTask task, DateTimeOffset now, CancellationToken ct) =>
        task.CandidateGroups.Count == 0 && task.CandidateUsers.Count == 0
            ? GroupMembers.InGroupsAsync(db, [Roles.Supervisor], [], now, ct)
            : GroupMembers.InGroupsAsync(db, task.CandidateGroups, task.CandidateUsers, now, ct);

    /// Handlers of the task's ticket, when it has one the user may read.
    public static async Task<IReadOnlyList<Person>?> HandlersAsync(ServiceFlowDbContext db, UserTask task, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        if (task.BusinessKey is null)
            return null;
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Number == task.BusinessKey, ct);
        return ticket is not null && TicketAccess.CanRead(ticket, user) ? await TicketHandlers.ListAsync(db, ticket, now, ct) : null;
    }

    /// `GET /api/tasks/{id}/candidates`: for anyone who can see the task (staff; 404 otherwise).
    public static void MapTaskCandidatesApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/tasks/{id:guid}/candidates", async Task<Results<Ok<Candidates>, ProblemHttpResult>> (Guid id, ServiceFlowDbContext db,
            ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var task = await db.UserTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
            if (task is null || !TaskAccess.CanSee(task, user))
                return Problems.NotFound($"There is no task {id} that you can see.");
            var now = clock.GetUtcNow();
            return TypedResults.Ok(new Candidates(id, await AssigneesAsync(db, task, now, ct), await HandlersAsync(db, task, user, now, ct)));
        }).WithTags("Tasks").RequireAuthorization(Policies.Staff);
}
