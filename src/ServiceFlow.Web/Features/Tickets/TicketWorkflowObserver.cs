using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Keeps a ticket in step with its lifecycle instance, inside the step's transaction: the status
/// follows the user task the process waits in, and what people enter in task forms (severity,
/// handler, plan, result…) lands in the record, each change kept in its history.
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
        // The priority matrix's result, only from the step that evaluated it: a priority changed on the ticket
        // later (an SLA replan) is not the variable's to undo.
        if (result.Journal.Any(j => j.Kind == JournalKind.DecisionEvaluated) && result.State.Variables.TryGetValue("priority", out var priority)
            && priority.ValueKind == JsonValueKind.String && priority.GetString() is { } p && TicketOptions.Priorities.Contains(p) && p != ticket.Priority)
        {
            if (ctx.Db.Entry(ticket).State != EntityState.Added)
                TicketService.Entry(ctx, ticket, TicketEntryKind.Change, "priority", ticket.Priority, p);
            ticket.Priority = p;
        }
    }

    /// The instance the ticket was recorded with; during that first step the new ticket does not know its id yet.
    public static bool IsLifecycleOf(StepContext ctx, Ticket ticket, ProcessInstance instance) =>
        ticket.InstanceId == instance.Id || (ticket.InstanceId is null && ctx.Db.Entry(ticket).State == EntityState.Added);

    static void Sync(StepContext ctx, Ticket ticket, IReadOnlyDictionary<string, JsonElement> variables)
    {
        Copy(ctx, ticket, variables, "severity", t => t.Severity, (t, v) => t.Severity = v);
        Copy(ctx, ticket, variables, "supervisor", t => t.Supervisor, (t, v) => t.Supervisor = v);
        Copy(ctx, ticket, variables, "handler", t => t.Handler, (t, v) => t.Handler = v);
        Copy(ctx, ticket, variables, "group", t => t.Group, (t, v) => t.Group = v ?? t.Group);
        Copy(ctx, ticket, variables, "plan", t => t.Plan, (t, v) => t.Plan = v);
        Copy(ctx, ticket, variables, "solution", t => t.Solution, (t, v) => t.Solution = v);
        Copy(ctx, ticket, variables, "recovery", t => t.Recovery, (t, v) => t.Recovery = v);
        Copy(ctx, ticket, variables, "solved", t => t.Solved?.ToString(), (t, v) => t.Solved = v is null ? null : bool.Parse(v));
        if (ticket.Solved == true && ticket.ResolvedAt is null && variables.TryGetValue("confirmed", out var c) && c.ValueKind == JsonValueKind.True)
            ticket.ResolvedAt = ctx.Now;
    }

    static void Copy(StepContext ctx, Ticket ticket, IReadOnlyDictionary<string, JsonElement> variables, string name,
        Func<Ticket, string?> get, Action<Ticket, string?> set)
    {
        if (!variables.TryGetValue(name, out var value))
            return;
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            _ => value.GetRawText(),
        };
        var old = get(ticket);
        if (string.Equals(old, text, StringComparison.Ordinal))
            return;
        set(ticket, text);
        // While the ticket is being recorded (the routing decision's group) there is no history to keep yet.
        if (ctx.Db.Entry(ticket).State != EntityState.Added)
            TicketService.Entry(ctx, ticket, TicketEntryKind.Change, name, old, text);
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
