using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Localization;

namespace ServiceFlow.Web.Features.Inbox;

/// What a person needs beside a task's form, read from its ticket rather than from the form key (forms will
/// become data; the context stays): why it came back (the comment of the review that sent it back for
/// correction, or of the confirmation that returned the result), the plan, the result to confirm, the
/// customer's score and comment for a follow-up, and the latest comments on the ticket.
internal sealed record TaskContext(Ticket Ticket, TaskContext.Note? SentBack, IReadOnlyList<TaskContext.Note> Notes, Survey? Feedback)
{
    public const int NoteCount = 10;

    public sealed record Note(TicketEntry Entry, string? TaskName, Guid? TaskId);

    public static async Task<TaskContext> LoadAsync(ServiceFlowDbContext db, WorkflowText text, Ticket ticket, CancellationToken ct)
    {
        var comments = await db.TicketEntries.AsNoTracking().Where(e => e.TicketId == ticket.Id && e.Kind == TicketEntryKind.Comment)
            .OrderByDescending(e => e.Id).Take(NoteCount).ToListAsync(ct);
        var taskIds = comments.Select(e => Guid.TryParse(e.Detail, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().ToList();
        var tasks = taskIds.Count == 0 ? [] : await db.UserTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToListAsync(ct);
        var names = await text.TaskNamesAsync(db, tasks, ct);
        var notes = comments.Select(e => Guid.TryParse(e.Detail, out var id) && names.TryGetValue(id, out var name)
            ? new Note(e, name, id) : new Note(e, null, null)).ToList();
        // A decision that sent the work back explains the task it opened, for as long as the ticket waits there.
        var latestDecision = notes.FirstOrDefault(n => n.Entry.Extra is "return" or "accept" or "confirmed" or "rejected");
        var sentBack = latestDecision is { Entry.Extra: "return" } && ticket.Status == TicketStatus.Correction
            || latestDecision is { Entry.Extra: "rejected" } && ticket.Status is TicketStatus.InProgress or TicketStatus.WaitingForCustomer or TicketStatus.WaitingForVendor
            ? latestDecision : null;
        var feedback = await db.Surveys.AsNoTracking().Where(s => s.BusinessKey == ticket.Number && s.Status == SurveyStatus.Answered)
            .OrderByDescending(s => s.AnsweredAt).FirstOrDefaultAsync(ct);
        return new TaskContext(ticket, sentBack, notes, feedback);
    }
}
