using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ServiceFlow.Web.Tests.Infrastructure;

/// The real host on a fresh database of the shared test server. Known admin password and token.
public class ServiceFlowApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// A host on an existing database (e.g. to restart "the same node" in a crash test), optionally without a Hangfire server.
    public static ServiceFlowApp StartOn(string connectionString, bool runJobs = true, params (string Key, string Value)[] settings)
    {
        var app = new ServiceFlowApp { ConnectionString = connectionString, extra = [.. settings, ("Jobs:RunServer", runJobs ? "true" : "false")] };
        app.StartServer();
        return app;
    }

    (string Key, string Value)[] extra = [];

    public const string AdminPassword = "Ops-Passw0rd-Test-1";
    public const string AdminToken = "test-admin-token-5f1c";

    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateDatabaseAsync();
        StartServer(); // start the host now: migrations and seeding run before the first test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ServiceFlow", ConnectionString);
        builder.UseSetting("SERVICEFLOW_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("SERVICEFLOW_ADMIN_TOKEN", AdminToken);
        builder.UseSetting("ServiceFlow:DataFolder", TempFolder.Create("app"));
        builder.UseSetting("DataProtection:Certificate:Path", TestKeys.CertificatePath);
        // Every client of an in-process test server has the same (no) address; the sign-in limits are tested
        // on their own host (Security/SignInThrottlingTests), not by every fixture that signs people in.
        builder.UseSetting("SignIn:ClientBurst", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Many hosts share one test server: keep each one's connection use small.
        builder.UseSetting("Jobs:Workers", "3");
        builder.UseSetting("Jobs:HangfireLogs", "false");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        foreach (var (key, value) in ExtraSettings())
            builder.UseSetting(key, value);
    }

    protected virtual IEnumerable<(string Key, string Value)> ExtraSettings() => extra;

    public HttpClient CreateAdminApiClient()
    {
        var client = CreateApiClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// An HTTP client for the host; on Kestrel (browser tests) a real socket client.
    protected virtual HttpClient CreateApiClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public new async Task DisposeAsync() => await base.DisposeAsync();
}
