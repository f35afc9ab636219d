using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Reports;

/// Reports speak SQL to PostgreSQL directly (aggregates, COPY).
///
/// The refresher and the importer write on the context's own connection, inside its transaction. The
/// report reads (aggregates, drill-down lists, Pareto, heatmaps) run on a data source of their own with
/// automatic preparation off: their SQL is built per filter and grouping, so it would churn the host's
/// 64 auto-prepared slots that the workflow steps rely on, and under that churn (the API fuzz test, a
/// few hundred distinct report queries in a row) Npgsql 10.0.3 left a connection out of step with the
/// server ("Received unexpected backend message DataRow" on the next query, a 500). A command from
/// `ReadCommand` takes a pooled connection when it runs and gives it back when its reader is disposed.
internal static class ReportDb
{
    static readonly ConcurrentDictionary<string, NpgsqlDataSource> ReadSources = new(StringComparer.Ordinal);

    public static async Task<NpgsqlConnection> ConnectionAsync(ServiceFlowDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    /// A read-only command for a report query, on the reports' read pool (the same server and account).
    public static Task<NpgsqlCommand> CommandAsync(ServiceFlowDbContext db, string sql, CancellationToken ct)
    {
        var source = ReadSources.GetOrAdd(db.Database.GetConnectionString()!, connectionString => new NpgsqlDataSourceBuilder(
            new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 0, ApplicationName = "ServiceFlow reports" }.ConnectionString).Build());
        var cmd = source.CreateCommand(sql);
        // Aggregates over a large history may take a while; the request's cancellation still ends them.
        cmd.CommandTimeout = 300;
        return Task.FromResult(cmd);
    }
}
