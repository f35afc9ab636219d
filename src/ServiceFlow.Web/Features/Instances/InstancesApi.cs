using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Instances;

/// Instances through the API: started by the people a workflow names (WorkflowAccess), read by the
/// people who may read its business record (InstanceAccess; a hidden instance is a 404, like a record).
internal static class InstancesApi
{
    public sealed record StartRequest([property: Required, MaxLength(TextLimits.Name)] string WorkflowKey, int? Version,
        [property: MaxLength(TextLimits.Name)] string? BusinessKey, Dictionary<string, JsonElement>? Variables);
    public sealed record StartedResponse(Guid Id, string Status, IReadOnlyList<Guid>? OpenTaskIds = null);
    public sealed record InstanceResponse(Guid Id, string Status, string WorkflowKey, int Version, string? BusinessKey,
        IReadOnlyList<string> ActiveNodes, Dictionary<string, JsonElement> Variables, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
        Guid? ParentInstanceId);
    public sealed record JournalItem(long Id, DateTimeOffset At, string Kind, string? NodeId, string? TokenId, string? UserId, string? Detail);
    public sealed record CancelRequest(string? Reason);
    public sealed record MigrateRequest(int ToVersion, Dictionary<string, string>? NodeMap);

    public static IServiceCollection AddInstances(this IServiceCollection services) => services.AddScoped<InstanceStarts>();

    public static void MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup("/api/instances").WithTags("Instances").RequireAuthorization(Policies.Staff);

        instances.MapPost("/", async Task<Results<Created<StartedResponse>, ProblemHttpResult>> (
            StartRequest request, InstanceStarts starts, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (instance, tasks) = await starts.StartAsync(request, user, ct);
            return TypedResults.Created($"/api/instances/{instance.Id}", new StartedResponse(instance.Id, instance.Status.ToString(), tasks));
        });

        instances.MapGet("/{id:guid}", async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> (
            Guid id, ServiceFlowDbContext db, InstanceAccess access, ClaimsPrincipal user, CancellationToken ct) =>
            await VisibleAsync(db, access, id, user, ct) is { } instance ? TypedResults.Ok(ToResponse(instance)) : Hidden(id));

        instances.MapGet("/{id:guid}/journal", async Task<Results<Ok<List<JournalItem>>, ProblemHttpResult>> (
            Guid id, ServiceFlowDbContext db, InstanceAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (await VisibleAsync(db, access, id, user, ct) is null)
                return Hidden(id);
            return TypedResults.Ok((await JournalRows.ReadAsync(db, id, ct: ct))
                .Select(j => new JournalItem(j.Id, j.At, j.Kind, j.NodeId, j.TokenId, j.UserId, j.Detail)).ToList());
        });

        instances.MapPost("/{id:guid}/cancel", async Task<Results<Ok<StartedResponse>, ProblemHttpResult>> (Guid id, CancelRequest? request,
            ProcessRunner runner, ServiceFlowDbContext db, InstanceAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (await VisibleAsync(db, access, id, user, ct) is null)
                return Hidden(id);
            var instance = await runner.CancelAsync(id, request?.Reason, user.Identity?.Name, ct);
            return TypedResults.Ok(new StartedResponse(instance.Id, instance.Status.ToString()));
        }).RequireAuthorization(Policies.Operator);

        instances.MapPost("/{id:guid}/migrate", async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> (Guid id, MigrateRequest request,
            ProcessRunner runner, ServiceFlowDbContext db, InstanceAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (await VisibleAsync(db, access, id, user, ct) is null)
                return Hidden(id);
            return TypedResults.Ok(ToResponse(await runner.MigrateAsync(id, request.ToVersion, request.NodeMap, user.Identity?.Name, ct)));
        }).RequireAuthorization(Policies.ProcessOwner);

        app.MapMessagesApi();
        app.MapIncidentsApi();
    }

    /// The instance if `user` may read it, else null (unknown and hidden look the same).
    public static async Task<ProcessInstance?> VisibleAsync(ServiceFlowDbContext db, InstanceAccess access, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var instance = await db.ProcessInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        return instance is not null && await access.CanReadAsync(db, instance, user, ct) ? instance : null;
    }

    public static ProblemHttpResult Hidden(Guid id) => Problems.NotFound($"There is no process instance {id} that you can see.");

    static InstanceResponse ToResponse(ProcessInstance instance)
    {
        var state = InstanceStateJson.Deserialize(instance.State);
        var active = state.Tokens.Select(t => t.NodeId).Distinct().Order(StringComparer.Ordinal).ToList();
        return new InstanceResponse(instance.Id, instance.Status.ToString(), instance.WorkflowKey, instance.Version, instance.BusinessKey,
            active, Variables.Deserialize(instance.Variables), instance.StartedAt, instance.EndedAt, instance.ParentInstanceId);
    }
}
