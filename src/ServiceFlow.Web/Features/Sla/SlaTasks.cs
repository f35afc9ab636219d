using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// SLA escalation tasks (Kind Escalation) belong to no process instance, so the runner cannot complete
/// them: this does, with who and when, and a line in the ticket's history. Their EngineTaskId starts with
/// the clock's id (SlaEscalations), which is how a clock finds its own.
/// Claiming works as for any task (it needs no instance). A clock that stops, or an update interval
/// that restarts, closes its open escalation tasks (Cancelled, by whoever stopped it).
internal sealed class SlaTasks(ProcessRunner runner)
{
    public static Task<bool> IsSlaTaskAsync(ServiceFlowDbContext db, Guid taskId, CancellationToken ct) =>
        db.UserTasks.AnyAsync(t => t.Id == taskId && t.Kind == UserTaskKind.Escalation && t.WorkflowKey == SlaEscalations.WorkflowKey, ct);

    public Task<UserTask> CompleteAsync(Guid taskId, string? comment, ClaimsPrincipal user, CancellationToken ct) =>
        runner.InTransactionAsync(user.Identity?.Name, async ctx =>
        {
            var task = await ctx.Db.UserTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.Kind == UserTaskKind.Escalation && t.WorkflowKey == SlaEscalations.WorkflowKey, ct);
            if (task is null || !TaskAccess.CanSee(task, user))
                throw RuntimeProblem.NotFound($"There is no SLA task {taskId} that you can see.");
            TaskAccess.Complete(task, user, ctx);
            if (await TicketService.FindInStepAsync(ctx, task.BusinessKey) is { } ticket)
            {
                var text = string.IsNullOrWhiteSpace(comment) ? $"SLA {task.ActivityId} handled" : $"SLA {task.ActivityId} handled: {comment.Trim()}";
                TicketService.Entry(ctx, ticket, TicketEntryKind.Step, text, "sla");
            }
            // The row version makes a concurrent second completion retry, and the retry sees Completed: 409.
            return task;
        }, ct);

    public static async Task CloseOpenAsync(StepContext ctx, SlaClock clock, string reason)
    {
        var prefix = SlaEscalations.TaskIdPrefix(clock);
        var open = await SlaClocks.OpenEscalationTasksAsync(ctx, clock.BusinessKey);
        foreach (var task in open.Where(t => t.Status == UserTaskStatus.Open && t.EngineTaskId.StartsWith(prefix, StringComparison.Ordinal)))
        {
            task.Status = UserTaskStatus.Cancelled;
            task.CompletedAt = ctx.Now;
            task.CompletedBy = ctx.User ?? "system";
            task.Documentation = $"{task.Documentation} Closed: {reason}.".Trim();
        }
    }
}
