using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Features.Instances;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Requests;

/// The request catalog through the API: what the caller may request, one request's start form (with the
/// options the server fills in), making a request, the caller's own requests, and the files kept with an instance.
internal static class RequestsApi
{
    public sealed record CatalogItem(string Key, int Version, string Name, string? Description, string Category, string FormKey);
    public sealed record CatalogForm(CatalogItem Request, JsonElement Form, Dictionary<string, object> Data);
    public sealed record StartRequest(Dictionary<string, JsonElement>? Variables);
    public sealed record Started(Guid InstanceId, string Status, IReadOnlyList<Guid> OpenTaskIds);

    public static IServiceCollection AddRequests(this IServiceCollection services) =>
        services.AddSingleton<RequestCatalog>().AddScoped<RequestStarts>().AddScoped<MyRequests>();

    public static void MapRequestsApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/api/requests").WithTags("Requests").RequireAuthorization(Policies.Staff);

        requests.MapGet("/catalog", async (ServiceFlowDbContext db, RequestCatalog catalog, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok((await catalog.ListAsync(db, user, CultureInfo.CurrentUICulture, ct)).Select(ToItem).ToList()));

        requests.MapGet("/catalog/{key}", async (string key, ServiceFlowDbContext db, RequestCatalog catalog, TimeProvider clock, ClaimsPrincipal user,
            CancellationToken ct) =>
        {
            var entry = await catalog.FindAsync(db, key, user, CultureInfo.CurrentUICulture, ct);
            var form = await catalog.FormAsync(db, entry, ct);
            var members = await FormGroups.MembersAsync(db, form, clock.GetUtcNow(), ct);
            return TypedResults.Ok(new CatalogForm(ToItem(entry), JsonSerializer.SerializeToElement(form.Raw), FormGroups.InputData(form, members)));
        });

        // JSON `{ "variables": {…} }`, or multipart: a `variables` part with that object and one part per file field.
        requests.MapPost("/catalog/{key}", async Task<Created<Started>> (string key, HttpContext http, ServiceFlowDbContext db, RequestCatalog catalog,
            RequestStarts starts, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (FormUploads.Limit(http, starts.Attachments) is { } tooLarge)
                throw tooLarge;
            var entry = await catalog.FindAsync(db, key, user, CultureInfo.CurrentUICulture, ct);
            var form = await catalog.FormAsync(db, entry, ct);
            var (variables, files) = await ReadAsync(http.Request, form, starts.Attachments, ct);
            var (instance, tasks) = await starts.StartAsync(db, entry, form, variables, files, user, ct);
            return TypedResults.Created($"/api/instances/{instance.Id}", new Started(instance.Id, instance.Status.ToString(), tasks));
        }).Accepts<StartRequest>("application/json", "multipart/form-data");

        requests.MapGet("/mine", async (MyRequests mine, ClaimsPrincipal user, CancellationToken ct) => TypedResults.Ok(await mine.ListAsync(user, ct)));

        app.MapGroup("/api/instances").WithTags("Instances").RequireAuthorization(Policies.Staff)
            .MapGet("/{id:guid}/files/{fileId:guid}", async Task<IResult> (Guid id, Guid fileId, HttpContext http, ServiceFlowDbContext db,
                InstanceAccess access, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (await InstancesApi.VisibleAsync(db, access, id, user, ct) is null)
                    return InstancesApi.Hidden(id);
                var file = await db.Set<InstanceFile>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.InstanceId == id, ct);
                if (file is null)
                    return Problems.NotFound($"Instance {id} has no file {fileId}.");
                // As ticket attachments: always a download, never a page of our origin.
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
                http.Response.Headers.CacheControl = "private, no-store";
                return Results.File(file.Content, AttachmentPolicy.ServedContentType(file.ContentType), file.FileName);
            });
    }

    static CatalogItem ToItem(CatalogEntry e) => new(e.Key, e.Version, e.Name, e.Description, e.Category, e.FormKey);

    static async Task<(Dictionary<string, JsonElement> Variables, List<UploadedFile> Files)> ReadAsync(HttpRequest request, FormSchema form,
        AttachmentOptions o, CancellationToken ct)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var posted = await FormUploads.ReadFormAsync(request, o, ct);
                var variables = posted["variables"].ToString() is { Length: > 0 } text
                    ? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text) ?? [] : [];
                return (variables, await FormUploads.ReadAsync(posted, form, o, ct));
            }
            if (!request.HasJsonContentType())
                throw new RuntimeProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    "Send the variables as application/json, or as multipart/form-data when the form has file fields.");
            return ((await request.ReadFromJsonAsync<StartRequest>(ct))?.Variables ?? [], []);
        }
        catch (JsonException ex)
        {
            throw RuntimeProblem.BadRequest($"The variables are not valid JSON: {ex.Message}");
        }
    }
}
