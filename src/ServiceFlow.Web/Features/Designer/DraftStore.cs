using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Runtime;
using static ServiceFlow.Web.Features.Designer.WorkflowsApi;

namespace ServiceFlow.Web.Features.Designer;

/// Saving drafts with optimistic concurrency: every save names the draft version it was based on
/// (0 = "there was no draft"), and a save based on anything but the current version is refused.
internal static partial class DraftStore
{
    public sealed record DraftSaved(string Key, uint DraftVersion, bool Executable, IReadOnlyList<ValidationIssueDto> Errors);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]{0,199}$")]
    private static partial Regex KeyPattern();

    public static ProblemHttpResult? CheckKey(string key) => KeyPattern().IsMatch(key)
        ? null
        : Problems.BadRequest($"'{key}' is not a valid workflow key: use the process id, a letter or _ followed by letters, digits, '_', '.' or '-' (at most 200).");

    /// The draft version the caller edited: `If-Match: "N"` (weak tags accepted) or `?baseVersion=N`.
    public static uint? ExpectedVersion(HttpRequest request, uint? baseVersion)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.StartsWith("W/", StringComparison.Ordinal))
            header = header[2..];
        return uint.TryParse(header.Trim('"'), out var v) ? v : baseVersion;
    }

    public static ProblemHttpResult PreconditionRequired() => TypedResults.Problem(
        "Say which draft version you edited: send If-Match: \"N\" or ?baseVersion=N with the draftVersion from GET /api/workflows/{key}/draft "
        + "(0 when the workflow has no draft yet), so a save never overwrites someone else's changes.",
        statusCode: StatusCodes.Status428PreconditionRequired, title: "Draft version required");

    public static ProblemHttpResult Conflict(WorkflowDraft current, uint expected) => TypedResults.Problem(
        $"The draft of '{current.Key}' was saved by {current.UpdatedBy ?? "someone else"} at {current.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC "
        + $"(draft version {current.RowVersion}; you edited version {expected}); reload to see their changes, then apply yours again.",
        statusCode: StatusCodes.Status409Conflict, title: "The draft was changed by someone else",
        extensions: new Dictionary<string, object?> { ["savedBy"] = current.UpdatedBy, ["savedAt"] = current.UpdatedAt, ["currentVersion"] = current.RowVersion });

    public static ValidationResponse ReadValidation(WorkflowDraft draft) =>
        JsonSerializer.Deserialize<ValidationResponse>(draft.Validation, Json) ?? new ValidationResponse(draft.Executable, []);

    /// Parses, checks the process id against the key, validates and stores; never overwrites a newer draft.
    /// `forms`, when given, adds what the forms its tasks name lack (missing, invalid, a gateway reading nothing) to the report.
    public static async Task<Results<Ok<DraftSaved>, ProblemHttpResult>> SaveAsync(
        ServiceFlowDbContext db, string key, string xml, uint expected, string? user, DateTimeOffset now, CancellationToken ct, FormArtifacts? forms = null)
    {
        var (document, report) = DefinitionStore.Validate(xml);
        if (forms is not null && document is { Processes.IsEmpty: false } && report.Issues is not [{ Code: DefinitionStore.LimitCode }])
        {
            var issues = await forms.CheckAsync(db, DefinitionStore.MainProcess(document), withDrafts: true, ct);
            report = new ValidationReport(report.Executable && !issues.Any(i => i.Severity == Severity.Error), [.. report.Issues, .. issues]);
        }
        if (document is null)
            return Problems.BadRequest($"The draft is not BPMN XML the designer can open: {report.Issues[0].Message}");
        if (document.Processes.IsEmpty)
            return Problems.BadRequest("The document has no <process> element; a draft needs one process whose id is the workflow key.");
        var processId = DefinitionStore.MainProcess(document).Id;
        if (processId != key)
            return Problems.BadRequest($"The diagram's process id is '{processId}' but it is being saved as the draft of '{key}'. "
                + $"Set the process id to '{key}', or save it as the draft of '{processId}'.");

        var draft = await db.WorkflowDrafts.SingleOrDefaultAsync(d => d.Key == key, ct);
        if (draft is null && expected != 0)
            return Problems.Conflict($"Workflow '{key}' has no draft version {expected} any more; reload the workflow and apply your changes again.");
        if (draft is not null && draft.RowVersion != expected)
            return Conflict(draft, expected);
        if (draft is null)
        {
            draft = new WorkflowDraft { Key = key };
            db.WorkflowDrafts.Add(draft);
        }
        var validation = WorkflowsApi.ToResponse(report);
        draft.Xml = xml;
        draft.ContentHash = DefinitionStore.Hash(xml);
        draft.Executable = report.Executable;
        draft.Validation = JsonSerializer.Serialize(validation, Json);
        draft.UpdatedBy = user;
        draft.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone saved between our read and our write; report who, from a fresh read.
            db.ChangeTracker.Clear();
            var current = await db.WorkflowDrafts.AsNoTracking().SingleAsync(d => d.Key == key, ct);
            return Conflict(current, expected);
        }
        return TypedResults.Ok(new DraftSaved(key, draft.RowVersion, report.Executable, validation.Errors));
    }
}
