using System.Globalization;
using System.Text.Json;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// The fields of the exception record a task form may bind to (`"properties": { "binding": "ticket.description" }`,
/// docs/forms.md): completing the task writes them to the record, each change kept in its history (who,
/// when, old → new). Fields the desk keeps for itself (number, status, reporter, customer mail address, the
/// lifecycle's dates) are not in the list: a form cannot change them.
internal static class TicketFields
{
    sealed record Field(Func<Ticket, string?> Get, Action<Ticket, string?> Set, bool Required = false);

    static readonly Dictionary<string, Field> Fields = new(StringComparer.Ordinal)
    {
        ["title"] = new(t => t.Title, (t, v) => t.Title = v ?? t.Title, Required: true),
        ["description"] = new(t => t.Description, (t, v) => t.Description = v ?? t.Description, Required: true),
        ["serviceType"] = new(t => t.ServiceType, (t, v) => t.ServiceType = v ?? t.ServiceType, Required: true),
        ["serviceObject"] = new(t => t.ServiceObject, (t, v) => t.ServiceObject = v ?? t.ServiceObject, Required: true),
        ["severity"] = new(t => t.Severity, (t, v) => t.Severity = v),
        ["initialJudgement"] = new(t => t.InitialJudgement, (t, v) => t.InitialJudgement = v),
        ["impactQualitative"] = new(t => t.ImpactQualitative, (t, v) => t.ImpactQualitative = v),
        ["impactQuantitative"] = new(t => t.ImpactQuantitative, (t, v) => t.ImpactQuantitative = v),
        ["affectedCustomers"] = new(t => t.AffectedCustomers?.ToString(CultureInfo.InvariantCulture),
            (t, v) => t.AffectedCustomers = v is null ? null : (int)double.Parse(v, CultureInfo.InvariantCulture)),
        ["company"] = new(t => t.Company, (t, v) => t.Company = v),
        ["department"] = new(t => t.Department, (t, v) => t.Department = v),
        ["office"] = new(t => t.Office, (t, v) => t.Office = v),
        ["customerName"] = new(t => t.CustomerName, (t, v) => t.CustomerName = v),
        ["customerType"] = new(t => t.CustomerType, (t, v) => t.CustomerType = v),
        ["supervisor"] = new(t => t.Supervisor, (t, v) => t.Supervisor = v),
        ["handler"] = new(t => t.Handler, (t, v) => t.Handler = v),
        ["plan"] = new(t => t.Plan, (t, v) => t.Plan = v),
        ["solved"] = new(t => t.Solved?.ToString(), (t, v) => t.Solved = v is null ? null : bool.Parse(v)),
        ["solution"] = new(t => t.Solution, (t, v) => t.Solution = v),
        ["recovery"] = new(t => t.Recovery, (t, v) => t.Recovery = v),
        ["causePeople"] = new(t => t.CausePeople, (t, v) => t.CausePeople = v),
        ["causeProcess"] = new(t => t.CauseProcess, (t, v) => t.CauseProcess = v),
        ["causeTechnology"] = new(t => t.CauseTechnology, (t, v) => t.CauseTechnology = v),
        ["causeEnvironment"] = new(t => t.CauseEnvironment, (t, v) => t.CauseEnvironment = v),
        ["proposals"] = new(t => t.Proposals, (t, v) => t.Proposals = v),
        ["lessons"] = new(t => t.Lessons, (t, v) => t.Lessons = v),
    };

    public const string Prefix = "ticket.";

    public static IEnumerable<string> Bindable => Fields.Keys.Select(k => Prefix + k);

    public static bool IsBindable(string binding) => binding.StartsWith(Prefix, StringComparison.Ordinal) && Fields.ContainsKey(binding[Prefix.Length..]);

    /// The record's current value of a bound field, as the form shows it (null when empty or not bindable).
    public static JsonElement? Read(Ticket ticket, string binding)
    {
        if (!IsBindable(binding))
            return null;
        var name = binding[Prefix.Length..];
        return name switch
        {
            "solved" => ticket.Solved is { } b ? JsonSerializer.SerializeToElement(b) : null,
            "affectedCustomers" => ticket.AffectedCustomers is { } n ? JsonSerializer.SerializeToElement(n) : null,
            _ => Fields[name].Get(ticket) is { } text ? JsonSerializer.SerializeToElement(text) : null,
        };
    }

    /// Writes what a completed form binds to the ticket in the completion's step, with a history entry per change.
    /// Only the ticket's own lifecycle writes to it: a task of another process carrying its number as business key is refused.
    public static async Task WriteAsync(StepContext ctx, UserTask task, IReadOnlyList<(string Binding, JsonElement Value)> values)
    {
        if (values.Count == 0)
            return;
        var ticket = await TicketService.FindInStepAsync(ctx, task.BusinessKey);
        if (ticket is null || ticket.InstanceId != task.InstanceId)
            throw RuntimeProblem.BadRequest($"The form of task '{task.Name}' writes to a ticket's record, but the task is not part of a ticket's lifecycle.");
        if (ticket.IsReadOnly)
            throw RuntimeProblem.Conflict($"Ticket {ticket.Number} is archived; its record can no longer be changed.");
        foreach (var (binding, value) in values)
        {
            var name = binding[Prefix.Length..];
            var field = Fields[name];
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "True",
                JsonValueKind.False => "False",
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            };
            if (field.Required && string.IsNullOrWhiteSpace(text))
                throw RuntimeProblem.BadRequest($"{name} of ticket {ticket.Number} cannot be emptied.");
            var old = field.Get(ticket);
            if (string.Equals(old, text, StringComparison.Ordinal))
                continue;
            field.Set(ticket, text);
            TicketService.Entry(ctx, ticket, TicketEntryKind.Change, name, old, text);
        }
    }
}
