using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// A task's form is the form version its workflow version pinned (Features/Forms): the page shows it, and
/// every completion — page or API — is checked against it in the completion's transaction. A task without a
/// form key passes what it is given (within the request limits); one naming a form ServiceFlow does not have
/// (another product's `embedded:…`) gets a comment box.
internal sealed class TaskForms(FormStore forms, Microsoft.Extensions.Options.IOptions<AttachmentOptions> attachments)
{
    public AttachmentOptions Attachments => attachments.Value;

    static readonly FormSchema CommentOnly = FormSchema.Parse("comment",
        """
        { "id": "comment", "type": "default", "components": [ { "type": "textarea", "key": "comment", "label": "Comment", "validate": { "maxLength": 4000 } } ],
          "translations": { "zh-CN": { "Comment": "备注" } } }
        """);

    public async Task<(FormSchema Schema, int? Version)?> OfAsync(ServiceFlowDbContext db, UserTask task, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(task.FormKey))
            return null;
        if (!FormStore.IsOurs(task.FormKey) || task.InstanceId is not { } instanceId) // an escalation task has no process, nor its forms
            return (CommentOnly, null);
        // The runner has the instance in its change tracker already; the page asks the database.
        var definitionId = db.Tracked<ProcessInstance>().FirstOrDefault(e => e.Entity.Id == instanceId)?.Entity.DefinitionId
            ?? await db.ProcessInstances.Where(i => i.Id == instanceId).Select(i => i.DefinitionId).SingleOrDefaultAsync(ct);
        return await forms.ForAsync(db, definitionId, task.FormKey, ct) is { } found ? (found.Schema, found.Version) : (CommentOnly, null);
    }

    /// The runner's check: what was entered, refused (400 naming the fields) or turned into the form's variables;
    /// fields bound to the ticket are written to it here, in the same step, with their history.
    public TaskForm Apply => ApplyWith([]);

    /// Apply with the files entered in the form's file fields: they are kept (FormFiles) only when the
    /// completion is accepted, in its transaction, so a refused or repeated completion keeps none.
    public TaskForm ApplyWith(IReadOnlyList<UploadedFile> files) => async (ctx, task, entered, user) =>
    {
        if (await OfAsync(ctx.Db, task, default) is not { } form)
            return files.Count > 0 ? throw RuntimeProblem.BadRequest($"Task '{task.Name}' has no file field; send no files.") : entered;
        entered = FormUploads.Merge(form.Schema, entered, files);
        var members = await FormGroups.MembersAsync(ctx.Db, form.Schema, ctx.Now, default);
        var check = FormValidator.Check(form.Schema, entered, user.Identity?.Name, members);
        if (check.Errors.Count > 0)
            throw RuntimeProblem.BadRequest($"Task '{task.Name}' cannot be completed with these fields: {string.Join("; ", check.Errors.Select(e => e.Message))}.");
        if (check.Bound.Count > 0)
            await TicketFields.WriteAsync(ctx, task, check.Bound);
        if (files.Count > 0) // kept with the task's instance (FormFiles): an escalation task has none
            await FormFiles.KeepAsync(ctx, task.InstanceId ?? throw RuntimeProblem.BadRequest($"Task '{task.Name}' belongs to no process; send no files."),
                task.BusinessKey, files, Attachments);
        return check.Variables;
    };

    /// What the page shows in the fields: bound fields from the record, prefilled fields from the instance's variables
    /// (FormPrefill), the rest from the form's defaults.
    public static Dictionary<string, JsonElement> Values(FormSchema form, Ticket? ticket, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var values = FormPrefill.Values(form, variables);
        foreach (var field in form.Fields)
        {
            // A decision or comment of an earlier pass (the review after a correction) starts from the form's
            // default again, not from what was chosen last time, unless its field asks for a prefill.
            if (field.Binding is { } binding && ticket is not null && TicketFields.Read(ticket, binding) is { } current)
                values[field.Key] = current;
        }
        return values;
    }
}
