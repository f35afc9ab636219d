using Npgsql;
using ServiceFlow.Web.Data.Embedded;

namespace ServiceFlow.Web.Tests.Infrastructure;

/// One real PostgreSQL server for the whole test run: SERVICEFLOW_TEST_DB (a connection string to a
/// server where the user may create databases) if set, else a private embedded cluster in /tmp.
/// Each fixture gets its own fresh database, so test classes run in parallel without sharing data.
public static class TestDatabase
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static string? serverConnectionString;
    static EmbeddedPostgres? embedded;

    public static async Task<string> CreateDatabaseAsync(string prefix = "sf")
    {
        var server = await ServerAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using var conn = new NpgsqlConnection(server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    static async Task<string> ServerAsync()
    {
        if (serverConnectionString is not null)
            return serverConnectionString;
        await Gate.WaitAsync();
        try
        {
            if (serverConnectionString is not null)
                return serverConnectionString;
            var configured = Environment.GetEnvironmentVariable("SERVICEFLOW_TEST_DB");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                serverConnectionString = configured;
            }
            else
            {
                // every test host of the run (each with its runtime, reports and Hangfire pools) shares this cluster
                embedded = await EmbeddedPostgres.StartAsync(TempFolder.Create("pg-shared"), maxConnections: 800);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => embedded.DisposeAsync().AsTask().GetAwaiter().GetResult();
                serverConnectionString = embedded.ConnectionString("postgres");
            }
            return serverConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}

public static class TempFolder
{
    /// A folder under /tmp that an unprivileged server account can enter (CreateTempSubdirectory makes 0700 folders).
    public static string Create(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "serviceflow-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 20, 60)]);
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                       UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(Path.Combine(Path.GetTempPath(), "serviceflow-tests"), mode);
            File.SetUnixFileMode(path, mode);
        }
        return path;
    }
}
