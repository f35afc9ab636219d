using Npgsql;

namespace ServiceFlow.Benchmarks;

/// The yardstick every database-bound figure is divided by: single-row INSERT transactions
/// through Npgsql on the same server, in the same run.
internal static class Baseline
{
    public static async Task PrepareAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand(
            "DROP TABLE IF EXISTS bench_baseline; CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())");
        await cmd.ExecuteNonQueryAsync();
    }

    public static Task<Throughput> InsertTransactionsAsync(NpgsqlDataSource db, int clients, int operations) =>
        Measure.RunAsync("baseline: INSERT + COMMIT (Npgsql)", clients, operations, _ => InsertOneAsync(db));

    public static async Task InsertOneAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand("INSERT INTO bench_baseline (payload) VALUES (@p)", conn, tx);
        cmd.Parameters.AddWithValue("p", "x");
        await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
