using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;

namespace ServiceFlow.Web.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// Hangfire on the shared PostgreSQL (schema `hangfire`); every node runs a server.
    /// Polling is sub-second because SLA warnings and BPMN timers are due to the second (ARCHITECTURE D4).
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName)!;
        var options = builder.Configuration.GetSection("Jobs");
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(options.GetValue("QueuePollMilliseconds", 250)),
            InvisibilityTimeout = TimeSpan.FromMinutes(30),
        };
        // The storage is this host's own singleton. Hangfire would otherwise hand every host in the
        // process the static JobStorage.Current, i.e. whichever host configured last (test hosts do share a process).
        builder.Services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        builder.Services.AddHangfire((sp, cfg) => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        if (options.GetValue("RunServer", true))
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.SchedulePollingInterval = TimeSpan.FromMilliseconds(options.GetValue("SchedulePollMilliseconds", 500));
                o.WorkerCount = options.GetValue("Workers", Math.Max(4, Environment.ProcessorCount * 4));
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }
        return builder;
    }

    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = "/" })
            .RequireAuthorization(Policies.Admin);
}
