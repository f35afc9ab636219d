using System.Text.Json;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// `sf:type="ticket-from-mail"` (used by `workflows/email-intake.bpmn`): a new customer mail becomes a
/// ticket with channel Email (seed 001 §3.1), in the same transaction as the intake step. The front
/// line completes classification in the review like any other ticket.
internal sealed class TicketFromMailHandler(IServiceProvider services) : IServiceTaskHandler
{
    public string Type => "ticket-from-mail";
    public bool RunsInline => true;

    public async Task<IReadOnlyDictionary<string, JsonElement>?> ExecuteAsync(ServiceTaskContext context)
    {
        string? Text(string name) => context.Variables.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var from = Text("from") ?? throw new InvalidOperationException("The intake mail has no sender ('from').");
        var subject = string.IsNullOrWhiteSpace(Text("subject")) ? "(no subject)" : Text("subject")!;
        // Resolved here, not injected: TicketService needs the runner, which needs every handler.
        var tickets = services.GetRequiredService<TicketService>();
        var ticket = await tickets.CreateInAsync(context.Step, new CreateTicketRequest(
            subject, string.IsNullOrWhiteSpace(Text("text")) ? subject : Text("text"),
            context.Property("serviceType") ?? "consultation", context.Property("serviceObject") ?? from,
            context.Step.Now, Channel.Email, context.Property("priority") ?? "P3",
            null, null, null, null, null, null, null, null,
            Text("fromName"), from, null), CancellationToken.None);
        return new Dictionary<string, JsonElement> { ["ticketNumber"] = JsonSerializer.SerializeToElement(ticket.Number) };
    }
}
