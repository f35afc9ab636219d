using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Runtime;
using static ServiceFlow.Web.Features.Designer.WorkflowsApi;

namespace ServiceFlow.Web.Features.Designer;

/// Publishing a draft, comparing versions and rolling back (mapped into the /api/workflows group).
internal static class PublishingApi
{
    public sealed record RepublishedResponse(string Key, int Version, bool Created, int FromVersion, bool DraftUpdated);

    public static RouteGroupBuilder MapPublishingEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/{key}/publish", async Task<Results<Created<PublishedResponse>, Ok<PublishedResponse>, ValidationProblem, ProblemHttpResult>> (
            string key, uint? baseVersion, HttpRequest request, ServiceFlowDbContext db, DefinitionStore store, FormStore forms, CancellationToken ct) =>
        {
            var draft = await db.WorkflowDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, ct);
            if (draft is null)
                return Problems.NotFound($"Workflow '{key}' has no draft to publish; save one first (PUT /api/workflows/{key}/draft).");
            // Optional: publish only the draft the caller has seen.
            if (DraftStore.ExpectedVersion(request, baseVersion) is { } expected && expected != draft.RowVersion)
                return DraftStore.Conflict(draft, expected);
            // The drafts of the forms its tasks name are published with it, and the new version pins them.
            var formProblems = await FormDrafts.PublishForAsync(db, forms, draft.Xml, request.HttpContext.User.Identity?.Name, ct);
            if (formProblems.Count > 0)
                return ToValidationProblem(new ValidationReport(false, formProblems));
            return await PublishAsync(store, draft.Xml, request.HttpContext.User.Identity?.Name, ct);
        });

        group.MapGet("/{key}/diff", async Task<Results<Ok<WorkflowDiff.Result>, ProblemHttpResult>> (
            string key, string from, string to, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var before = await XmlOfAsync(db, key, from, ct);
            var after = await XmlOfAsync(db, key, to, ct);
            if (before is null || after is null)
                return Problems.NotFound($"Workflow '{key}' has no {(before is null ? Describe(from) : Describe(to))}. "
                    + "Use a published version number or 'draft' for from and to.");
            try
            {
                var diff = WorkflowDiff.Compare(key, from, DefinitionStore.MainProcess(BpmnParser.Parse(before)),
                    to, DefinitionStore.MainProcess(BpmnParser.Parse(after)));
                return TypedResults.Ok(diff);
            }
            catch (BpmnParseException ex)
            {
                return Problems.BadRequest($"Cannot compare: {ex.Message}");
            }
        });

        // Roll back = publish an older version's document again, as a new version. A draft that held
        // nothing beyond the version being replaced follows the rollback; a draft with unpublished work is kept.
        group.MapPost("/{key}/versions/{version:int}/republish", async Task<Results<Created<RepublishedResponse>, Ok<RepublishedResponse>, ValidationProblem, ProblemHttpResult>> (
            string key, int version, HttpContext http, ServiceFlowDbContext db, DefinitionStore store, TimeProvider clock, CancellationToken ct) =>
        {
            var old = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key && d.Version == version, ct);
            if (old is null)
                return Problems.NotFound($"Workflow '{key}' has no version {version} to roll back to.");
            var latestBefore = await DraftsApi.LatestAsync(db, key, ct);
            PublishResult result;
            try
            {
                result = await store.PublishAsync(old.Xml, http.User.Identity?.Name, old.Id, ct);
            }
            catch (WorkflowInvalidException ex)
            {
                return ToValidationProblem(ex.Report);
            }
            var draft = await db.WorkflowDrafts.SingleOrDefaultAsync(d => d.Key == key, ct);
            var draftUpdated = false;
            if (result.Created && draft is not null && draft.ContentHash == latestBefore?.ContentHash)
            {
                var (_, report) = DefinitionStore.Validate(old.Xml);
                draft.Xml = old.Xml;
                draft.ContentHash = old.ContentHash;
                draft.Executable = report.Executable;
                draft.Validation = JsonSerializer.Serialize(WorkflowsApi.ToResponse(report), JsonSerializerOptions.Web);
                draft.UpdatedBy = http.User.Identity?.Name;
                draft.UpdatedAt = clock.GetUtcNow();
                try
                {
                    await db.SaveChangesAsync(ct);
                    draftUpdated = true;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Someone saved the draft meanwhile: their work wins, the rollback stands as published.
                }
            }
            var body = new RepublishedResponse(key, result.Definition.Version, result.Created, version, draftUpdated);
            return result.Created
                ? TypedResults.Created($"/api/workflows/{key}/versions/{body.Version}", body)
                : TypedResults.Ok(body);
        });

        return group;
    }

    static async Task<Results<Created<PublishedResponse>, Ok<PublishedResponse>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        DefinitionStore store, string xml, string? user, CancellationToken ct)
    {
        try
        {
            var result = await store.PublishAsync(xml, user, ct);
            var body = new PublishedResponse(result.Definition.Key, result.Definition.Version, result.Created);
            return result.Created
                ? TypedResults.Created($"/api/workflows/{body.Key}/versions/{body.Version}", body)
                : TypedResults.Ok(body);
        }
        catch (WorkflowInvalidException ex)
        {
            return ToValidationProblem(ex.Report);
        }
    }

    static async Task<string?> XmlOfAsync(ServiceFlowDbContext db, string key, string which, CancellationToken ct)
    {
        if (string.Equals(which, "draft", StringComparison.OrdinalIgnoreCase))
            return await db.WorkflowDrafts.Where(d => d.Key == key).Select(d => d.Xml).SingleOrDefaultAsync(ct);
        if (!int.TryParse(which, out var version))
            return null;
        return await db.WorkflowDefinitions.Where(d => d.Key == key && d.Version == version).Select(d => d.Xml).SingleOrDefaultAsync(ct);
    }

    static string Describe(string which) => int.TryParse(which, out var v) ? $"version {v}" : which == "draft" ? "draft" : $"version '{which}'";
}
