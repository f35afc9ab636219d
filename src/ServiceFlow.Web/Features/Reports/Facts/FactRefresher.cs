using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Features.Reports.Facts;

internal sealed class ReportsOptions
{
    /// Facts are brought up to date by a report read when they are older than this (0: on every read).
    public int MaxStalenessSeconds { get; set; } = 15;
    public int BatchSize { get; set; } = 2000;
}

/// Keeps report_facts in step with the desk on read, not on write: the commit pipeline stays as it is and a
/// report costs one aggregate over a narrow table. A refresh rewrites the facts of every ticket that is not
/// settled yet and adds the tickets recorded since the last one (with a margin for transactions still
/// committing then); settled facts are never read again. Nodes take turns on the report_refresh row, and a
/// reader that finds a refresh under way waits for it rather than reading half of one.
internal sealed class FactRefresher(SlaCalendars calendars, TimeProvider clock, IOptions<ReportsOptions> options, ILogger<FactRefresher> logger)
{
    static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    /// Returns when the facts were last refreshed (database time).
    public async Task<DateTimeOffset?> EnsureFreshAsync(ServiceFlowDbContext db, CancellationToken ct) =>
        await RefreshAsync(db, full: false, force: false, ct);

    /// `full`: recompute every desk ticket (after a change of the default calendar, or a new version of these rules).
    public async Task<DateTimeOffset?> RefreshAsync(ServiceFlowDbContext db, bool full, bool force, CancellationToken ct)
    {
        var conn = await ReportDb.ConnectionAsync(db, ct);
        // Most reads find the facts fresh: one statement, no transaction, no lock.
        if (!full && !force)
        {
            await using var peek = new NpgsqlCommand(
                "SELECT \"RefreshedAt\" FROM serviceflow.report_refresh WHERE \"Id\" = 1 AND clock_timestamp() - \"RefreshedAt\" < make_interval(secs => @stale)", conn);
            peek.Parameters.Add(new("stale", NpgsqlDbType.Double) { Value = (double)options.Value.MaxStalenessSeconds });
            if (await peek.ExecuteScalarAsync(ct) is DateTime fresh)
                return new DateTimeOffset(fresh, TimeSpan.Zero);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        DateTimeOffset? refreshedAt, since;
        bool due;
        await using (var read = new NpgsqlCommand(
            "SELECT \"RefreshedAt\", \"Since\", clock_timestamp() - \"RefreshedAt\" >= make_interval(secs => @stale) FROM serviceflow.report_refresh WHERE \"Id\" = 1 FOR UPDATE", conn))
        {
            read.Parameters.Add(new("stale", NpgsqlDbType.Double) { Value = (double)options.Value.MaxStalenessSeconds });
            await using var r = await read.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
                throw new InvalidOperationException("report_refresh has no row 1; the Reports migration seeds it.");
            refreshedAt = r.IsDBNull(0) ? null : r.GetFieldValue<DateTimeOffset>(0);
            since = r.IsDBNull(1) ? null : r.GetFieldValue<DateTimeOffset>(1);
            due = refreshedAt is null || r.GetBoolean(2);
        }
        if (!due && !force && !full)
        {
            await tx.CommitAsync(ct);
            return refreshedAt;
        }

        var now = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var ids = await StaleAsync(conn, full ? null : since, ct);
        var registry = calendars.Registry;
        foreach (var batch in ids.Chunk(options.Value.BatchSize))
        {
            var facts = await DeskFacts.ComputeAsync(db, batch, registry, now, ct);
            await FactWriter.ReplaceAsync(conn, batch, facts, ct);
        }
        await using (var mark = new NpgsqlCommand(
            "UPDATE serviceflow.report_refresh SET \"RefreshedAt\" = clock_timestamp(), \"Since\" = @since WHERE \"Id\" = 1 RETURNING \"RefreshedAt\"", conn))
        {
            mark.Parameters.Add(new("since", NpgsqlDbType.TimestampTz) { Value = (now - Margin).UtcDateTime });
            await using var r = await mark.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            refreshedAt = r.GetFieldValue<DateTimeOffset>(0);
        }
        await tx.CommitAsync(ct);
        if (ids.Count > 0)
            logger.LogInformation("Report facts refreshed for {Count} tickets in {Ms:F0} ms", ids.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return refreshedAt;
    }

    /// Desk facts not settled yet, and tickets recorded since `since` that have no fact (all of them when `since` is null).
    static async Task<List<Guid>> StaleAsync(NpgsqlConnection conn, DateTimeOffset? since, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT f."Id" FROM serviceflow.report_facts f WHERE f."Source" = 'desk' AND NOT f."Final"
            UNION
            SELECT t."Id" FROM serviceflow.tickets t
            WHERE @since IS NULL OR (t."RecordedAt" >= @since AND NOT EXISTS (SELECT 1 FROM serviceflow.report_facts f WHERE f."Id" = t."Id"))
            """, conn);
        cmd.Parameters.Add(new("since", NpgsqlDbType.TimestampTz) { Value = since is { } s ? s.UtcDateTime : DBNull.Value });
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            ids.Add(reader.GetGuid(0));
        return ids;
    }
}
