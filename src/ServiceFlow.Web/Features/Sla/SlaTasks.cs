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

    /// Closes the clock's open escalation tasks set-based with the step's change set (no read first: a stopped
    /// clock rarely has any, and nothing later in the step looks at them).
    public static void CloseOpen(StepContext ctx, SlaClock clock, string reason)
    {
        if (ctx.Db.Entry(clock).State == EntityState.Added)
            return; // a clock this transaction starts has raised nothing yet
        ctx.WriteSetBased(CloseOpenTasks, ctx.Now, ctx.User ?? "system", $" Closed: {reason}.", clock.BusinessKey, SlaEscalations.WorkflowKey,
            SlaEscalations.TaskIdPrefix(clock));
    }

    // The same row change as completing a task by hand (Status, CompletedAt, CompletedBy), and the reason after the task's documentation.
    const string CloseOpenTasks =
        """
        UPDATE serviceflow.user_tasks SET "Status" = 'Cancelled', "CompletedAt" = $1, "CompletedBy" = $2,
            "Documentation" = btrim(coalesce("Documentation", '') || $3)
        WHERE "Kind" = 'Escalation' AND "Status" = 'Open' AND "BusinessKey" = $4 AND "WorkflowKey" = $5 AND starts_with("EngineTaskId", $6)
        """;
}
