using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Designer;

internal static class WorkflowsApi
{
    public sealed record ValidationIssueDto(string Severity, string? ElementId, int? Line, string Code, string Message);
    public sealed record ValidationResponse(bool Executable, IReadOnlyList<ValidationIssueDto> Errors);
    public sealed record PublishedResponse(string Key, int Version, bool Created);
    public sealed record WorkflowSummary(string Key, string? Name, int LatestVersion, DateTimeOffset PublishedAt, int RunningInstances);
    public sealed record VersionSummary(int Version, string? Name, DateTimeOffset PublishedAt, string? PublishedBy, int RunningInstances);

    public static RouteGroupBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization(Policies.ProcessOwner);

        group.MapPost("/", async Task<Results<Created<PublishedResponse>, Ok<PublishedResponse>, ValidationProblem, ProblemHttpResult>> (
            HttpRequest request, DefinitionStore store, CancellationToken ct) =>
        {
            string xml;
            try
            {
                xml = await ReadBodyAsync(request, ct);
            }
            catch (BpmnParseException ex)
            {
                return Problems.BadRequest(ex.Message);
            }
            try
            {
                var result = await store.PublishAsync(xml, request.HttpContext.User.Identity?.Name, ct);
                var body = new PublishedResponse(result.Definition.Key, result.Definition.Version, result.Created);
                return result.Created
                    ? TypedResults.Created($"/api/workflows/{body.Key}/versions/{body.Version}", body)
                    : TypedResults.Ok(body);
            }
            catch (WorkflowInvalidException ex)
            {
                return ToValidationProblem(ex.Report);
            }
        }).Accepts<string>("application/xml", "text/xml", "application/octet-stream");

        group.MapPost("/validate", async Task<Results<Ok<ValidationResponse>, ProblemHttpResult>> (HttpRequest request, CancellationToken ct) =>
        {
            string xml;
            try
            {
                xml = await ReadBodyAsync(request, ct);
            }
            catch (BpmnParseException ex)
            {
                return Problems.BadRequest(ex.Message);
            }
            var (_, report) = DefinitionStore.Validate(xml);
            // A document over a size or nesting limit is refused, not reported on as a model.
            if (report.Issues is [{ Code: DefinitionStore.LimitCode } limit])
                return Problems.BadRequest(limit.Message);
            return TypedResults.Ok(ToResponse(report));
        }).Accepts<string>("application/xml", "text/xml");

        group.MapGet("/", async (ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var running = await RunningCountsAsync(db, ct);
            var latest = await db.WorkflowDefinitions.AsNoTracking()
                .GroupBy(d => d.Key)
                .Select(g => g.OrderByDescending(d => d.Version).First())
                .ToListAsync(ct);
            return TypedResults.Ok(latest.OrderBy(d => d.Key).Select(d => new WorkflowSummary(d.Key, d.Name, d.Version, d.PublishedAt,
                running.Where(r => r.Key == d.Key).Sum(r => r.Count))).ToList());
        });

        group.MapGet("/{key}/versions", async Task<Results<Ok<List<VersionSummary>>, ProblemHttpResult>> (
            string key, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var running = await RunningCountsAsync(db, ct);
            var versions = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.Key == key)
                .OrderBy(d => d.Version).ToListAsync(ct);
            if (versions.Count == 0)
                return Problems.NotFound($"No workflow with key '{key}' is published.");
            return TypedResults.Ok(versions.Select(d => new VersionSummary(d.Version, d.Name, d.PublishedAt, d.PublishedBy,
                running.Where(r => r.Key == key && r.Version == d.Version).Sum(r => r.Count))).ToList());
        });

        group.MapGet("/{key}/versions/{version:int}/xml", async Task<Results<ContentHttpResult, ProblemHttpResult>> (
            string key, int version, string? download, HttpResponse response, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var xml = await db.WorkflowDefinitions.Where(d => d.Key == key && d.Version == version).Select(d => d.Xml).SingleOrDefaultAsync(ct);
            if (xml is null)
                return Problems.NotFound($"Workflow '{key}' has no version {version}.");
            if (download is "1" or "true")
                response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = $"{key}-v{version}.bpmn", FileName = $"\"{key}-v{version}.bpmn\"" }.ToString();
            return TypedResults.Text(xml, "application/xml", Encoding.UTF8);
        });

        group.MapDraftEndpoints();
        group.MapPublishingEndpoints();
        group.MapTimerStarts();
        return group;
    }

    sealed record RunningCount(string Key, int Version, int Count);

    static Task<List<RunningCount>> RunningCountsAsync(ServiceFlowDbContext db, CancellationToken ct) =>
        db.ProcessInstances.Where(i => i.Status == InstanceStatus.Running)
            .GroupBy(i => new { i.WorkflowKey, i.Version })
            .Select(g => new RunningCount(g.Key.WorkflowKey, g.Key.Version, g.Count()))
            .ToListAsync(ct);

    /// The body as strict UTF-8: a bad byte is refused with its offset (BpmnParseException), never
    /// stored as a replacement character.
    static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return BpmnParser.DecodeUtf8(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static ValidationResponse ToResponse(ValidationReport report) =>
        new(report.Executable, report.Issues.Select(i => new ValidationIssueDto(i.Severity.ToString(), i.ElementId, i.Line, i.Code, i.Message)).ToList());

    internal static ValidationProblem ToValidationProblem(ValidationReport report) =>
        TypedResults.ValidationProblem(
            report.Issues.Where(i => i.Severity == Severity.Error)
                .GroupBy(i => i.ElementId ?? "document")
                .ToDictionary(g => g.Key, g => g.Select(i => i.Line is int line ? $"{i.Message} (line {line})" : i.Message).ToArray()),
            detail: "The workflow is not executable; fix the listed elements and publish again.",
            title: "Invalid workflow");
}
