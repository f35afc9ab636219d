using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServiceFlow.Web.Tests.Sla;

/// Policies' PauseStates acted on: the ticket's waiting states pause and resume its clocks (real
/// PostgreSQL, fake clock, the lifecycle workflow driven over the API).
public sealed class SlaPauseStateTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task WaitingForCustomer_OverANight_PausesAndResumes_DueShiftedByThePausedBusinessTime()
    {
        var admin = app.CreateAdminApiClient();
        await SlaClient.PutPolicyAsync(admin, "svc-wait", new { priority = "P3", serviceType = "svc-wait", firstResponse = "PT1H", resolution = "PT4H", calendar = "default" });
        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 1, 14, 30, 0, Shanghai).ToUniversalTime());
        var number = await SlaClient.CreateTicketAsync(admin, "svc-wait", "P3", app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromMinutes(30)); // 15:00
        await SlaDesk.ToInProgressAsync(admin, number);
        SlaClient.Due(await SlaClient.ClockAsync(admin, number, "resolution")).Should().Be(new DateTimeOffset(2026, 6, 2, 9, 30, 0, Shanghai), "14:30 + 2.5 h Monday + 1.5 h Tuesday");

        app.Clock.Advance(TimeSpan.FromHours(1)); // 16:00 Monday
        (await SlaDesk.SetStatusAsync(admin, number, "WaitingForCustomer", "asked for the log file")).StatusCode.Should().Be(HttpStatusCode.OK);
        var paused = await SlaClient.ClockAsync(admin, number, "resolution");
        paused.GetProperty("state").GetString().Should().Be("Paused");
        paused.GetProperty("pausedByState").GetString().Should().Be("WaitingForCustomer");
        paused.GetProperty("dueAt").ValueKind.Should().Be(JsonValueKind.Null);
        paused.GetProperty("elapsed").GetString().Should().Be("PT1H30M");
        paused.GetProperty("timers").EnumerateArray().Should().OnlyContain(t => t.GetProperty("cancelledAt").ValueKind != JsonValueKind.Null || t.GetProperty("firedAt").ValueKind != JsonValueKind.Null,
            "a paused clock has no timer waiting");

        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 2, 9, 0, 0, Shanghai).ToUniversalTime()); // over the night: 2 business hours paused
        (await SlaDesk.SetStatusAsync(admin, number, "InProgress", "customer sent the log")).StatusCode.Should().Be(HttpStatusCode.OK);
        var resumed = await SlaClient.ClockAsync(admin, number, "resolution");
        resumed.GetProperty("state").GetString().Should().Be("Running");
        SlaClient.Due(resumed).Should().Be(new DateTimeOffset(2026, 6, 2, 11, 30, 0, Shanghai), "the old due instant 09:30 plus the 2 paused business hours (16–17 and 08–09)");
        SlaClient.Timer(resumed, "breach").GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 6, 2, 11, 30, 0, Shanghai));
        var segments = SlaDesk.Segments(resumed);
        segments.Select(s => s.GetProperty("running").GetBoolean()).Should().Equal(true, false, true);
        segments[1].GetProperty("reason").GetString().Should().Be("state:WaitingForCustomer");
        segments[2].GetProperty("reason").GetString().Should().Be("state:InProgress");
        resumed.GetProperty("elapsed").GetString().Should().Be("PT1H30M", "nothing counted while waiting");

        // A vendor escalation waits for the vendor: the clocks pause again, named by that state.
        var escalated = await admin.PostAsJsonAsync($"/api/tickets/{number}/escalate", new { to = "Vendor", reason = "database bug", vendor = "DBCo", vendorReference = "CASE-7" });
        escalated.StatusCode.Should().Be(HttpStatusCode.OK, await escalated.Content.ReadAsStringAsync());
        (await SlaDesk.StatusAsync(admin, number)).Should().Be("WaitingForVendor");
        var vendor = await SlaClient.ClockAsync(admin, number, "resolution");
        vendor.GetProperty("state").GetString().Should().Be("Paused");
        SlaDesk.Segments(vendor).Last().GetProperty("reason").GetString().Should().Be("state:WaitingForVendor");

        // Completing the handling task leaves the waiting state: the clock runs until the record is archived.
        await SlaDesk.CompleteAsync(admin, number, "execute", new { solved = true, solution = "patched" });
        (await SlaClient.ClockAsync(admin, number, "resolution")).GetProperty("state").GetString().Should().Be("Running");
    }

    [Fact]
    public async Task StatusApi_RefusesStatesTheWorkflowOwns_AndWaitingBeforeHandling()
    {
        var admin = app.CreateAdminApiClient();
        var number = await SlaClient.CreateTicketAsync(admin, "svc-wait-2", "P3", app.Clock.GetUtcNow());
        var archived = await SlaDesk.SetStatusAsync(admin, number, "Archived");
        archived.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await archived.Content.ReadAsStringAsync()).Should().Contain("follow the workflow");
        (await SlaDesk.SetStatusAsync(admin, number, "WaitingForCustomer")).StatusCode.Should().Be(HttpStatusCode.Conflict, "the ticket is still in review");
    }

    [Fact]
    public async Task ClockPausedByHand_StaysPaused_WhenTheTicketLeavesAWaitingState()
    {
        var admin = app.CreateAdminApiClient();
        await SlaClient.PutPolicyAsync(admin, "svc-wait-3", new { priority = "P3", serviceType = "svc-wait-3", firstResponse = "PT1H", resolution = "PT4H", calendar = "default", pauseStates = new[] { "WaitingForVendor" } });
        var number = await SlaClient.CreateTicketAsync(admin, "svc-wait-3", "P3", app.Clock.GetUtcNow());
        await SlaDesk.ToInProgressAsync(admin, number);
        (await SlaDesk.SetStatusAsync(admin, number, "WaitingForCustomer")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SlaClient.ClockAsync(admin, number, "resolution")).GetProperty("state").GetString().Should().Be("Running", "this policy version pauses only for vendors");
        (await admin.PostAsJsonAsync($"/api/tickets/{number}/sla/pause", new { reason = "customer on holiday" })).EnsureSuccessStatusCode();
        (await SlaDesk.SetStatusAsync(admin, number, "InProgress")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SlaClient.ClockAsync(admin, number, "resolution")).GetProperty("state").GetString().Should().Be("Paused", "a pause by hand is ended by hand");
    }
}
