using Hangfire;
using Hangfire.Client;
using Hangfire.Dashboard;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Server;
using Hangfire.States;
using ServiceFlow.Web.Data;

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
        // Likewise the client and the activator: registered before AddHangfire (which only TryAdds), so
        // jobs go into this host's store and run with this host's services, never another host's.
        builder.Services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        builder.Services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<IBackgroundJobFactory>(_ => new BackgroundJobFactory(Hangfire.Common.JobFilterProviders.Providers));
        builder.Services.AddSingleton<IBackgroundJobStateChanger>(_ => new BackgroundJobStateChanger(Hangfire.Common.JobFilterProviders.Providers));
        builder.Services.AddSingleton<IBackgroundJobPerformer>(sp => new BackgroundJobPerformer(Hangfire.Common.JobFilterProviders.Providers, sp.GetRequiredService<JobActivator>()));
        builder.Services.AddHangfire((sp, cfg) => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>())
            // Hangfire's log provider is process-wide; a host that shuts down disposes its loggers, so
            // where several hosts share a process (tests) Hangfire must not log through one of them.
            .UseLogProvider<ILogProvider>(options.GetValue("HangfireLogs", true)
                ? new Hangfire.AspNetCore.AspNetCoreLogProvider(sp.GetRequiredService<ILoggerFactory>())
                : new SilentLogProvider()));
        // The one dispatcher and sweeper of durable intents (Data/Intent.cs); features register an IIntentHandler per kind.
        builder.Services.AddOptions<IntentOptions>().BindConfiguration("Jobs");
        builder.Services.AddSingleton<IntentDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IntentDispatcher>());
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

internal sealed class SilentLogProvider : ILogProvider
{
    public ILog GetLogger(string name) => SilentLog.Instance;

    sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception exception) => false;
    }
}
