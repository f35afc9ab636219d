using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Decisions;

/// Saving and discarding drafts with optimistic concurrency: every save names the draft version it was based
/// on (0 = "there was no draft"). A draft is validated when saved: DMN that cannot be evaluated is refused with
/// the element and line of each problem, so a published table is never one that was known to be broken.
internal static class DecisionDrafts
{
    public static async Task<Results<Ok<DecisionsApi.DraftSaved>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        ServiceFlowDbContext db, string key, string xml, uint expected, string? user, DateTimeOffset now, CancellationToken ct)
    {
        var (document, report) = DecisionStore.Validate(xml);
        if (document is null)
            return DecisionsApi.Invalid(key, report.Issues);
        var problems = await DecisionStore.ProblemsAsync(db, key, document, report, ct);
        if (problems.Count > 0)
            return DecisionsApi.Invalid(key, problems);

        var draft = await DecisionStore.Drafts(db).SingleOrDefaultAsync(d => d.Key == key, ct);
        if ((draft?.RowVersion ?? 0) != expected)
            return Conflict(key, draft, expected);
        if (draft is null)
            db.ArtifactDrafts.Add(draft = new ArtifactDraft { Kind = ArtifactKinds.Decision, Key = key });
        draft.Content = xml;
        draft.UpdatedBy = user;
        draft.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return Conflict(key, await DecisionStore.Drafts(db).AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, ct), expected);
        }
        var warnings = report.Issues.Where(i => i.Severity != Severity.Error).Select(DecisionsApi.ToDto).ToList();
        return TypedResults.Ok(new DecisionsApi.DraftSaved(key, draft.RowVersion, warnings));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DiscardAsync(ServiceFlowDbContext db, string key, uint? expected, CancellationToken ct)
    {
        var draft = await DecisionStore.Drafts(db).SingleOrDefaultAsync(d => d.Key == key, ct);
        if (draft is null)
            return TypedResults.NoContent();
        if (expected is null)
            return TypedResults.Problem($"Say which draft version you are discarding: send If-Match: \"N\" or ?baseVersion=N with the draftVersion from GET /api/decisions/{key}/draft.",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "Draft version required");
        if (draft.RowVersion != expected)
            return Conflict(key, draft, expected.Value);
        db.ArtifactDrafts.Remove(draft);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict($"The draft of decisions '{key}' changed while it was being discarded; reload and decide again.");
        }
        return TypedResults.NoContent();
    }

    public static ProblemHttpResult Conflict(string key, ArtifactDraft? current, uint expected) => TypedResults.Problem(
        current is null
            ? $"Decisions '{key}' have no draft version {expected} any more (it was published or discarded); reload and apply your changes again."
            : $"The draft of decisions '{key}' was saved by {current.UpdatedBy ?? "someone else"} at {current.UpdatedAt:yyyy-MM-dd HH:mm} UTC "
              + $"(draft version {current.RowVersion}; you edited version {expected}); reload to see their changes, then apply yours again.",
        statusCode: StatusCodes.Status409Conflict, title: "The draft was changed by someone else");
}
