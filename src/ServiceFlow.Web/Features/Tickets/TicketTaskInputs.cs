using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// What a person enters to complete a task of a ticket's workflows, checked and kept in the completion's own
/// step: the comment lands on the ticket's timeline (who, when, which task, the decision it went with), a
/// review that sends the record back or a confirmation that returns the result must say why, a result reported
/// as solved must say how, and the handler
/// named in the plan must be someone who can handle the ticket (TicketHandlers) — a typo is refused, not
/// written to the record and mailed to the customer. Works on the command, whatever form or client sent it.
internal sealed class TicketTaskInputs(IOptions<SurveyOptions> surveys) : IStepObserver
{
    public async Task OnStepAsync(StepContext ctx, ProcessInstance instance, StepResult result)
    {
        if (ctx.Command is not CompleteUserTask done || done.Variables is not { Count: > 0 } entered || result.Ignored || instance.BusinessKey is null)
            return;
        var lifecycle = instance.WorkflowKey == TicketOptions.WorkflowKey;
        if (!lifecycle && instance.WorkflowKey != surveys.Value.WorkflowKey)
            return;
        var ticket = await TicketService.FindInStepAsync(ctx, instance.BusinessKey);
        // Only the ticket's own lifecycle, or the callback survey started for it, writes to its record.
        if (ticket is null || (lifecycle && ticket.InstanceId != instance.Id))
            return;
        if (lifecycle && entered.TryGetValue("handler", out var handler))
            await CheckHandlerAsync(ctx, ticket, handler);
        // A result reported as solved says how: the supervisor confirms it and the customer reads it in the resolution mail.
        if (lifecycle && entered.TryGetValue("solved", out var solved) && solved.ValueKind == JsonValueKind.True
            && Text(entered, "solution") is null && string.IsNullOrWhiteSpace(ticket.Solution))
            throw RuntimeProblem.BadRequest($"Say how ticket {ticket.Number} was solved: the supervisor confirms your solution and the customer reads it in the mail that tells them.");

        var comment = Text(entered, "comment");
        var outcome = Text(entered, "decision") ?? (entered.TryGetValue("confirmed", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? c.ValueKind == JsonValueKind.True ? "confirmed" : "rejected" : null);
        if (comment is null && outcome is "return")
            throw RuntimeProblem.BadRequest($"Say why ticket {ticket.Number} goes back for correction: the reporter sees your comment on the correction task.");
        if (comment is null && outcome is "rejected")
            throw RuntimeProblem.BadRequest($"Say why the result of ticket {ticket.Number} goes back to the handler: they see your comment on their task.");
        if (comment is null)
            return;
        var taskId = await ctx.Db.UserTasks.Where(t => t.InstanceId == instance.Id && t.EngineTaskId == done.TaskId).Select(t => t.Id).FirstAsync();
        TicketService.Entry(ctx, ticket, TicketEntryKind.Comment, comment, taskId.ToString(), outcome);
    }

    static async Task CheckHandlerAsync(StepContext ctx, Ticket ticket, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            throw RuntimeProblem.BadRequest($"handler must be the user name of the person who handles ticket {ticket.Number}.");
        if (await TicketHandlers.RefusalAsync(ctx.Db, ticket, value.GetString()!.Trim(), ctx.Now, default) is { } refusal)
            throw RuntimeProblem.BadRequest(refusal);
    }

    static string? Text(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()?.Trim() is { Length: > 0 } s ? s : null;
}
