using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Reports.Imports;

/// The import's row as its progress bar sees it. Progress and failure are written on their own connection
/// (outside the loading transaction, so they show while it runs and stay when it rolls back); success is
/// written inside the loading transaction, so "Succeeded" and the data appear together.
/// This process, as the node that holds an upload (a restarted process is another node: its uploads were lost).
internal static class ImportNode
{
    public static readonly string Name = $"{Environment.MachineName}:{Environment.ProcessId}";
}

internal sealed class ImportStatus(ServiceFlowDbContext db, Guid id, TimeProvider clock)
{
    public async Task<ReportImport> StartAsync(CancellationToken ct)
    {
        var import = await db.Set<ReportImport>().SingleAsync(i => i.Id == id, ct);
        var now = clock.GetUtcNow();
        (import.State, import.StartedAt, import.HeartbeatAt) = (ImportState.Running, now, now);
        await db.SaveChangesAsync(ct);
        return import;
    }

    public async Task ProgressAsync(double fraction, long rows, long events, long bad, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<ReportImport>().Where(i => i.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Progress, Math.Min(fraction, 0.99))
            .SetProperty(i => i.Rows, rows)
            .SetProperty(i => i.Events, events)
            .SetProperty(i => i.BadRows, bad)
            .SetProperty(i => i.HeartbeatAt, now), ct);
        // The uploads waiting behind this one are alive too: their node is working.
        await db.Set<ReportImport>().Where(i => i.Node == ImportNode.Name && i.State == ImportState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.HeartbeatAt, now), ct);
    }

    public async Task FailAsync(string message, CancellationToken ct, long? rows = null, long? bad = null, IReadOnlyList<ImportError>? errors = null)
    {
        var now = clock.GetUtcNow();
        var json = errors is null ? null : JsonSerializer.Serialize(errors, JsonSerializerOptions.Web);
        await db.Set<ReportImport>().Where(i => i.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.State, ImportState.Failed)
            .SetProperty(i => i.Message, message)
            .SetProperty(i => i.Events, 0L)
            .SetProperty(i => i.Cases, 0L)
            .SetProperty(i => i.Rows, i => rows ?? i.Rows)
            .SetProperty(i => i.BadRows, i => bad ?? i.BadRows)
            .SetProperty(i => i.Errors, i => json ?? i.Errors)
            .SetProperty(i => i.FinishedAt, now)
            .SetProperty(i => i.HeartbeatAt, now), ct);
    }

    public async Task SucceedAsync(NpgsqlConnection loading, long rows, long events, long cases, long bad, IReadOnlyList<ImportError> errors,
        double meanDays, double medianDays, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE serviceflow.report_imports SET "State" = 'Succeeded', "Progress" = 1, "Rows" = @rows, "Events" = @events, "Cases" = @cases,
              "BadRows" = @bad, "Errors" = @errors::jsonb, "ThroughputMeanDays" = @mean, "ThroughputMedianDays" = @median,
              "FinishedAt" = @now, "HeartbeatAt" = @now, "Message" = @message
            WHERE "Id" = @id
            """, loading);
        var now = clock.GetUtcNow();
        cmd.Parameters.AddWithValue("rows", rows);
        cmd.Parameters.AddWithValue("events", events);
        cmd.Parameters.AddWithValue("cases", cases);
        cmd.Parameters.AddWithValue("bad", bad);
        cmd.Parameters.AddWithValue("errors", JsonSerializer.Serialize(errors, JsonSerializerOptions.Web));
        cmd.Parameters.AddWithValue("mean", meanDays);
        cmd.Parameters.AddWithValue("median", medianDays);
        cmd.Parameters.AddWithValue("now", now.UtcDateTime);
        cmd.Parameters.AddWithValue("message", bad > 0 ? $"{bad} bad row(s) skipped." : (object)DBNull.Value);
        cmd.Parameters.AddWithValue("id", id);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
