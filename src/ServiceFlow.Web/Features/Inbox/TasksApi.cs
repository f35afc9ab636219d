using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

internal static class TasksApi
{
    /// Kind is "Process" or "Escalation"; an escalation task (SLA) has no InstanceId.
    public sealed record TaskItem(Guid Id, string Kind, Guid? InstanceId, string ActivityId, string Name, string WorkflowKey, string? BusinessKey,
        IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers, string? Assignee, string? FormKey, int Priority,
        DateTimeOffset? DueAt, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? CompletedBy);
    public sealed record CompleteRequest(Dictionary<string, JsonElement>? Variables);
    public sealed record AssignRequest(string UserName);

    public static IServiceCollection AddTasks(this IServiceCollection services) => services.AddScoped<TaskAssignees>().AddSingleton<TaskForms>();

    public static void MapTasksApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.Staff);

        // Only tasks the caller may see: assigned to them or offered to them or their groups (managers and auditors see all).
        tasks.MapGet("/", async (ServiceFlowDbContext db, ClaimsPrincipal user, string? assignee, string? candidateGroup, Guid? instanceId,
            string? status, int? take, CancellationToken ct) =>
        {
            var query = db.UserTasks.AsNoTracking().AsQueryable();
            if (!TaskAccess.IsManager(user) && !user.IsInRole(Roles.Auditor))
                query = query.Where(TaskAccess.AssignedOrOfferedTo(user));
            if (assignee is not null)
                query = query.Where(t => t.Assignee == assignee);
            if (candidateGroup is not null)
                query = query.Where(t => t.CandidateGroups.Contains(candidateGroup));
            if (instanceId is { } iid)
                query = query.Where(t => t.InstanceId == iid);
            var wanted = Enum.TryParse<UserTaskStatus>(status, ignoreCase: true, out var s) ? s : UserTaskStatus.Open;
            query = query.Where(t => t.Status == wanted);
            var list = await query.OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
                .Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
            return TypedResults.Ok(list.Select(ToItem).ToList());
        });

        tasks.MapGet("/{id:guid}", async Task<Results<Ok<TaskItem>, ProblemHttpResult>> (Guid id, ServiceFlowDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var task = await db.UserTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
            if (task is null || !TaskAccess.CanSee(task, user))
                return Problems.NotFound($"There is no task {id} that you can see.");
            return TypedResults.Ok(ToItem(task));
        });

        tasks.MapPost("/{id:guid}/claim", async (Guid id, ProcessRunner runner, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(ToItem(await runner.ClaimAsync(id, user, ct: ct))));

        tasks.MapPost("/{id:guid}/unclaim", async (Guid id, ProcessRunner runner, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(ToItem(await runner.UnclaimAsync(id, user, ct))));

        tasks.MapPost("/{id:guid}/assign", async (Guid id, AssignRequest request, ProcessRunner runner, TaskAssignees assignees, ClaimsPrincipal user,
            CancellationToken ct) => TypedResults.Ok(ToItem(await runner.ClaimAsync(id, user, await assignees.FindAsync(request.UserName), ct))));

        // JSON `{ "variables": {…} }`, or multipart when the form has file fields: a `variables` part with that
        // JSON and one part per file field, named by its key (TaskCompletions).
        tasks.MapPost("/{id:guid}/complete", async Task<IResult> (Guid id, HttpContext http, ProcessRunner runner, SlaTasks sla, ServiceFlowDbContext db,
            TaskForms forms, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (request, files) = await TaskCompletions.ReadAsync(http, id, db, forms, ct);
            ProcessInstance instance;
            try
            {
                instance = await runner.CompleteTaskAsync(id, request?.Variables, user, forms.ApplyWith(files), ct);
            }
            catch (RuntimeProblem problem) when (problem.Status == StatusCodes.Status404NotFound)
            {
                // Not a process's task: an SLA escalation task belongs to no instance, and its own handler
                // completes it. (Asked only here, so a process task's completion costs no extra query.)
                if (!await SlaTasks.IsSlaTaskAsync(db, id, ct))
                    throw;
                var comment = request?.Variables?.GetValueOrDefault("comment") is { ValueKind: JsonValueKind.String } c ? c.GetString() : null;
                var task = await sla.CompleteAsync(id, comment, user, ct);
                return TypedResults.Ok(new { instanceId = (Guid?)null, instanceStatus = "None", task = ToItem(task) });
            }
            return TypedResults.Ok(new { instanceId = instance.Id, instanceStatus = instance.Status.ToString() });
        }).Accepts<CompleteRequest>("application/json", "multipart/form-data");
    }

    public static TaskItem ToItem(UserTask t) => new(t.Id, t.Kind.ToString(), t.InstanceId, t.ActivityId, t.Name, t.WorkflowKey, t.BusinessKey,
        t.CandidateGroups, t.CandidateUsers, t.Assignee, t.FormKey, t.Priority, t.DueAt, t.Status.ToString(), t.CreatedAt, t.CompletedAt, t.CompletedBy);
}
