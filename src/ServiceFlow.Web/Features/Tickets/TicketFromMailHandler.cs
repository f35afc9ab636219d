using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Email;
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
        // A customer's mail is never refused for its length: the record keeps what fits its limits.
        var subject = Fit(string.IsNullOrWhiteSpace(Text("subject")) ? "(no subject)" : Text("subject")!, TextLimits.Name);
        // Resolved here, not injected: TicketService needs the runner, which needs every handler.
        var tickets = services.GetRequiredService<TicketService>();
        // The customer wrote in this language, so replies and later mail use it too.
        var language = TicketLanguage.Guess($"{Text("subject")}\n{Text("text")}")
            ?? TicketLanguage.Normalize(services.GetRequiredService<IOptions<EmailOptions>>().Value.DefaultCulture);
        var ticket = await tickets.CreateInAsync(context.Step, new CreateTicketRequest(
            subject, string.IsNullOrWhiteSpace(Text("text")) ? subject : Fit(Text("text")!, TextLimits.LongText),
            context.Property("serviceType") ?? "consultation", context.Property("serviceObject") ?? from,
            context.Step.Now, Channel.Email, context.Property("priority") ?? "P3",
            null, null, null, null, null, null, null, null,
            Text("fromName"), from, language, Language: language), CancellationToken.None);
        await KeepMailAttachmentsAsync(context, ticket);
        return new Dictionary<string, JsonElement> { ["ticketNumber"] = JsonSerializer.SerializeToElement(ticket.Number) };
    }

    static string Fit(string text, int limit) => text.Length <= limit ? text : text[..limit];

    /// The customer's screenshots and reports become the ticket's attachments; a file the policy
    /// refuses (too large, a program, over the count) stays with the stored mail and the timeline says so.
    async Task KeepMailAttachmentsAsync(ServiceTaskContext context, Ticket ticket)
    {
        if (!context.Variables.TryGetValue("inboundMailId", out var v) || !v.TryGetGuid(out var mailId))
            return;
        var db = context.Step.Db;
        // The mail is stored in this very transaction, so it is in the change tracker, not yet in the table.
        var mail = db.ChangeTracker.Entries<InboundMailRecord>().Select(e => e.Entity).FirstOrDefault(m => m.Id == mailId)
            ?? await db.InboundMails.Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == mailId);
        var rules = services.GetRequiredService<IOptions<AttachmentOptions>>().Value;
        var kept = 0;
        foreach (var file in mail?.Attachments ?? [])
        {
            var name = AttachmentPolicy.CleanFileName(file.FileName);
            if (AttachmentPolicy.Refusal(rules, name, file.Content.LongLength, kept) is { } refusal)
            {
                TicketService.Entry(context.Step, ticket, TicketEntryKind.Step, $"Mail attachment not kept: {refusal.Message}", "mail intake");
                continue;
            }
            TicketAttachments.Add(context.Step, ticket, name, file.ContentType, file.Content);
            kept++;
        }
    }
}
