using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Imports;

public sealed record ImportAccepted(Guid Id);

public sealed record ImportDto(Guid Id, string FileName, string Format, string OnError, string State, double Progress, long Rows, long Events, long Cases,
    long BadRows, IReadOnlyList<ImportError> Errors, string? Message, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

public sealed record ImportSummary(long Cases, long Events, double ThroughputMeanDays, double ThroughputMedianDays);

/// /api/imports: upload an event log (multipart: `file`, `format` = xes | csv | uci, optional `mapping` JSON, optional
/// `onError` = skip | refuse) → 202 with its id; then its state and progress, and the summary once it succeeded.
internal static class ImportsApi
{
    static readonly string[] Formats = ["xes", "csv", "uci"];

    public static void MapImportsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(ReportPolicies.Reports);

        imports.MapPost("/", async Task<Results<Accepted<ImportAccepted>, ProblemHttpResult>> (HttpRequest request, ServiceFlowDbContext db, ImportQueue queue,
            IOptions<ImportOptions> options, IWebHostEnvironment env, IConfiguration config, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var o = options.Value;
            if (!request.HasFormContentType)
                return Problems.BadRequest("Send the log as multipart/form-data: a field 'file', a field 'format' (xes, csv or uci), optionally 'mapping' and 'onError'.");
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
                body.MaxRequestBodySize = o.MaxUploadBytes + 1024 * 1024;
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = o.MaxUploadBytes }));
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                return TypedResults.Problem($"The upload is larger than {o.MaxUploadBytes / (1024 * 1024)} MiB or not a readable form: {ex.Message}",
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");
            }
            var format = form["format"].ToString().Trim().ToLowerInvariant();
            if (!Formats.Contains(format))
                return Problems.BadRequest($"format '{format}' is not one of xes, csv, uci.");
            var onError = form["onError"].ToString() is { Length: > 0 } e ? e.Trim().ToLowerInvariant() : "skip";
            if (onError is not ("skip" or "refuse"))
                return Problems.BadRequest($"onError '{onError}' is not one of skip (leave bad rows out and list them) or refuse (import nothing if any row is bad).");
            var mapping = form["mapping"].ToString();
            try
            {
                if (format != "uci")
                    EventLogMapping.Parse(mapping, columnsRequired: format == "csv");
            }
            catch (ArgumentException ex)
            {
                return Problems.BadRequest(ex.Message);
            }
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0)
                return Problems.BadRequest("The request has no file, or an empty one; send the log in a multipart field named 'file'.");

            var id = Guid.CreateVersion7();
            var folder = o.Folder ?? Path.Combine(config["ServiceFlow:DataFolder"] is { Length: > 0 } data ? Path.GetFullPath(data) : Path.Combine(env.ContentRootPath, ".serviceflow"), "imports");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{id:N}.upload");
            await using (var target = File.Create(path))
                await file.CopyToAsync(target, ct);
            db.Add(new ReportImport
            {
                Id = id,
                FileName = Path.GetFileName(file.FileName),
                Format = format,
                OnError = onError,
                Mapping = string.IsNullOrWhiteSpace(mapping) ? null : mapping,
                State = ImportState.Queued,
                CreatedAt = clock.GetUtcNow(),
                CreatedBy = user.Identity?.Name,
                Node = ImportNode.Name,
                HeartbeatAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            await queue.EnqueueAsync(id, path);
            return TypedResults.Accepted($"/api/imports/{id}", new ImportAccepted(id));
        }).RequireAuthorization(ReportPolicies.Imports).DisableAntiforgery() // read by hand; ApiAntiforgery checks cookie callers
          .WithSummary("Upload an event log to import (202; follow GET /api/imports/{id})");

        imports.MapGet("/", async (ServiceFlowDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.Set<ReportImport>().AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(100).ToListAsync(ct)).Select(Dto).ToList()));

        imports.MapGet("/{id:guid}", async Task<Results<Ok<ImportDto>, ProblemHttpResult>> (Guid id, HttpContext http, ServiceFlowDbContext db, CancellationToken ct) =>
            await FindAsync(id, http, db, ct) is { } import ? TypedResults.Ok(Dto(import)) : Problems.NotFound($"There is no import {id}."));

        imports.MapGet("/{id:guid}/summary", async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> (Guid id, HttpContext http, ServiceFlowDbContext db, CancellationToken ct) =>
            await FindAsync(id, http, db, ct) switch
            {
                null => Problems.NotFound($"There is no import {id}."),
                { State: ImportState.Succeeded } i => TypedResults.Ok(new ImportSummary(i.Cases, i.Events, i.ThroughputMeanDays ?? 0, i.ThroughputMedianDays ?? 0)),
                { State: ImportState.Failed } i => Problems.Conflict($"Import {id} failed, so it has no summary: {i.Message}"),
                var i => Problems.Conflict($"Import {id} is {i.State.ToString().ToLowerInvariant()} ({i.Progress:P0}); its summary is ready when it has succeeded."),
            });

        imports.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var removed = await db.Set<ReportImport>().Where(i => i.Id == id && i.State != ImportState.Running && i.State != ImportState.Queued).ExecuteDeleteAsync(ct);
            if (removed == 0)
                return Problems.Conflict($"There is no finished import {id} to remove (a running one is removed once it has ended).");
            await db.Set<Facts.ReportFact>().Where(f => f.Source == id.ToString()).ExecuteDeleteAsync(ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(ReportPolicies.Imports);
    }

    static async Task<ReportImport?> FindAsync(Guid id, HttpContext http, ServiceFlowDbContext db, CancellationToken ct)
    {
        await ImportRecovery.FailInterruptedAsync(http.RequestServices, ct);
        return await db.Set<ReportImport>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
    }

    static ImportDto Dto(ReportImport i) => new(i.Id, i.FileName, i.Format, i.OnError, i.State.ToString(), i.Progress, i.Rows, i.Events, i.Cases, i.BadRows,
        JsonSerializer.Deserialize<List<ImportError>>(i.Errors, JsonSerializerOptions.Web) ?? [], i.Message, i.CreatedAt, i.CreatedBy, i.StartedAt, i.FinishedAt);
}
