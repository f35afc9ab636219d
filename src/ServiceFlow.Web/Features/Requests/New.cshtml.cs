using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Features.Inbox;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Requests;

/// `/requests/new`: the requests the person may make, by category; with `?key=` the chosen request's start form,
/// drawn by the same partial and view model as a task's form, and checked by the same validator.
[Authorize(Policy = Policies.Staff)]
[UploadLimit]
internal sealed class NewModel(ServiceFlowDbContext db, RequestCatalog catalog, RequestStarts starts, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CatalogEntry> Entries { get; private set; } = [];
    public CatalogEntry? Chosen { get; private set; }
    public TaskFormView? Form { get; private set; }
    /// What the form-js viewer posted, shown again when the request is refused: nothing typed is lost.
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Entered { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? key, CancellationToken ct) => await LoadAsync(key, [], ct);

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        try
        {
            var entry = await catalog.FindAsync(db, key, User, CultureInfo.CurrentUICulture, ct);
            var form = await catalog.FormAsync(db, entry, ct);
            // The form-js viewer posts its values as JSON (files as parts named by their keys); without scripts the
            // server-rendered fields are posted.
            Entered = FormView.Entered(Request.Form, out var malformed);
            if (malformed is not null)
                throw RuntimeProblem.BadRequest(malformed);
            var entered = Entered is { } posted ? new Dictionary<string, System.Text.Json.JsonElement>(posted) : TaskFormView.FromPost(form, Request.Form);
            var files = await FormUploads.ReadAsync(Request.Form, form, starts.Attachments, ct);
            var check = await starts.CheckAsync(db, form, entered, files, User, ct);
            if (check.Errors.Count > 0)
            {
                Error = HttpContext.Localize(RuntimeProblem.BadRequest($"Check the fields marked below."));
                return await LoadAsync(key, check.Errors, ct);
            }
            var started = await starts.StartCheckedAsync(entry, check, files, User, ct);
            return Redirect($"/requests?started={started.Instance.Id}");
        }
        catch (RuntimeProblem problem) when (problem.Status != StatusCodes.Status403Forbidden)
        {
            Error = HttpContext.Localize(problem);
            return await LoadAsync(key, [], ct);
        }
    }

    async Task<IActionResult> LoadAsync(string? key, IReadOnlyList<FieldError> errors, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (string.IsNullOrEmpty(key))
        {
            Entries = await catalog.ListAsync(db, User, culture, ct);
            return Page();
        }
        try
        {
            Chosen = await catalog.FindAsync(db, key, User, culture, ct);
        }
        catch (RuntimeProblem problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (RuntimeProblem problem) when (problem.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }
        var form = await catalog.FormAsync(db, Chosen, ct);
        Form = new TaskFormView(form, new Dictionary<string, System.Text.Json.JsonElement>(), errors, culture)
        { Members = await FormGroups.MembersAsync(db, form, clock.GetUtcNow(), ct) };
        return Page();
    }
}
