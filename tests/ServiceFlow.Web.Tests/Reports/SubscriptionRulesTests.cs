using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Scheduled;
using ServiceFlow.Web.Tests.Tickets;
using static ServiceFlow.Web.Tests.Reports.ScheduledMail;

namespace ServiceFlow.Web.Tests.Reports;

/// Who may schedule what, and to whom (docs/reports.md, "Scheduled reports"); bad requests get a 400 naming the field.
public sealed class SubscriptionRulesTests(HandMadeDeskApp app) : IClassFixture<HandMadeDeskApp>
{
    static object Quality(params string[] roles) => new { name = "Quality", report = "quality", period = "monthly", roles };

    [Fact]
    public async Task AQualitySupervisor_SchedulesForReaders_AndTheRecurringJobRunsInTheDesksZone()
    {
        var lead = await People.CreateAsync(app, "rules-lead", "QualitySupervisor");
        var id = await SubscribeAsync(lead, Quality("QualitySupervisor", "Supervisor"));

        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = connection.GetRecurringJobs().Single(j => j.Id == SubscriptionSchedule.JobId(id));
            (job.Cron, job.TimeZoneId).Should().Be(("0 7 1 * *", "Asia/Shanghai"));
        }
        (await lead.DeleteAsync($"/api/reports/subscriptions/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
            connection.GetRecurringJobs().Should().NotContain(j => j.Id == SubscriptionSchedule.JobId(id));
    }

    [Theory]
    [InlineData("""{"name":"x","report":"quality","period":"hourly","roles":["Supervisor"]}""", "period")]
    [InlineData("""{"name":"x","report":"quality","period":"monthly","roles":["FrontLine"]}""", "does not read reports")]
    [InlineData("""{"name":"x","report":"quality","period":"monthly","people":["nobody-here"]}""", "no user 'nobody-here'")]
    [InlineData("""{"name":"x","report":"quality","period":"monthly","people":["li.na"]}""", "li.na does not read reports")]
    [InlineData("""{"name":"x","report":"quality","period":"monthly"}""", "at least one recipient")]
    [InlineData("""{"name":"x","report":"measures","period":"weekly","roles":["Supervisor"],"measures":["volume","nope"]}""", "nope")]
    [InlineData("""{"name":"x","report":"quality","period":"monthly","roles":["Supervisor"],"filters":"priority=P1&from=2026-01-01"}""", "'from' is not a filter")]
    [InlineData("""{"name":"x","report":"quality","period":"monthly","roles":["Supervisor"],"filters":"weekday=9"}""", "weekday")]
    [InlineData("""{"name":"","report":"quality","period":"monthly","roles":["Supervisor"]}""", "name is required")]
    public async Task BadRequests_AreRefused_WithTheirReason(string body, string reason)
    {
        await EnsureUserAsync("li.na", "FrontLine");
        var lead = await People.CreateAsync(app, $"bad-{Guid.NewGuid():N}"[..12], "QualitySupervisor");
        var response = await lead.PostAsync("/api/reports/subscriptions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(reason);
    }

    [Fact]
    public async Task FrontLine_SubscribesThemselvesToTheirOwnFigures_AndNothingElse()
    {
        await EnsureUserAsync("li.na", "FrontLine");
        var front = await TokenClientAsync("li.na");
        (await front.PostAsJsonAsync("/api/reports/subscriptions", Quality("Supervisor"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await front.PostAsJsonAsync("/api/reports/subscriptions", new { name = "Mine", report = "me", period = "monthly", people = new[] { "admin" } }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var id = await SubscribeAsync(front, new { name = "Mine", report = "me", period = "monthly" });

        // The mail holds li.na's own figures: she recorded T1–T4 in June (and T5 in July).
        (await app.Services.GetRequiredService<ScheduledReportJob>().SendAsync(id, new DateOnly(2026, 6, 1), default)).Should().BeTrue();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var row = await db.Outbox.SingleAsync(m => m.To == "li.na@desk.test" && m.Template == ScheduledReportJob.Template);
        var figures = JsonDocument.Parse(row.Model).RootElement.GetProperty("figures");
        figures[0].GetProperty("value").GetString().Should().Be("4");
        JsonDocument.Parse(row.Model).RootElement.GetProperty("link").GetString().Should().Be("/reports/me");

        // Others' subscriptions are not hers to see or change.
        var lead = await People.CreateAsync(app, "rules-other", "Supervisor");
        var theirs = await SubscribeAsync(lead, Quality("Supervisor"));
        var list = await front.GetFromJsonAsync<JsonElement>("/api/reports/subscriptions");
        list.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().Equal(id);
        (await front.DeleteAsync($"/api/reports/subscriptions/{theirs}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await front.PostAsync($"/api/reports/subscriptions/{theirs}/run", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    async Task EnsureUserAsync(string userName, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Users.AnyAsync(u => u.UserName == userName))
            return;
        await UserAsync(app, userName, role, $"{userName}@desk.test", "zh-CN");
    }

    async Task<HttpClient> TokenClientAsync(string userName)
    {
        var client = app.CreateClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = People.Password });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }
}
