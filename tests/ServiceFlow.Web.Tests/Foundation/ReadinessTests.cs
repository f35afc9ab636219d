using System.Net;
using ServiceFlow.Web.Data.Embedded;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Foundation;

/// Runs the host on a private cluster that the test can stop, without disturbing other tests.
public sealed class ReadinessTests : IAsyncLifetime
{
    EmbeddedPostgres pg = null!;
    PrivateServerApp app = null!;

    public async Task InitializeAsync()
    {
        pg = await EmbeddedPostgres.StartAsync(TempFolder.Create("pg-ready"));
        app = new PrivateServerApp(pg.ConnectionString());
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await pg.DisposeAsync();
    }

    [Fact]
    public async Task Readyz_Answers503WithReason_WhileTheDatabaseIsStopped_And200AfterItReturns()
    {
        var client = app.CreateClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await pg.StopAsync();
        var down = await client.GetAsync("/readyz");

        down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await down.Content.ReadAsStringAsync()).Should().Contain("PostgreSQL is not reachable");

        await pg.RestartAsync();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    sealed class PrivateServerApp(string connectionString) : ServiceFlowApp
    {
        public override Task InitializeAsync()
        {
            StartServer();
            return Task.CompletedTask;
        }

        protected override IEnumerable<(string Key, string Value)> ExtraSettings() =>
            [("ConnectionStrings:ServiceFlow", connectionString)];
    }
}
