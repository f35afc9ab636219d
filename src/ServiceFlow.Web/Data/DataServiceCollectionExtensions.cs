using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;
using ServiceFlow.Web.Data.Embedded;

namespace ServiceFlow.Web.Data;

internal static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "ServiceFlow";

    /// Uses ConnectionStrings:ServiceFlow when set; otherwise starts the embedded PostgreSQL
    /// in the data folder and points the connection string at it. The result stops that server
    /// when disposed, which Program does after the host (and its job server) has shut down.
    public static IAsyncDisposable AddServiceFlowData(this WebApplicationBuilder builder)
    {
        IAsyncDisposable owned = NothingToStop.Instance;
        // Every SQL statement at Information drowns what a person needs on the console; SERVICEFLOW_LOG_SQL=true
        // shows them again (the same as Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information).
        if (builder.Configuration.GetValue<bool>("SERVICEFLOW_LOG_SQL"))
            builder.Configuration[$"Logging:LogLevel:{DbLoggerCategory.Database.Command.Name}"] = "Information";
        else
            builder.Configuration[$"Logging:LogLevel:{DbLoggerCategory.Database.Command.Name}"] ??= "Warning";
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        var embedded = string.IsNullOrWhiteSpace(connectionString);
        var dataFolder = DataFolder(builder);
        var account = OsAccount.ForServer();
        // Private to our account; the embedded server's own account (when we run as root) may only pass through.
        PrivateFiles.Folder(dataFolder, embedded && account.IsOtherAccount ? PrivateFiles.PassThroughFolder : PrivateFiles.OwnerOnlyFolder);
        Console.WriteLine($"ServiceFlow: data folder {dataFolder}");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var folder = ClusterFolder.For(dataFolder, builder.Configuration["ServiceFlow:DatabaseFolder"], account, out var why);
            if (why is not null)
                Console.WriteLine($"ServiceFlow: {why}, so the embedded database lives in {folder} (ServiceFlow__DatabaseFolder chooses another place)");
            Console.WriteLine($"ServiceFlow: no ConnectionStrings__ServiceFlow set; starting the embedded PostgreSQL in {folder}");
            var pg = EmbeddedPostgres.StartAsync(folder).GetAwaiter().GetResult();
            connectionString = pg.ConnectionString();
            builder.Services.AddSingleton(pg);
            owned = pg;
        }

        // One tuned string for every pool in the process (EF, Hangfire, health), so they share one
        // Npgsql pool per host instead of opening a second set of connections.
        connectionString = Tuned(connectionString);
        builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = connectionString;

        // Pooled: every workflow step opens a scope and a context, and building one costs more than the step's own work.
        builder.Services.AddDbContextPool<ServiceFlowDbContext>(o => o.UseNpgsql(connectionString,
                npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", ServiceFlowDbContext.Schema))
            .AddInterceptors(new Runtime.DeferredTransaction.Commands(), new Runtime.DeferredTransaction.Saves()));
        return owned;
    }

    /// Data Protection keys (cookies, bearer tokens, survey links) in the database, encrypted at rest.
    /// Only the server needs them: verbs such as `import` use the database alone and start without a certificate.
    public static WebApplicationBuilder AddServiceFlowKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("ServiceFlow").ProtectKeysAtRest(builder, DataFolder(builder));
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return builder;
    }

    /// The runtime sends the same few statements for every step. Prepared once per connection, the
    /// server stops parsing and planning them each time (measured: about a third of the server's CPU
    /// per instance). Prepared statements live in the session, so a connection handed back to the pool
    /// is not reset with DISCARD ALL (nothing in ServiceFlow keeps session state: no SET, LISTEN,
    /// advisory locks or temp tables). Whatever the configured connection string says about either wins.
    internal static string Tuned(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            csb.MaxAutoPrepare = 64;
            csb.AutoPrepareMinUsages = 2;
        }
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            csb.NoResetOnClose = true;
        return csb.ConnectionString;
    }

    /// `.serviceflow/` under the content root unless ServiceFlow:DataFolder says otherwise.
    public static string DataFolder(WebApplicationBuilder builder) =>
        builder.Configuration["ServiceFlow:DataFolder"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(builder.Environment.ContentRootPath, ".serviceflow");

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        // Npgsql's migrator finds out whether its history table exists by querying it and catching the
        // error, which EF logs as a red `fail:` on every first start (npgsql/efcore.pg#3407): make it first.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
        await db.Database.MigrateAsync();
        var encryptor = app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor;
        if (encryptor is not null && await PlainKeyUpgrade.EncryptPlainKeysAsync(db, encryptor) is > 0 and var upgraded)
            app.Logger.LogInformation("Encrypted {Count} Data Protection key(s) that were stored in plain text", upgraded);
    }
}

internal sealed class NothingToStop : IAsyncDisposable
{
    public static readonly NothingToStop Instance = new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
