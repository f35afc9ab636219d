using System.Net;
using ServiceFlow.Web.Tests.Sla;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

/// Counts and times per node and flow of a workflow version, from the journal of its instances.
public sealed class ProcessHeatmapTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact]
    public async Task Heatmap_TimesEachStep_AndMarksTheSlowest()
    {
        var admin = app.CreateAdminApiClient();
        var p1 = await SlaClient.CreateTicketAsync(admin, "system-operations", "P1", app.Clock.GetUtcNow());
        var p3 = await SlaClient.CreateTicketAsync(admin, "system-operations", "P3", app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await SlaDesk.CompleteAsync(admin, p1, "review", new { decision = "accept", groupAnalysis = false });
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await SlaDesk.CompleteAsync(admin, p3, "review", new { decision = "accept", groupAnalysis = false });
        app.Clock.Advance(TimeSpan.FromMinutes(60));
        await SlaDesk.CompleteAsync(admin, p1, "arrange", new { handler = "admin", plan = "fix" });

        var heat = await GetAsync(admin, "/api/reports/process?workflow=service-exception&from=2026-06-01&to=2026-07-01");
        heat.GetProperty("instances").GetInt64().Should().Be(2);
        var nodes = heat.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);
        nodes["review"].GetProperty("count").GetInt64().Should().Be(2);
        nodes["review"].GetProperty("p50").GetDouble().Should().Be(20 * 60, "10 and 30 minutes: the median of two is their mean");
        nodes["review"].GetProperty("max").GetDouble().Should().Be(30 * 60);
        nodes["arrange"].GetProperty("completed").GetInt64().Should().Be(1);
        nodes["arrange"].GetProperty("waiting").GetInt64().Should().Be(1);
        nodes["arrange"].GetProperty("p50").GetDouble().Should().Be(80 * 60);
        nodes["arrange"].GetProperty("slowest").GetBoolean().Should().BeTrue();
        nodes["review"].GetProperty("slowest").GetBoolean().Should().BeTrue();
        nodes["execute"].GetProperty("waiting").GetInt64().Should().Be(1);
        var flows = heat.GetProperty("flows").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        flows["f2"].GetProperty("count").GetInt64().Should().Be(2);
        flows["f6"].GetProperty("count").GetInt64().Should().Be(1);
        heat.GetProperty("xml").GetString().Should().Contain("bpmndi:BPMNDiagram");

        var p1Only = await GetAsync(admin, "/api/reports/process?workflow=service-exception&from=2026-06-01&to=2026-07-01&priority=P1");
        p1Only.GetProperty("instances").GetInt64().Should().Be(1);
        (await admin.GetAsync("/api/reports/process?workflow=nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
