using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Keeps a ticket in step with its lifecycle instance, inside the step's transaction: the status
/// follows the user task the process waits in; a confirmed solution resolves it.
internal sealed class TicketWorkflowObserver(TicketEvents events) : IStepObserver
{
    static readonly Dictionary<string, TicketStatus> StatusByTask = new()
    {
        ["review"] = TicketStatus.InReview,
        ["correct"] = TicketStatus.Correction,
        ["analysis"] = TicketStatus.GroupAnalysis,
        ["arrange"] = TicketStatus.Arranging,
        ["execute"] = TicketStatus.InProgress,
        ["confirm"] = TicketStatus.AwaitingConfirmation,
    };

    public async Task OnStepAsync(StepContext ctx, ProcessInstance instance, StepResult result)
    {
        if (instance.WorkflowKey != TicketOptions.WorkflowKey || instance.BusinessKey is null)
            return;
        var ticket = await TicketService.FindInStepAsync(ctx, instance.BusinessKey);
        // Only the ticket's own lifecycle instance writes to it (another instance carrying its number as
        // business key changes nothing), and an archived or closed record never changes.
        if (ticket is null || !IsLifecycleOf(ctx, ticket, instance) || ticket.IsReadOnly)
            return;
        var status = result.State.Tokens.Select(t => StatusByTask.GetValueOrDefault(t.NodeId)).FirstOrDefault(s => s != default);
        if (result.State.Status == InstanceStatus.Completed)
            status = TicketStatus.Archived;
        // Waiting for the customer or a vendor is a state within handling: a step that leaves the token in "execute" keeps it.
        if (status == TicketStatus.InProgress && TicketEvents.Waiting.Contains(ticket.Status))
            status = ticket.Status;
        if (status != default)
            await events.SetStatusAsync(ctx, ticket, status);
        Sync(ctx, ticket, result.State.Variables);
        // The priority matrix's and the routing table's results, only from the step that evaluated them: a priority
        // or group changed on the ticket later (an SLA replan, an arrangement) is not the variables' to undo.
        if (result.Journal.Any(j => j.Kind == JournalKind.DecisionEvaluated))
        {
            if (Text(result.State.Variables, "priority") is { } p && TicketOptions.Priorities.Contains(p))
                Decided(ctx, ticket, "priority", ticket.Priority, p, v => ticket.Priority = v);
            if (Text(result.State.Variables, "group") is { Length: > 0 } g)
                Decided(ctx, ticket, "group", ticket.Group, g, v => ticket.Group = v);
        }
    }

    static string? Text(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static void Decided(StepContext ctx, Ticket ticket, string field, string old, string value, Action<string> set)
    {
        if (old == value)
            return;
        // While the ticket is being recorded there is no history to keep yet.
        if (ctx.Db.Entry(ticket).State != EntityState.Added)
            TicketService.Entry(ctx, ticket, TicketEntryKind.Change, field, old, value);
        set(value);
    }

    /// The instance the ticket was recorded with; during that first step the new ticket does not know its id yet.
    public static bool IsLifecycleOf(StepContext ctx, Ticket ticket, ProcessInstance instance) =>
        ticket.InstanceId == instance.Id || (ticket.InstanceId is null && ctx.Db.Entry(ticket).State == EntityState.Added);

    /// A solved result the supervisor confirms resolves the ticket. What people enter in task forms reaches the
    /// record through the fields the forms bind (TicketFields), not through variable names.
    static void Sync(StepContext ctx, Ticket ticket, IReadOnlyDictionary<string, JsonElement> variables)
    {
        if (ticket.Solved == true && ticket.ResolvedAt is null && variables.TryGetValue("confirmed", out var c) && c.ValueKind == JsonValueKind.True)
            ticket.ResolvedAt = ctx.Now;
    }
}

/// `sf:type="ticket-archive"`: the record becomes read-only (seed 000 §4.7).
internal sealed class TicketArchiveHandler : IServiceTaskHandler
{
    public string Type => "ticket-archive";
    public bool RunsInline => true;

    public async Task<IReadOnlyDictionary<string, JsonElement>?> ExecuteAsync(ServiceTaskContext context)
    {
        var ticket = await TicketService.FindInStepAsync(context.Step, context.Instance.BusinessKey);
        if (ticket is null || !TicketWorkflowObserver.IsLifecycleOf(context.Step, ticket, context.Instance))
            throw new InvalidOperationException($"Instance {context.Instance.Id} is not the lifecycle of a ticket {context.Instance.BusinessKey}; it archives nothing.");
        ticket.ArchivedAt = context.Step.Now;
        ticket.ResolvedAt ??= context.Step.Now;
        return null;
    }
}
