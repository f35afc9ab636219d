using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// One task with the form version its `sf:formKey` names (Features/Forms); completing it moves the process on. Beside the form, the
/// context its ticket gives (TaskContext) and pickers of real, eligible people (TaskCandidates).
[UploadLimit]
internal sealed class TaskModel(ServiceFlowDbContext db, ProcessRunner runner, SlaTasks sla, WorkflowText workflowText, TaskForms forms, TimeProvider clock,
    IEnumerable<ITaskSubjects> subjects) : PageModel
{
    public UserTask Task { get; private set; } = null!;
    public string DisplayName { get; private set; } = "";
    public TaskContext? Context { get; private set; }
    /// What a task without a ticket is about (ITaskSubjects), e.g. the analysis a periodic review's task works on.
    public TaskSubject? Subject { get; private set; }
    public IReadOnlyList<Person> Assignees { get; private set; } = [];
    public IReadOnlyList<Person>? Handlers { get; private set; }
    public TaskFormView? Form { get; private set; }
    /// What the form-js viewer posted (Features/Forms/FormView), shown again when the post is refused.
    public IReadOnlyDictionary<string, JsonElement>? Entered { get; private set; }
    /// What was asked when the instance was started from the request catalog (a request without a ticket).
    public Requests.RequestAnswers? Asked { get; private set; }
    IReadOnlyList<FieldError> fieldErrors = [];

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
        var variables = Variables.Deserialize(await db.ProcessInstances.Where(i => i.Id == task.InstanceId).Select(i => i.Variables).SingleOrDefaultAsync(ct) ?? "{}");
        if (task.BusinessKey is null)
        {
            foreach (var subject in subjects)
                Subject ??= await subject.FindAsync(db, task, variables, User, ct);
        }
        if (CanWork && await forms.OfAsync(db, task, ct) is { } form)
        {
            Form = new TaskFormView(form.Schema, TaskForms.Values(form.Schema, Ticket, variables), fieldErrors, CultureInfo.CurrentUICulture)
            { Handlers = Handlers, Members = await FormGroups.MembersAsync(db, form.Schema, now, ct) };
        }
        if (task is { BusinessKey: null, InstanceId: { } instanceId })
            Asked = await HttpContext.RequestServices.GetRequiredService<Requests.RequestCatalog>().AnswersAsync(db, instanceId, ct);
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct)
    {
        var form = Request.Form;
        if (await SlaTasks.IsSlaTaskAsync(db, id, ct))
        {
            // The comment form's viewer posts its values as JSON; without scripts the textarea posts `comment`.
            var comment = FormView.Entered(form, out _) is { } values && values.TryGetValue("comment", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()! : form["comment"].ToString();
            return await RunAsync(id, () => sla.CompleteAsync(id, comment, User, ct), ct, done: true);
        }
        // The fields of the form version the task declares (not of whatever form the post names). A refusal is
        // shown on its field before the round trip to the runner, which checks the same again in its step.
        var task = await db.UserTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
            return NotFound();
        var schema = (await forms.OfAsync(db, task, ct))?.Schema;
        // The form-js viewer posts its values as JSON (its files as parts named by their keys); without scripts the
        // server-rendered fields are posted.
        Entered = FormView.Entered(form, out var malformed);
        if (schema is not null && malformed is not null)
        {
            Error = HttpContext.Localize(RuntimeProblem.BadRequest(malformed));
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        var variables = schema is null ? CommentOf(form) : Entered is { } entered ? new Dictionary<string, JsonElement>(entered) : TaskFormView.FromPost(schema, form);
        IReadOnlyList<UploadedFile> files = [];
        var withFiles = variables;
        try
        {
            if (schema is not null)
            {
                files = await FormUploads.ReadAsync(form, schema, forms.Attachments, ct);
                withFiles = FormUploads.Merge(schema, variables, files);
            }
        }
        catch (RuntimeProblem problem)
        {
            Error = HttpContext.Localize(problem);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        if (schema is not null && FormValidator.Check(schema, withFiles, User.Identity?.Name,
                await FormGroups.MembersAsync(db, schema, clock.GetUtcNow(), ct)).Errors is { Count: > 0 } errors)
        {
            fieldErrors = errors;
            Error = HttpContext.Localize(RuntimeProblem.BadRequest($"Check the fields marked below."));
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        return await RunAsync(id, () => runner.CompleteTaskAsync(id, variables, User, forms.ApplyWith(files), ct), ct, done: true);
    }

    static Dictionary<string, JsonElement> CommentOf(IFormCollection form) =>
        form["comment"].ToString() is { Length: > 0 } comment ? new() { ["comment"] = JsonSerializer.SerializeToElement(comment) } : [];

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
