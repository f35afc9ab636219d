using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Instances;

/// Incidents for operators, each only where its instance is visible to them (an incident's message can quote the instance's data).
internal static class IncidentsApi
{
    public sealed record IncidentItem(Guid Id, Guid InstanceId, string? ActivityId, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, int Retries);

    public static void MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Instances").RequireAuthorization(Policies.Operator);
        incidents.MapGet("/", async (ServiceFlowDbContext db, InstanceAccess access, ClaimsPrincipal user, bool? resolved, Guid? instanceId, CancellationToken ct) =>
        {
            var query = db.Incidents.AsNoTracking().AsQueryable();
            if (instanceId is { } iid)
                query = query.Where(i => i.InstanceId == iid);
            query = resolved == true ? query.Where(i => i.ResolvedAt != null) : query.Where(i => i.ResolvedAt == null);
            var rows = await query.OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(ct);
            var visible = new Dictionary<Guid, bool>();
            var list = new List<IncidentItem>(rows.Count);
            foreach (var incident in rows)
            {
                if (!visible.TryGetValue(incident.InstanceId, out var canRead))
                    visible[incident.InstanceId] = canRead = await InstancesApi.VisibleAsync(db, access, incident.InstanceId, user, ct) is not null;
                if (canRead)
                    list.Add(Item(incident));
            }
            return TypedResults.Ok(list);
        });
        incidents.MapPost("/{id:guid}/retry", async Task<Results<Ok<IncidentItem>, ProblemHttpResult>> (Guid id, ProcessRunner runner, ServiceFlowDbContext db,
            InstanceAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var instanceId = await db.Incidents.Where(i => i.Id == id).Select(i => (Guid?)i.InstanceId).SingleOrDefaultAsync(ct);
            if (instanceId is null || await InstancesApi.VisibleAsync(db, access, instanceId.Value, user, ct) is null)
                return Problems.NotFound($"There is no incident {id} that you can see.");
            return TypedResults.Ok(Item(await runner.RetryIncidentAsync(id, user.Identity?.Name, ct)));
        });
    }

    static IncidentItem Item(IncidentRecord i) => new(i.Id, i.InstanceId, i.ActivityId, i.Message, i.CreatedAt, i.ResolvedAt, i.Retries);
}
