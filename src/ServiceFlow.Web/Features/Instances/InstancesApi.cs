using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Instances;

internal static class InstancesApi
{
    public sealed record StartRequest(string WorkflowKey, int? Version, string? BusinessKey, Dictionary<string, JsonElement>? Variables);
    public sealed record StartedResponse(Guid Id, string Status, IReadOnlyList<Guid>? OpenTaskIds = null);
    public sealed record InstanceResponse(Guid Id, string Status, string WorkflowKey, int Version, string? BusinessKey,
        IReadOnlyList<string> ActiveNodes, Dictionary<string, JsonElement> Variables, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
        Guid? ParentInstanceId);
    public sealed record JournalItem(long Id, DateTimeOffset At, string Kind, string? NodeId, string? TokenId, string? UserId, string? Detail);
    public sealed record CancelRequest(string? Reason);
    public sealed record MigrateRequest(int ToVersion, Dictionary<string, string>? NodeMap);
    public sealed record MessageRequest(string Name, string? CorrelationKey, Dictionary<string, JsonElement>? Variables);
    public sealed record MessageResponse(IReadOnlyList<Guid> Instances);
    public sealed record IncidentItem(Guid Id, Guid InstanceId, string? ActivityId, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, int Retries);

    public static void MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup("/api/instances").WithTags("Instances").RequireAuthorization(Policies.Staff);

        instances.MapPost("/", async Task<Results<Created<StartedResponse>, ProblemHttpResult>> (
            StartRequest request, ProcessRunner runner, HttpContext http, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.WorkflowKey))
                return Problems.BadRequest("workflowKey is required: the key of a published workflow, e.g. 'service-exception'.");
            var (instance, tasks) = await runner.StartAsync(request.WorkflowKey, request.Version, request.BusinessKey, request.Variables, http.User.Identity?.Name, ct);
            return TypedResults.Created($"/api/instances/{instance.Id}", new StartedResponse(instance.Id, instance.Status.ToString(), tasks));
        });

        instances.MapGet("/{id:guid}", async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> (Guid id, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            var instance = await db.ProcessInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
            if (instance is null)
                return Problems.NotFound($"There is no process instance {id}.");
            return TypedResults.Ok(ToResponse(instance));
        });

        instances.MapGet("/{id:guid}/journal", async Task<Results<Ok<List<JournalItem>>, ProblemHttpResult>> (Guid id, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            if (!await db.ProcessInstances.AnyAsync(i => i.Id == id, ct))
                return Problems.NotFound($"There is no process instance {id}.");
            return TypedResults.Ok((await JournalRows.ReadAsync(db, id, ct: ct))
                .Select(j => new JournalItem(j.Id, j.At, j.Kind, j.NodeId, j.TokenId, j.UserId, j.Detail)).ToList());
        });

        instances.MapPost("/{id:guid}/cancel", async (Guid id, CancelRequest? request, ProcessRunner runner, HttpContext http, CancellationToken ct) =>
        {
            var instance = await runner.CancelAsync(id, request?.Reason, http.User.Identity?.Name, ct);
            return TypedResults.Ok(new StartedResponse(instance.Id, instance.Status.ToString()));
        }).RequireAuthorization(Policies.Operator);

        instances.MapPost("/{id:guid}/migrate", async (Guid id, MigrateRequest request, ProcessRunner runner, HttpContext http, CancellationToken ct) =>
        {
            var instance = await runner.MigrateAsync(id, request.ToVersion, request.NodeMap, http.User.Identity?.Name, ct);
            return TypedResults.Ok(ToResponse(instance));
        }).RequireAuthorization(Policies.ProcessOwner);

        var messages = app.MapGroup("/api/messages").WithTags("Instances").RequireAuthorization(Policies.Staff);
        messages.MapPost("/", async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> (
            MessageRequest request, ProcessRunner runner, HttpContext http, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name))
                return Problems.BadRequest("name is required: the BPMN message name the process waits for.");
            var reached = await runner.CorrelateAsync(request.Name, request.CorrelationKey, request.Variables, http.User.Identity?.Name, ct);
            return reached.Count == 0
                ? Problems.NotFound($"No instance is waiting for message '{request.Name}'" + (request.CorrelationKey is null ? "." : $" with correlation key '{request.CorrelationKey}'."))
                : TypedResults.Ok(new MessageResponse(reached));
        });

        var incidents = app.MapGroup("/api/incidents").WithTags("Instances").RequireAuthorization(Policies.Operator);
        incidents.MapGet("/", async (ServiceFlowDbContext db, bool? resolved, Guid? instanceId, CancellationToken ct) =>
        {
            var query = db.Incidents.AsNoTracking().AsQueryable();
            if (instanceId is { } iid)
                query = query.Where(i => i.InstanceId == iid);
            query = resolved == true ? query.Where(i => i.ResolvedAt != null) : query.Where(i => i.ResolvedAt == null);
            return TypedResults.Ok(await query.OrderByDescending(i => i.CreatedAt).Take(500)
                .Select(i => new IncidentItem(i.Id, i.InstanceId, i.ActivityId, i.Message, i.CreatedAt, i.ResolvedAt, i.Retries)).ToListAsync(ct));
        });
        incidents.MapPost("/{id:guid}/retry", async (Guid id, ProcessRunner runner, HttpContext http, CancellationToken ct) =>
        {
            var incident = await runner.RetryIncidentAsync(id, http.User.Identity?.Name, ct);
            return TypedResults.Ok(new IncidentItem(incident.Id, incident.InstanceId, incident.ActivityId, incident.Message, incident.CreatedAt, incident.ResolvedAt, incident.Retries));
        });
    }

    static InstanceResponse ToResponse(ProcessInstance instance)
    {
        var state = InstanceStateJson.Deserialize(instance.State);
        var active = state.Tokens.Select(t => t.NodeId).Distinct().Order(StringComparer.Ordinal).ToList();
        return new InstanceResponse(instance.Id, instance.Status.ToString(), instance.WorkflowKey, instance.Version, instance.BusinessKey,
            active, Variables.Deserialize(instance.Variables), instance.StartedAt, instance.EndedAt, instance.ParentInstanceId);
    }
}
