using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Tests.Sla;

/// Clocks on real PostgreSQL with a fake clock. Each test uses its own service type, so its own policies.
public sealed class SlaClockTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    static readonly SemaphoreSlim Time = new(1, 1); // the fake clock is shared by the tests of this class

    [Fact]
    public async Task PauseResume_AcrossNightAndHoliday_CountsOnlyWorkingHoursWhileRunning()
    {
        await Time.WaitAsync();
        try
        {
            var admin = app.CreateAdminApiClient();
            await SlaClient.PutCalendarAsync(admin, "cn-holiday", new { timeZone = "Asia/Shanghai", weeklyHours = Week("08:00-17:00"), holidays = new[] { "2026-06-02" } });
            await SlaClient.PutPolicyAsync(admin, "svc-a", new { priority = "P3", serviceType = "svc-a", firstResponse = "PT1H", resolution = "PT4H", calendar = "cn-holiday" });
            Reset();
            var number = await SlaClient.CreateTicketAsync(admin, "svc-a", "P3", app.Clock.GetUtcNow());

            var started = await SlaClient.ClockAsync(admin, number, "resolution");
            started.GetProperty("policyKey").GetString().Should().Be("svc-a");
            SlaClient.Due(started).Should().Be(new DateTimeOffset(2026, 6, 3, 10, 0, 0, Shanghai), "15:00 + 2 h Monday, the holiday skipped, + 2 h from 08:00 Wednesday");

            app.Clock.Advance(TimeSpan.FromHours(1)); // 16:00 Monday
            (await admin.PostAsJsonAsync($"/api/tickets/{number}/sla/pause", new { clock = "resolution", reason = "waiting for customer" })).StatusCode.Should().Be(HttpStatusCode.OK);
            var paused = await SlaClient.ClockAsync(admin, number, "resolution");
            paused.GetProperty("state").GetString().Should().Be("Paused");
            paused.GetProperty("dueAt").ValueKind.Should().Be(JsonValueKind.Null);
            paused.GetProperty("elapsed").GetString().Should().Be("PT1H");

            app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 3, 9, 0, 0, Shanghai).ToUniversalTime()); // over the night and the holiday
            (await SlaClient.ClockAsync(admin, number, "resolution")).GetProperty("elapsed").GetString().Should().Be("PT1H", "a paused clock counts nothing");
            (await admin.PostAsJsonAsync($"/api/tickets/{number}/sla/resume", new { clock = "resolution", reason = "customer answered" })).StatusCode.Should().Be(HttpStatusCode.OK);

            var resumed = await SlaClient.ClockAsync(admin, number, "resolution");
            SlaClient.Due(resumed).Should().Be(new DateTimeOffset(2026, 6, 3, 12, 0, 0, Shanghai), "3 h remain from 09:00 Wednesday");
            SlaClient.Timer(resumed, "warning75").GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 6, 3, 11, 0, 0, Shanghai));
            var segments = resumed.GetProperty("segments").EnumerateArray().ToList();
            segments.Select(s => s.GetProperty("running").GetBoolean()).Should().Equal(true, false, true);
            segments[1].GetProperty("reason").GetString().Should().Be("pause: waiting for customer");
            segments[2].GetProperty("reason").GetString().Should().Be("resume: customer answered");

            app.Clock.Advance(TimeSpan.FromMinutes(90)); // 10:30
            var later = await SlaClient.ClockAsync(admin, number, "resolution");
            later.GetProperty("elapsed").GetString().Should().Be("PT2H30M");
            later.GetProperty("remaining").GetString().Should().Be("PT1H30M");
        }
        finally
        {
            Time.Release();
        }
    }

    [Fact]
    public async Task PriorityChange_MidWay_ReplansDueInstantsAndTimers()
    {
        await Time.WaitAsync();
        try
        {
            var admin = app.CreateAdminApiClient();
            await SlaClient.PutPolicyAsync(admin, "svc-b-p4", new { priority = "P4", serviceType = "svc-b", firstResponse = "PT2H", resolution = "PT8H", calendar = "default" });
            await SlaClient.PutPolicyAsync(admin, "svc-b-p1", new { priority = "P1", serviceType = "svc-b", firstResponse = "PT15M", resolution = "PT2H", calendar = "default" });
            Reset(new DateTimeOffset(2026, 6, 8, 9, 0, 0, Shanghai));
            var number = await SlaClient.CreateTicketAsync(admin, "svc-b", "P4", app.Clock.GetUtcNow());
            SlaClient.Due(await SlaClient.ClockAsync(admin, number, "resolution")).Should().Be(new DateTimeOffset(2026, 6, 8, 17, 0, 0, Shanghai));

            app.Clock.Advance(TimeSpan.FromHours(1));
            (await admin.PostAsJsonAsync($"/api/tickets/{number}/sla/replan", new { priority = "P1", reason = "outage widened" })).StatusCode.Should().Be(HttpStatusCode.OK);

            var clock = await SlaClient.ClockAsync(admin, number, "resolution");
            clock.GetProperty("policyKey").GetString().Should().Be("svc-b-p1");
            clock.GetProperty("target").GetString().Should().Be("PT2H");
            SlaClient.Due(clock).Should().Be(new DateTimeOffset(2026, 6, 8, 11, 0, 0, Shanghai), "1 h of 2 h used; 1 h left from 10:00");
            SlaClient.Timer(clock, "breach").GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 6, 8, 11, 0, 0, Shanghai));
            clock.GetProperty("timers").EnumerateArray().Count(t => t.GetProperty("cancelledAt").ValueKind != JsonValueKind.Null).Should().BeGreaterThan(0);
            var ticket = await admin.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
            ticket.GetProperty("record").GetProperty("priority").GetString().Should().Be("P1");

            // The first-response clock (15 min under P1) was already past its target: its breach falls due at once.
            var response = await SlaClient.ClockAsync(admin, number, "first-response");
            SlaClient.Timer(response, "breach").GetProperty("dueAt").GetDateTimeOffset().Should().Be(app.Clock.GetUtcNow());
        }
        finally
        {
            Time.Release();
        }
    }

    [Fact]
    public async Task PolicyEditedLater_DoesNotChangeRunningClock_UntilReplanned()
    {
        await Time.WaitAsync();
        try
        {
            var admin = app.CreateAdminApiClient();
            await SlaClient.PutPolicyAsync(admin, "svc-c", new { priority = "P2", serviceType = "svc-c", firstResponse = "PT30M", resolution = "PT4H", calendar = "default" });
            Reset(new DateTimeOffset(2026, 6, 15, 9, 0, 0, Shanghai));
            var first = await SlaClient.CreateTicketAsync(admin, "svc-c", "P2", app.Clock.GetUtcNow());

            var v2 = await SlaClient.PutPolicyAsync(admin, "svc-c", new { resolution = "PT8H" });
            v2.GetProperty("version").GetInt32().Should().Be(2);
            v2.GetProperty("firstResponse").GetString().Should().Be("PT30M", "fields left out keep the previous version's value");

            var running = await SlaClient.ClockAsync(admin, first, "resolution");
            running.GetProperty("policyVersion").GetInt32().Should().Be(1);
            SlaClient.Due(running).Should().Be(new DateTimeOffset(2026, 6, 15, 13, 0, 0, Shanghai));

            var second = await SlaClient.CreateTicketAsync(admin, "svc-c", "P2", app.Clock.GetUtcNow());
            var newer = await SlaClient.ClockAsync(admin, second, "resolution");
            newer.GetProperty("policyVersion").GetInt32().Should().Be(2);
            SlaClient.Due(newer).Should().Be(new DateTimeOffset(2026, 6, 15, 17, 0, 0, Shanghai));

            (await admin.PostAsJsonAsync($"/api/tickets/{first}/sla/replan", new { reason = "new terms" })).EnsureSuccessStatusCode();
            (await SlaClient.ClockAsync(admin, first, "resolution")).GetProperty("policyVersion").GetInt32().Should().Be(2);
        }
        finally
        {
            Time.Release();
        }
    }

    [Fact]
    public async Task Warning_FiresOnce_CreatesEscalationTask()
    {
        await Time.WaitAsync();
        try
        {
            var admin = app.CreateAdminApiClient();
            await SlaClient.PutPolicyAsync(admin, "svc-e", new
            {
                priority = "P2",
                serviceType = "svc-e",
                firstResponse = "PT1H",
                resolution = "PT4H",
                calendar = "default",
                escalations = new[] { "warning75=group:Supervisor", "breach=user:admin" },
            });
            Reset(new DateTimeOffset(2026, 6, 22, 9, 0, 0, Shanghai));
            var number = await SlaClient.CreateTicketAsync(admin, "svc-e", "P2", app.Clock.GetUtcNow());
            app.Clock.Advance(TimeSpan.FromHours(3)); // 12:00: resolution 75 % (and every first-response moment) due
            var jobs = app.Services.GetRequiredService<SlaJobs>();
            (await jobs.FireDueAsync()).Should().BeGreaterThan(0);
            (await jobs.FireDueAsync()).Should().Be(0, "a fired timer never fires again");

            var clock = await SlaClient.ClockAsync(admin, number, "resolution");
            var warning = SlaClient.Timer(clock, "warning75");
            warning.GetProperty("firedAt").GetDateTimeOffset().Should().Be(app.Clock.GetUtcNow());
            warning.GetProperty("latenessMs").GetDouble().Should().Be(0);
            SlaClient.Timer(clock, "warning90").GetProperty("firedAt").ValueKind.Should().Be(JsonValueKind.Null);

            var tasks = await admin.GetFromJsonAsync<JsonElement>("/api/tasks?candidateGroup=Supervisor&take=500");
            var sla = tasks.EnumerateArray().Where(t => t.TryGetProperty("businessKey", out var b) && b.GetString() == number
                && t.GetProperty("workflowKey").GetString() == "sla").ToList();
            sla.Should().Contain(t => t.GetProperty("activityId").GetString() == "warning75"
                && t.GetProperty("candidateGroups").EnumerateArray().Any(g => g.GetString() == "Supervisor"));
        }
        finally
        {
            Time.Release();
        }
    }

    void Reset(DateTimeOffset? at = null) => app.Clock.AdjustTime((at ?? SlaFakeClockApp.Monday1500).ToUniversalTime());

    static string[] Week(string hours) => [.. Enum.GetNames<DayOfWeek>().Select(d => $"{d} {hours}")];
}
