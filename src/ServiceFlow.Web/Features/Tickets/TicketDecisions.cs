using ServiceFlow.Web.Data;
using System.Text.Json;
using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Priority and group come from decisions (decisions/priority-matrix.dmn, decisions/routing.dmn), evaluated by
/// the lifecycle's business rule tasks in its first step. A ticket closed at once runs no lifecycle, so the same
/// decisions, the versions the latest lifecycle pinned, are evaluated here for it.
internal sealed class TicketDecisions(DefinitionStore definitions, IWorkflowDecisions decisions)
{
    public const string PriorityMatrix = "priority-matrix";
    public const string Routing = "routing";

    public async Task DecideAsync(StepContext ctx, Ticket ticket, CancellationToken ct)
    {
        var latest = await definitions.LatestAsync(ctx.Db, TicketOptions.WorkflowKey, ct)
            ?? throw RuntimeProblem.Conflict($"The workflow '{TicketOptions.WorkflowKey}' is not published, so the priority and group of a ticket cannot be decided.");
        var registry = await decisions.ForAsync(latest.Id, await definitions.GetAsync(latest.Id, ct), ct);
        // A lifecycle version without business rule tasks pinned no tables: the newest published ones decide.
        if (registry.Find(PriorityMatrix) is null || registry.Find(Routing) is null)
            registry = await decisions.LatestAsync(ct);
        if (ticket.Priority.Length == 0)
            ticket.Priority = Decide(registry, PriorityMatrix, new() { ["impact"] = Json(ticket.Impact), ["urgency"] = Json(ticket.Urgency) });
        ticket.Group = Decide(registry, Routing, new() { ["serviceType"] = Json(ticket.ServiceType), ["priority"] = Json(ticket.Priority) });
    }

    static string Decide(DecisionRegistry registry, string decisionId, Dictionary<string, JsonElement> variables)
    {
        var deployed = registry.Find(decisionId)
            ?? throw RuntimeProblem.Conflict($"The decision '{decisionId}' is not deployed with the '{TicketOptions.WorkflowKey}' workflow; ask a process owner to publish it.");
        var outcome = DecisionEvaluator.Evaluate(deployed.Document, decisionId, variables);
        if (!outcome.Succeeded)
            throw RuntimeProblem.BadRequest(Refused(decisionId, outcome.Error!));
        // One matched rule with one output, as the lifecycle's singleEntry mapping takes it (or the table's default output).
        var value = outcome.RuleResults is [{ Count: 1 } only] ? only.Values.Single() : outcome.Value;
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
            throw RuntimeProblem.BadRequest(Refused(decisionId, $"no single rule gave a value for {string.Join(", ", variables.Select(v => $"{v.Key} = {v.Value.GetRawText()}"))}"));
        return text;
    }

    /// Why the lifecycle's first step left the priority or group undecided (its incident), for the person
    /// recording; null when it raised none (the lifecycle version has no business rule tasks).
    public static string? Undecided(StepContext ctx, Ticket ticket)
    {
        var incident = ctx.Db.Tracked<IncidentRecord>().Select(e => e.Entity).LastOrDefault(i => i.InstanceId == ticket.InstanceId);
        return incident is null ? null : Refused(ticket.Priority.Length == 0 ? PriorityMatrix : Routing, incident.Message);
    }

    static string Refused(string decisionId, string why) => decisionId == PriorityMatrix
        ? $"The priority could not be decided from impact and urgency ({why}). Choose a priority yourself, or ask a process owner to correct the priority matrix."
        : $"The handling group could not be decided ({why}). Ask a process owner to correct the routing table.";

    static JsonElement Json(string? value) => JsonSerializer.SerializeToElement(value);
}
