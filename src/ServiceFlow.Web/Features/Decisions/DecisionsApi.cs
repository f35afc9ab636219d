using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Designer;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Decisions;

/// DMN decision tables as versioned data: list, versions, XML, the draft a process owner edits, publish.
internal static class DecisionsApi
{
    public sealed record IssueDto(string Severity, string? ElementId, int? Line, string Code, string Message);
    public sealed record DecisionSummary(string Key, string? Name, int? LatestVersion, IReadOnlyList<string> DecisionIds, DateTimeOffset? PublishedAt,
        string? PublishedBy, bool HasDraft);
    public sealed record VersionSummary(int Version, string? Name, IReadOnlyList<string> DecisionIds, DateTimeOffset PublishedAt, string? PublishedBy);
    public sealed record DraftResponse(string Key, uint DraftVersion, string Xml, string? UpdatedBy, DateTimeOffset? UpdatedAt, int? PublishedVersion,
        bool FromPublished);
    public sealed record DraftSaved(string Key, uint DraftVersion, IReadOnlyList<IssueDto> Warnings);

    public static IServiceCollection AddDecisions(this IServiceCollection services)
    {
        services.AddSingleton<DecisionStore>();
        services.AddSingleton<DecisionPublishing>();
        services.AddSingleton<IWorkflowArtifacts, DecisionArtifacts>();
        services.Replace(ServiceDescriptor.Singleton<IWorkflowDecisions, WorkflowDecisionRegistries>());
        return services;
    }

    public static RouteGroupBuilder MapDecisionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/decisions").WithTags("Decisions").RequireAuthorization(Policies.ProcessOwner);

        group.MapGet("/", async (ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var latest = await DecisionStore.AllLatestAsync(db, ct);
            var drafts = await DecisionStore.Drafts(db).AsNoTracking().Select(d => d.Key).ToListAsync(ct);
            var published = latest.Select(v => new DecisionSummary(v.Key, v.Name, v.Version, v.DecisionIds, v.PublishedAt, v.PublishedBy, drafts.Contains(v.Key)));
            var unpublished = drafts.Where(k => !latest.Any(v => v.Key == k)).Select(k => new DecisionSummary(k, null, null, [], null, null, true));
            return TypedResults.Ok(published.Concat(unpublished).OrderBy(d => d.Key, StringComparer.Ordinal).ToList());
        });

        group.MapGet("/{key}/versions", async Task<Results<Ok<List<VersionSummary>>, ProblemHttpResult>> (string key, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var versions = (await DecisionStore.Versions(db).Where(v => v.Key == key).OrderBy(v => v.Version).ToListAsync(ct)).Select(DecisionVersion.Of).ToList();
            return versions.Count == 0
                ? Problems.NotFound($"No decisions with key '{key}' are published.")
                : TypedResults.Ok(versions.Select(v => new VersionSummary(v.Version, v.Name, v.DecisionIds, v.PublishedAt, v.PublishedBy)).ToList());
        });

        group.MapGet("/{key}/versions/{version:int}/xml", async Task<Results<ContentHttpResult, ProblemHttpResult>> (
            string key, int version, string? download, HttpResponse response, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var xml = await DecisionStore.Versions(db).Where(v => v.Key == key && v.Version == version).Select(v => v.Content).SingleOrDefaultAsync(ct);
            if (xml is null)
                return Problems.NotFound($"Decisions '{key}' have no version {version}.");
            if (download is "1" or "true")
                response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = $"{key}-v{version}.dmn", FileName = $"\"{key}-v{version}.dmn\"" }.ToString();
            return TypedResults.Text(xml, "application/xml", Encoding.UTF8);
        });

        group.MapGet("/{key}/draft", async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> (string key, ServiceFlowDbContext db, HttpResponse response, CancellationToken ct) =>
        {
            var draft = await DecisionStore.Drafts(db).AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, ct);
            var latest = await DecisionStore.LatestAsync(db, key, ct);
            if (draft is null && latest is null)
                return Problems.NotFound($"Decisions '{key}' have neither a draft nor a published version. Save a draft first (PUT /api/decisions/{key}/draft).");
            response.Headers.ETag = $"\"{draft?.RowVersion ?? 0}\"";
            return TypedResults.Ok(draft is null
                ? new DraftResponse(key, 0, latest!.Xml, latest.PublishedBy, latest.PublishedAt, latest.Version, FromPublished: true)
                : new DraftResponse(key, draft.RowVersion, draft.Content, draft.UpdatedBy, draft.UpdatedAt, latest?.Version, FromPublished: false));
        });

        group.MapPut("/{key}/draft", async Task<Results<Ok<DraftSaved>, ValidationProblem, ProblemHttpResult>> (
            string key, uint? baseVersion, HttpRequest request, ServiceFlowDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (DecisionKeys.Check(key) is { } badKey)
                return Problems.BadRequest(badKey);
            if (DraftStore.ExpectedVersion(request, baseVersion) is not { } expected)
                return TypedResults.Problem($"Say which draft version you edited: send If-Match: \"N\" or ?baseVersion=N with the draftVersion from GET /api/decisions/{key}/draft "
                    + "(0 when there is no draft yet), so a save never overwrites someone else's changes.",
                    statusCode: StatusCodes.Status428PreconditionRequired, title: "Draft version required");
            if (await ReadBodyAsync(request, ct) is not { } xml)
                return Problems.BadRequest("The body is not UTF-8 text; send the DMN XML as UTF-8.");
            return await DecisionDrafts.SaveAsync(db, key, xml, expected, request.HttpContext.User.Identity?.Name, clock.GetUtcNow(), ct);
        }).Accepts<string>("application/xml", "text/xml", "application/octet-stream");

        group.MapDelete("/{key}/draft", async Task<Results<NoContent, ProblemHttpResult>> (string key, uint? baseVersion, HttpRequest request, ServiceFlowDbContext db, CancellationToken ct) =>
            await DecisionDrafts.DiscardAsync(db, key, DraftStore.ExpectedVersion(request, baseVersion), ct));

        group.MapPost("/{key}/publish", async Task<Results<Created<DecisionPublishing.Published>, Ok<DecisionPublishing.Published>, ValidationProblem, ProblemHttpResult>> (
            string key, uint? baseVersion, HttpRequest request, DecisionPublishing publishing, CancellationToken ct) =>
            await publishing.PublishDraftAsync(key, DraftStore.ExpectedVersion(request, baseVersion), request.HttpContext.User.Identity?.Name, ct));

        return group;
    }

    /// The body as strict UTF-8 (a bad byte is refused, never stored as a replacement character), or null.
    static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        try
        {
            return BpmnParser.DecodeUtf8(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (BpmnParseException)
        {
            return null;
        }
    }

    public static IssueDto ToDto(ValidationIssue i) => new(i.Severity.ToString(), i.ElementId, i.Line, i.Code, i.Message);

    /// 400 naming each element and line, e.g. {"rule-2-impact": ["… (line 31)"]}.
    public static ValidationProblem Invalid(string key, IEnumerable<ValidationIssue> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(i => i.ElementId ?? "document")
                .ToDictionary(g => g.Key, g => g.Select(i => i.Line is int line ? $"{i.Message} (line {line})" : i.Message).ToArray()),
            detail: $"The decisions '{key}' cannot be used as they are; fix the listed elements and save again.",
            title: "Invalid decision table");
}
