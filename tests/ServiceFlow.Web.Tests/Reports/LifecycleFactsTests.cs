using ServiceFlow.Web.Tests.Sla;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

/// The facts come from what the desk really writes: a ticket taken through the lifecycle workflow with a
/// fake clock shows up in the figures with its first response from its SLA clock and its handling time.
public sealed class LifecycleFactsTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact]
    public async Task TicketThroughTheWorkflow_IsCountedOpenThenResolved_WithItsClockTimes()
    {
        var admin = app.CreateAdminApiClient();
        var number = await SlaClient.CreateTicketAsync(admin, "system-operations", "P2", app.Clock.GetUtcNow().AddMinutes(-5));
        const string query = "from=2026-06-01&to=2026-07-01&measures=volume,open,resolved,firstResponse,sla.response,handlingTime,recordedToResolved";
        var before = await MeasuresAsync(admin, query);
        Value(Total(before, "volume")).Should().Be(1);
        Value(Total(before, "open")).Should().Be(1);
        Value(Total(before, "resolved")).Should().Be(0);

        app.Clock.Advance(TimeSpan.FromMinutes(10)); // the review ends the first-response clock (P2: 30 min)
        await SlaDesk.ToInProgressAsync(admin, number);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await SlaDesk.CompleteAsync(admin, number, "execute", new { solved = true, solution = "restarted", recovery = "ok" });
        await SlaDesk.CompleteAsync(admin, number, "confirm", new { confirmed = true });
        (await SlaDesk.StatusAsync(admin, number)).Should().Be("Archived");

        var after = await MeasuresAsync(admin, query);
        Value(Total(after, "open")).Should().Be(0);
        Value(Total(after, "resolved")).Should().Be(1);
        Value(Total(after, "firstResponse")).Should().BeApproximately(10 / 60.0, 1e-9);
        Value(Total(after, "sla.response")).Should().Be(1);
        Value(Total(after, "recordedToResolved")).Should().BeApproximately(2 + 10 / 60.0, 1e-9);
        Value(Total(after, "handlingTime")).Should().BeApproximately(2 + 15 / 60.0, 1e-9, "discovered five minutes before it was recorded");
    }
}
