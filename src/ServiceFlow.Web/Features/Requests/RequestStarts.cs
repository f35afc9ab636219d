using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Requests;

/// Starting a catalog request: what was entered is checked against the start form version the workflow
/// version pinned (the same FormValidator as every task), and the instance starts with the form's variables;
/// its files are kept with the instance in the start's own transaction.
internal sealed class RequestStarts(ProcessRunner runner, IOptions<AttachmentOptions> attachments, TimeProvider clock)
{
    public AttachmentOptions Attachments => attachments.Value;

    public async Task<FormCheck> CheckAsync(ServiceFlowDbContext db, FormSchema form, IReadOnlyDictionary<string, JsonElement> entered,
        IReadOnlyList<UploadedFile> files, ClaimsPrincipal user, CancellationToken ct) =>
        FormValidator.Check(form, FormUploads.Merge(form, entered, files), user.Identity?.Name,
            await FormGroups.MembersAsync(db, form, clock.GetUtcNow(), ct));

    /// Checks and starts; a refusal is a 400 naming every field it refuses.
    public async Task<ProcessRunner.Started> StartAsync(ServiceFlowDbContext db, CatalogEntry entry, FormSchema form,
        IReadOnlyDictionary<string, JsonElement> entered, IReadOnlyList<UploadedFile> files, ClaimsPrincipal user, CancellationToken ct)
    {
        var check = await CheckAsync(db, form, entered, files, user, ct);
        if (check.Errors.Count > 0)
            throw RuntimeProblem.BadRequest($"Request '{entry.Key}' cannot be made with these fields: {string.Join("; ", check.Errors.Select(e => e.Message))}.");
        return await StartCheckedAsync(entry, check, files, user, ct);
    }

    public Task<ProcessRunner.Started> StartCheckedAsync(CatalogEntry entry, FormCheck check, IReadOnlyList<UploadedFile> files, ClaimsPrincipal user,
        CancellationToken ct) =>
        runner.InTransactionAsync(user.Identity?.Name, async ctx =>
        {
            // The version that was checked, not whatever is latest a moment later.
            var started = await runner.StartInAsync(ctx, entry.Key, entry.Version, null, check.Variables, ct);
            await FormFiles.KeepAsync(ctx, started.Instance.Id, null, files, Attachments);
            return started;
        }, ct);
}
