using Npgsql;
using ServiceFlow.Web.Data.Embedded;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Foundation;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task EmbeddedPostgres_KeepsData_AcrossStopAndStart()
    {
        var folder = TempFolder.Create("pg-restart");
        await using (var first = await EmbeddedPostgres.StartAsync(folder))
        {
            await ExecAsync(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }

        await using var second = await EmbeddedPostgres.StartAsync(folder);

        (await ScalarAsync(second, "SELECT v FROM kept")).Should().Be("still here");
    }

    [Fact]
    public async Task EmbeddedPostgres_Recovers_AfterServerIsKilledWithSigkill()
    {
        var folder = TempFolder.Create("pg-kill");
        var first = await EmbeddedPostgres.StartAsync(folder);
        await ExecAsync(first, "CREATE TABLE committed (v int); INSERT INTO committed VALUES (42)");

        first.KillServer();
        await first.DisposeAsync(); // releases the folder; the server is already dead
        File.Exists(Path.Combine(first.DataDirectory, "postmaster.pid")).Should().BeTrue("a killed server leaves its pid file");

        await using var second = await EmbeddedPostgres.StartAsync(folder);
        (await ScalarAsync(second, "SELECT v::text FROM committed")).Should().Be("42");
    }

    [Fact]
    public async Task EmbeddedPostgres_RefusesASecondApp_OnTheSameFolder()
    {
        var folder = TempFolder.Create("pg-twice");
        await using var first = await EmbeddedPostgres.StartAsync(folder);

        var second = () => EmbeddedPostgres.StartAsync(folder);

        (await second.Should().ThrowAsync<EmbeddedPostgresException>())
            .Which.Message.Should().Contain("Another ServiceFlow process").And.Contain("ConnectionStrings__ServiceFlow");
        (await ScalarAsync(first, "SELECT 'alive'")).Should().Be("alive");
    }

    [Fact]
    public void PostgresBinaries_NamesBothWaysOut_WhenNoneAreFound()
    {
        var find = () => PostgresBinaries.Find([TempFolder.Create("no-bin")]);

        find.Should().Throw<EmbeddedPostgresException>()
            .Which.Message.Should().Contain("install PostgreSQL").And.Contain("docker compose -f docker/compose.yml up");
    }

    static async Task ExecAsync(EmbeddedPostgres pg, string sql)
    {
        await using var conn = new NpgsqlConnection(pg.ConnectionString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    static async Task<string?> ScalarAsync(EmbeddedPostgres pg, string sql)
    {
        await using var conn = new NpgsqlConnection(pg.ConnectionString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (string?)await cmd.ExecuteScalarAsync();
    }
}
