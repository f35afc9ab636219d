using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Everything about one record: all fields, the timeline (history, steps, communications,
/// escalations, the process journal) and the diagram with the current step highlighted.
internal sealed class DetailModel(ServiceFlowDbContext db, TicketService tickets, TicketEvents events, TicketAttachments attachments, WorkflowText workflowText) : PageModel
{
    /// Names of the tasks the timeline's comments were written in, in the reader's language.
    public IReadOnlyDictionary<Guid, string> TaskNames { get; private set; } = new Dictionary<Guid, string>();
    public Ticket Ticket { get; private set; } = null!;
    public IReadOnlyList<TicketEntry> Entries { get; private set; } = [];
    public IReadOnlyList<JournalRecord> Journal { get; private set; } = [];
    public string? DiagramXml { get; private set; }
    public IReadOnlyList<string> ActiveNodes { get; private set; } = [];
    public IReadOnlyList<string> CompletedNodes { get; private set; } = [];
    public bool CanWrite { get; private set; }
    /// Escalation is offered while the ticket is arranged or handled and a higher tier is left (TicketEscalation).
    public bool CanEscalate => CanWrite && Ticket.Tier != Tier.Vendor
        && Ticket.Status is TicketStatus.Arranging or TicketStatus.InProgress or TicketStatus.WaitingForCustomer;
    public IReadOnlyList<AttachmentDto> Attachments { get; private set; } = [];
    /// A user who could change the record if it were not archived or closed: told why the upload is missing.
    public bool ReadOnlyForWriter { get; private set; }
    public AttachmentOptions AttachmentRules => attachments.Options;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct) => await LoadAsync(number, ct) ? Page() : NotFound();

    async Task<bool> LoadAsync(string number, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Number == number, ct);
        if (ticket is null || !TicketAccess.CanRead(ticket, User))
            return false;
        Ticket = ticket;
        CanWrite = !ticket.IsReadOnly && TicketAccess.CanWrite(ticket, User);
        ReadOnlyForWriter = ticket.IsReadOnly && TicketAccess.CanWrite(ticket, User);
        Attachments = await TicketAttachments.ListAsync(db, ticket.Id, ct);
        Entries = await db.TicketEntries.AsNoTracking().Where(e => e.TicketId == ticket.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var commentTasks = TimelineText.CommentTasks(Entries);
        if (commentTasks.Count > 0)
            TaskNames = await workflowText.TaskNamesAsync(db, await db.UserTasks.AsNoTracking().Where(t => commentTasks.Contains(t.Id)).ToListAsync(ct), ct);
        if (ticket.InstanceId is { } instanceId)
        {
            var instance = await db.ProcessInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId, ct);
            DiagramXml = workflowText.ViewerXml(instance.DefinitionId,
                await db.WorkflowDefinitions.Where(d => d.Id == instance.DefinitionId).Select(d => d.Xml).SingleAsync(ct));
            Journal = await JournalRows.ReadAsync(db, instanceId, ct: ct);
            ActiveNodes = InstanceStateJson.Deserialize(instance.State).Tokens.Select(t => t.NodeId).Distinct().ToList();
            CompletedNodes = Journal.Where(j => j.Kind == nameof(JournalKind.NodeLeft) && j.NodeId != null).Select(j => j.NodeId!).Distinct().ToList();
        }
        return true;
    }

    public Task<IActionResult> OnPostStepAsync(string number, string action, string? tool, bool blocker, CancellationToken ct) =>
        ChangeAsync(number, (ctx, t) => TicketService.Entry(ctx, t, blocker ? TicketEntryKind.Blocker : TicketEntryKind.Step, action, tool), ct);

    public Task<IActionResult> OnPostCommunicationAsync(string number, string channel, string counterpart, string outcome, CancellationToken ct) =>
        ChangeAsync(number, (ctx, t) => events.CommunicationAsync(ctx, t, new CommunicationRequest(channel, counterpart, outcome, null)), ct);

    public async Task<IActionResult> OnPostEscalateAsync(string number, Tier to, string reason, string? vendor, string? vendorReference, CancellationToken ct)
    {
        try
        {
            await TicketEscalation.EscalateAsync(tickets, events, number, new EscalateRequest(to, reason, vendor, vendorReference, null), User, ct);
            return Redirect($"/tickets/{number}");
        }
        catch (RuntimeProblem problem)
        {
            Error = HttpContext.Localize(problem);
            return await LoadAsync(number, ct) ? Page() : NotFound();
        }
    }

    public Task<IActionResult> OnPostAttachAsync(string number, IFormFile? file, CancellationToken ct) =>
        RunAsync(number, async () =>
        {
            if (file is null)
                throw RuntimeProblem.BadRequest("Choose a file to attach.");
            if (file.Length > attachments.Options.MaxBytes)
                throw AttachmentPolicy.TooLarge(attachments.Options, $"'{AttachmentPolicy.CleanFileName(file.FileName)}' is {AttachmentPolicy.Format(file.Length)}");
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            await attachments.AddAsync(number, file.FileName, file.ContentType, buffer.ToArray(), User, ct);
        }, ct);

    public Task<IActionResult> OnPostRemoveAttachmentAsync(string number, Guid attachmentId, CancellationToken ct) =>
        RunAsync(number, () => attachments.RemoveAsync(number, attachmentId, User, ct), ct);

    Task<IActionResult> ChangeAsync(string number, Action<StepContext, Ticket> change, CancellationToken ct) =>
        RunAsync(number, () => tickets.ChangeAsync(number, User, change, ct), ct);

    Task<IActionResult> ChangeAsync(string number, Func<StepContext, Ticket, Task> change, CancellationToken ct) =>
        RunAsync(number, () => tickets.ChangeAsync(number, User, change, ct), ct);

    async Task<IActionResult> RunAsync(string number, Func<Task> change, CancellationToken ct)
    {
        try
        {
            await change();
            return Redirect($"/tickets/{number}");
        }
        catch (RuntimeProblem problem)
        {
            Error = HttpContext.Localize(problem);
            return await LoadAsync(number, ct) ? Page() : NotFound();
        }
    }
}
