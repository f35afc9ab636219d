using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tasks;

/// One task with the form its `sf:formKey` names; completing it moves the process on. Beside the form, the
/// context its ticket gives (TaskContext) and pickers of real, eligible people (TaskCandidates).
internal sealed class TaskModel(ServiceFlowDbContext db, ProcessRunner runner, SlaTasks sla, WorkflowText workflowText, TimeProvider clock) : PageModel
{
    public UserTask Task { get; private set; } = null!;
    public string DisplayName { get; private set; } = "";
    public TaskContext? Context { get; private set; }
    public IReadOnlyList<Person> Assignees { get; private set; } = [];
    public IReadOnlyList<Person>? Handlers { get; private set; }

    /// What the person typed, when a refused form comes back: nothing they wrote is lost.
    public string? Posted(string field) =>
        Request.HasFormContentType && Request.Form.TryGetValue(field, out var value) && value.ToString().Length > 0 ? value.ToString() : null;
    public Ticket? Ticket { get; private set; }
    public string? Error { get; private set; }
    public bool CanWork { get; private set; }
    public bool CanReassign => TaskAccess.IsManager(User);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var task = await db.UserTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || !TaskAccess.CanSee(task, User))
            return false;
        Task = task;
        CanWork = task.Status == UserTaskStatus.Open && TaskAccess.CanWork(task, User);
        var ticket = task.BusinessKey is null ? null : await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Number == task.BusinessKey, ct);
        Ticket = ticket is not null && TicketAccess.CanRead(ticket, User) ? ticket : null;
        await LoadDeskAsync(task, ct);
        return true;
    }

    async Task LoadDeskAsync(UserTask task, CancellationToken ct)
    {
        DisplayName = (await workflowText.TaskNamesAsync(db, [task], ct))[task.Id];
        if (Ticket is { } ticket && TicketAccess.CanRead(ticket, User))
            Context = await TaskContext.LoadAsync(db, workflowText, ticket, ct);
        var now = clock.GetUtcNow();
        if (task.Status == UserTaskStatus.Open && CanReassign)
            Assignees = await TaskCandidates.AssigneesAsync(db, task, now, ct);
        if (CanWork)
            Handlers = await TaskCandidates.HandlersAsync(db, task, User, now, ct);
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct)
    {
        var form = Request.Form;
        if (await SlaTasks.IsSlaTaskAsync(db, id, ct))
            return await RunAsync(id, () => sla.CompleteAsync(id, form["comment"].ToString(), User, ct), ct, done: true);
        // The fields of the form the task declares (not of whatever form the post names): the runner checks them again.
        var formKey = await db.UserTasks.Where(t => t.Id == id).Select(t => t.FormKey).SingleOrDefaultAsync(ct);
        var variables = TaskForms.FromForm(formKey, form);
        return await RunAsync(id, () => runner.CompleteTaskAsync(id, variables, User, TaskForms.Apply, ct), ct, done: true);
    }

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct) => RunAsync(id, () => runner.ClaimAsync(id, User, ct: ct), ct);

    public Task<IActionResult> OnPostReleaseAsync(Guid id, CancellationToken ct) => RunAsync(id, () => runner.UnclaimAsync(id, User, ct), ct);

    public Task<IActionResult> OnPostAssignAsync(Guid id, string userName, [FromServices] TaskAssignees assignees, CancellationToken ct) =>
        RunAsync(id, async () => await runner.ClaimAsync(id, User, await assignees.FindAsync(userName), ct), ct);

    async Task<IActionResult> RunAsync(Guid id, Func<Task> action, CancellationToken ct, bool done = false)
    {
        try
        {
            await action();
            return done ? Redirect("/inbox") : RedirectToPage(new { id });
        }
        catch (RuntimeProblem problem)
        {
            Error = HttpContext.Localize(problem);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }
}
