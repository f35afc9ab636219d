using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Runtime;
using static ServiceFlow.Web.Features.Designer.WorkflowsApi;

namespace ServiceFlow.Web.Features.Designer;

/// Drafts: what the designer loads, saves and imports (mapped into the /api/workflows group).
internal static class DraftsApi
{
    public sealed record DraftResponse(string Key, uint DraftVersion, string Xml, bool Executable, IReadOnlyList<ValidationIssueDto> Errors,
        string? UpdatedBy, DateTimeOffset? UpdatedAt, int? PublishedVersion, bool UnpublishedChanges, bool FromPublished);

    public static RouteGroupBuilder MapDraftEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/{key}/draft", async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> (
            string key, ServiceFlowDbContext db, HttpResponse response, CancellationToken ct) =>
        {
            var draft = await db.WorkflowDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, ct);
            var latest = await LatestAsync(db, key, ct);
            if (draft is null && latest is null)
                return Problems.NotFound($"Workflow '{key}' has neither a draft nor a published version. Create it in the designer or import a BPMN file.");
            response.Headers.ETag = $"\"{draft?.RowVersion ?? 0}\"";
            if (draft is null)
            {
                // No draft yet: the latest published version is where editing starts (saved with version 0).
                var (_, report) = DefinitionStore.Validate(latest!.Xml);
                var validation = WorkflowsApi.ToResponse(report);
                return TypedResults.Ok(new DraftResponse(key, 0, latest.Xml, validation.Executable, validation.Errors,
                    latest.PublishedBy, latest.PublishedAt, latest.Version, UnpublishedChanges: false, FromPublished: true));
            }
            var saved = DraftStore.ReadValidation(draft);
            return TypedResults.Ok(new DraftResponse(key, draft.RowVersion, draft.Xml, draft.Executable, saved.Errors,
                draft.UpdatedBy, draft.UpdatedAt, latest?.Version, draft.ContentHash != latest?.ContentHash, FromPublished: false));
        });

        group.MapPut("/{key}/draft", async Task<Results<Ok<DraftStore.DraftSaved>, ProblemHttpResult>> (
            string key, uint? baseVersion, HttpRequest request, ServiceFlowDbContext db, TimeProvider clock, FormArtifacts forms, CancellationToken ct) =>
        {
            if (DraftStore.CheckKey(key) is { } invalid)
                return invalid;
            if (DraftStore.ExpectedVersion(request, baseVersion) is not { } expected)
                return DraftStore.PreconditionRequired();
            var result = await DraftStore.SaveAsync(db, key, await ReadTextAsync(request.Body, ct), expected, request.HttpContext.User.Identity?.Name, clock.GetUtcNow(), ct, forms);
            if (result.Result is Ok<DraftStore.DraftSaved> ok)
                request.HttpContext.Response.Headers.ETag = $"\"{ok.Value!.DraftVersion}\"";
            return result;
        }).Accepts<string>("application/xml", "text/xml", "application/octet-stream");

        group.MapDelete("/{key}/draft", async Task<Results<NoContent, ProblemHttpResult>> (
            string key, uint? baseVersion, HttpRequest request, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var draft = await db.WorkflowDrafts.SingleOrDefaultAsync(d => d.Key == key, ct);
            if (draft is null)
                return TypedResults.NoContent();
            if (DraftStore.ExpectedVersion(request, baseVersion) is not { } expected)
                return DraftStore.PreconditionRequired();
            if (draft.RowVersion != expected)
                return DraftStore.Conflict(draft, expected);
            db.WorkflowDrafts.Remove(draft);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problems.Conflict($"The draft of '{key}' changed while it was being discarded; reload and decide again.");
            }
            return TypedResults.NoContent();
        });

        // Import: a .bpmn file (multipart field "file") or the raw XML becomes the draft of its process id,
        // stored exactly as written so other vendors' extensions survive. Replacing a draft that holds
        // unpublished changes needs the draft version, like any other save.
        group.MapPost("/import", async Task<Results<Ok<DraftStore.DraftSaved>, ProblemHttpResult>> (
            uint? baseVersion, HttpRequest request, ServiceFlowDbContext db, TimeProvider clock, FormArtifacts forms, CancellationToken ct) =>
        {
            string xml;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
                if (file is null)
                    return Problems.BadRequest("Attach the BPMN file as the multipart field 'file' (or send the XML as the request body).");
                await using var stream = file.OpenReadStream();
                xml = await ReadTextAsync(stream, ct);
            }
            else
            {
                xml = await ReadTextAsync(request.Body, ct);
            }
            var (document, report) = DefinitionStore.Validate(xml);
            if (document is null || document.Processes.IsEmpty)
                return Problems.BadRequest("The file is not a BPMN 2.0 document with a process: " + (report.Issues.Count > 0 ? report.Issues[0].Message : "no <process> element."));
            var key = DefinitionStore.MainProcess(document).Id;
            if (DraftStore.CheckKey(key) is { } invalid)
                return invalid;
            var draft = await db.WorkflowDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, ct);
            var expected = DraftStore.ExpectedVersion(request, baseVersion);
            if (expected is null && draft is not null && draft.ContentHash != (await LatestAsync(db, key, ct))?.ContentHash)
                return TypedResults.Problem(
                    $"The draft of '{key}' has unpublished changes saved by {draft.UpdatedBy ?? "someone"} at {draft.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC. "
                    + $"Publish or discard them first, or import again with baseVersion={draft.RowVersion} to replace them.",
                    statusCode: StatusCodes.Status409Conflict, title: "The draft has unpublished changes");
            return await DraftStore.SaveAsync(db, key, xml, expected ?? draft?.RowVersion ?? 0, request.HttpContext.User.Identity?.Name, clock.GetUtcNow(), ct, forms);
        }).DisableAntiforgery() // checked by ApiAntiforgery for cookie callers only
            .Accepts<string>("application/xml", "text/xml", "application/octet-stream", "multipart/form-data");

        return group;
    }

    public static Task<WorkflowDefinition?> LatestAsync(ServiceFlowDbContext db, string key, CancellationToken ct) =>
        DefinitionStore.NewestFirst(db.WorkflowDefinitions.AsNoTracking(), key).FirstOrDefaultAsync(ct);

    static async Task<string> ReadTextAsync(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }
}
