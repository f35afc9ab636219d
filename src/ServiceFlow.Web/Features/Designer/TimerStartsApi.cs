using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Designer;

/// The timer start events the host schedules for a workflow, so a process owner can see when it next starts.
internal static class TimerStartsApi
{
    public sealed record TimerStartDto(string StartEventId, int Version, bool Active, DateTimeOffset? NextDue, int FiredCount,
        int SkippedCount, DateTimeOffset? LastFiredAt);

    /// Mapped on the workflows group, so it shares its authorization policy.
    public static void MapTimerStarts(this RouteGroupBuilder group) =>
        group.MapGet("/{key}/timer-starts", async Task<Results<Ok<List<TimerStartDto>>, ProblemHttpResult>> (
            string key, ServiceFlowDbContext db, CancellationToken ct) =>
        {
            if (!await db.WorkflowDefinitions.AnyAsync(d => d.Key == key, ct))
                return Problems.NotFound($"No workflow with key '{key}' is published.");
            var rows = await db.TimerStarts.AsNoTracking().Where(t => t.WorkflowKey == key)
                .OrderByDescending(t => t.Version).ThenBy(t => t.StartEventId)
                .Select(t => new TimerStartDto(t.StartEventId, t.Version, t.Active, t.NextDue, t.FiredCount, t.SkippedCount, t.LastFiredAt))
                .ToListAsync(ct);
            return TypedResults.Ok(rows);
        });
}
