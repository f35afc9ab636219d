using System.Security.Claims;
using System.Text.Json;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// What a task without a ticket is about, as the feature that owns it tells (the periodic review: its analysis and
/// period). The task page shows it in its facts instead of a ticket (`Term`: `Label`, linked by `Href` when the reader
/// may open it) and draws the feature's own card beside the form (`Partial` with `Model`), so the page needs no
/// knowledge of any one workflow.
internal sealed record TaskSubject(string Term, string Label, string? Href, string? Partial = null, object? Model = null);

/// One feature's reading of a task's subject; null when the task is not about anything it owns.
internal interface ITaskSubjects
{
    Task<TaskSubject?> FindAsync(ServiceFlowDbContext db, UserTask task, IReadOnlyDictionary<string, JsonElement> variables, ClaimsPrincipal user,
        CancellationToken ct);
}
