using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Foundation;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_ApplyToAnEmptyDatabase()
    {
        var connectionString = await TestDatabase.CreateDatabaseAsync("mig");
        var options = new DbContextOptionsBuilder<ServiceFlowDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations", ServiceFlowDbContext.Schema))
            .Options;
        await using var db = new ServiceFlowDbContext(options);

        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().BeEquivalentTo(db.Database.GetMigrations());
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'serviceflow' AND table_name = 'AspNetUsers'", conn);
        ((long)(await cmd.ExecuteScalarAsync())!).Should().Be(1);
    }
}
