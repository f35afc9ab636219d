using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Designer;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Forms;

/// Forms for process owners: the published versions and the draft the designer's form editor saves (with the
/// same draft-version rule as workflow drafts). A draft is published with the workflow whose tasks name it.
internal static class FormsApi
{
    public sealed record FormSummary(string Key, int? LatestVersion, bool HasDraft);
    public sealed record FormResponse(string Key, int? LatestVersion, uint DraftVersion, bool FromDraft, string Schema, IReadOnlyList<string> Problems);
    public sealed record FormDraftSaved(string Key, uint DraftVersion, IReadOnlyList<string> Problems);

    public static IServiceCollection AddForms(this IServiceCollection services)
    {
        services.AddSingleton<FormStore>();
        services.AddSingleton<FormArtifacts>();
        services.AddSingleton<IWorkflowArtifacts>(sp => sp.GetRequiredService<FormArtifacts>());
        return services;
    }

    public static void MapFormsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/forms").WithTags("Forms").RequireAuthorization(Policies.ProcessOwner);

        group.MapGet("/", async (ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var versions = await db.Artifacts.AsNoTracking().Where(a => a.Kind == ArtifactKinds.Form)
                .GroupBy(a => a.Key).Select(g => new { g.Key, Version = g.Max(a => a.Version) }).ToListAsync(ct);
            var drafts = await db.ArtifactDrafts.AsNoTracking().Where(d => d.Kind == ArtifactKinds.Form).Select(d => d.Key).ToListAsync(ct);
            return TypedResults.Ok(versions.Select(v => v.Key).Union(drafts).Order(StringComparer.Ordinal)
                .Select(k => new FormSummary(k, versions.FirstOrDefault(v => v.Key == k)?.Version, drafts.Contains(k))).ToList());
        });

        // What the form editor opens: the draft when there is one, else the latest version.
        group.MapGet("/{key}", async Task<Results<Ok<FormResponse>, ProblemHttpResult>> (string key, ServiceFlowDbContext db, HttpResponse response, CancellationToken ct) =>
        {
            var draft = await db.ArtifactDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Kind == ArtifactKinds.Form && d.Key == key, ct);
            var latest = await FormStore.LatestAsync(db, key, ct);
            if (draft is null && latest is null)
                return Problems.NotFound($"There is no form '{key}'. Save a draft (PUT /api/forms/{key}/draft) to create it.");
            var schema = draft?.Content ?? latest!.Content;
            response.Headers.ETag = $"\"{draft?.RowVersion ?? 0}\"";
            return TypedResults.Ok(new FormResponse(key, latest?.Version, draft?.RowVersion ?? 0, draft is not null, schema, FormSchema.Parse(key, schema).Problems));
        });

        group.MapGet("/{key}/versions/{version:int}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string key, int version, ServiceFlowDbContext db, CancellationToken ct) =>
            await db.Artifacts.AsNoTracking().SingleOrDefaultAsync(a => a.Kind == ArtifactKinds.Form && a.Key == key && a.Version == version, ct) is { } found
                ? TypedResults.Text(found.Content, "application/json")
                : Problems.NotFound($"Form '{key}' has no version {version}."));

        group.MapPut("/{key}/draft", async Task<Results<Ok<FormDraftSaved>, ProblemHttpResult>> (string key, uint? baseVersion, HttpRequest request,
            ServiceFlowDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (!FormStore.IsOurs(key))
                return Problems.BadRequest($"'{key}' is not a valid form key: use a letter followed by letters, digits, '_', '.' or '-' (at most 100).");
            if (DraftStore.ExpectedVersion(request, baseVersion) is not { } expected)
                return DraftStore.PreconditionRequired();
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var content = await reader.ReadToEndAsync(ct);
            var schema = FormSchema.Parse(key, content);
            if (schema.Raw.Count == 0)
                return Problems.BadRequest(schema.Problems.Count > 0 ? schema.Problems[0] : $"Form '{key}' is empty; send the form-js JSON.");
            return await FormDrafts.SaveAsync(db, key, content, expected, request.HttpContext.User.Identity?.Name, clock.GetUtcNow(), schema.Problems, ct);
        }).Accepts<string>("application/json");

        group.MapDelete("/{key}/draft", async Task<Results<NoContent, ProblemHttpResult>> (string key, uint? baseVersion, HttpRequest request,
            ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var draft = await db.ArtifactDrafts.SingleOrDefaultAsync(d => d.Kind == ArtifactKinds.Form && d.Key == key, ct);
            if (draft is null)
                return TypedResults.NoContent();
            if (DraftStore.ExpectedVersion(request, baseVersion) is not { } expected)
                return DraftStore.PreconditionRequired();
            if (draft.RowVersion != expected)
                return Problems.Conflict($"The draft of form '{key}' was saved by {draft.UpdatedBy ?? "someone else"} since you opened it (draft version {draft.RowVersion}); reload it.");
            db.ArtifactDrafts.Remove(draft);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        });
    }
}
