using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Decisions;

/// Publishing a decision draft as a new version. A workflow version pins the decision versions it runs with, so
/// each workflow whose latest version calls decisions is then published again (same BPMN, new pins): the next
/// instance uses the new table, the running ones keep theirs.
internal sealed class DecisionPublishing(IServiceScopeFactory scopes, DecisionStore store, DefinitionStore workflows, ILogger<DecisionPublishing> log)
{
    public sealed record WorkflowVersion(string Key, int Version);
    public sealed record Published(string Key, int Version, bool Created, IReadOnlyList<WorkflowVersion> Workflows);

    public async Task<Results<Created<Published>, Ok<Published>, ValidationProblem, ProblemHttpResult>> PublishDraftAsync(
        string key, uint? expected, string? user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var draft = await DecisionStore.Drafts(db).SingleOrDefaultAsync(d => d.Key == key, ct);
        if (draft is null)
            return Problems.NotFound($"Decisions '{key}' have no draft to publish; save one first (PUT /api/decisions/{key}/draft).");
        if (expected is { } seen && seen != draft.RowVersion)
            return DecisionDrafts.Conflict(key, draft, seen);
        var (document, report) = DecisionStore.Validate(draft.Content);
        var problems = document is null ? [.. report.Issues] : await DecisionStore.ProblemsAsync(db, key, document, report, ct);
        if (problems.Count > 0)
            return DecisionsApi.Invalid(key, problems);
        var (version, created) = await store.AddVersionAsync(db, key, draft.Content, document!, user, ct);
        db.ArtifactDrafts.Remove(draft);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict($"Someone published or changed decisions '{key}' at the same moment; reload them and publish again.");
        }
        var body = new Published(key, version.Version, created, await RepublishUsersAsync(db, user, ct));
        return created ? TypedResults.Created($"/api/decisions/{key}/versions/{version.Version}", body) : TypedResults.Ok(body);
    }

    /// New versions of the workflows whose latest version calls decisions and pins older ones than the newest.
    async Task<List<WorkflowVersion>> RepublishUsersAsync(ServiceFlowDbContext db, string? user, CancellationToken ct)
    {
        var latest = await db.WorkflowDefinitions.AsNoTracking().GroupBy(d => d.Key).Select(g => g.OrderByDescending(d => d.Version).First()).ToListAsync(ct);
        var created = new List<WorkflowVersion>();
        foreach (var definition in latest.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (!DecisionArtifacts.NamedBy(await workflows.GetAsync(definition.Id, ct)).Any())
                continue;
            try
            {
                var result = await workflows.PublishAsync(definition.Xml, user, ct);
                if (result.Created)
                    created.Add(new WorkflowVersion(result.Definition.Key, result.Definition.Version));
            }
            catch (WorkflowInvalidException ex)
            {
                // It stays on the decisions it pinned until someone fixes and publishes it.
                log.LogWarning("Workflow {Key} keeps its decision versions: {Problem}", definition.Key, ex.Message);
            }
        }
        return created;
    }
}
