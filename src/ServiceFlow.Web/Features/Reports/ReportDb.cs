using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Reports;

/// Reports speak SQL to PostgreSQL directly (aggregates, COPY) on the context's own connection, so they
/// share the host's one connection pool and, inside a context transaction, that transaction.
internal static class ReportDb
{
    public static async Task<NpgsqlConnection> ConnectionAsync(ServiceFlowDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    public static async Task<NpgsqlCommand> CommandAsync(ServiceFlowDbContext db, string sql, CancellationToken ct)
    {
        var conn = await ConnectionAsync(db, ct);
        // Aggregates over a large history may take a while; the request's cancellation still ends them.
        return new NpgsqlCommand(sql, conn) { CommandTimeout = 300 };
    }
}
