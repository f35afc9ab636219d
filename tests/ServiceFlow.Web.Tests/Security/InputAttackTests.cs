using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Security;

/// The input attacks found by probing (issue #16): task forms that took any variable, assignments to
/// anyone, SLA clocks moved by the reporter, and requests that ended in a 500 instead of a 400 that
/// names the field.
public sealed class InputAttackTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>, IAsyncLifetime
{
    AttackDesk desk = null!;

    public async Task InitializeAsync() => desk = await AttackDesk.CreateAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CompletingATask_WithFieldsItsFormDoesNotDeclare_IsRefused_NamingThem()
    {
        var number = await desk.InProgressAsync("form fields", $"real-{desk.Suffix}@example.com");
        var execute = await desk.TaskIdAsync(number, "execute");

        var response = await desk.Tech.PostAsJsonAsync($"/api/tasks/{execute}/complete", new
        {
            variables = new { solved = true, solution = "done", supervisor = desk.TechName, severity = "minor", customerEmail = "attacker@example.com" },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("customerEmail, severity, supervisor are not a field of form 'execute'");
        var record = await desk.RecordOf(number);
        (record.GetProperty("supervisor").GetString(), record.GetProperty("severity").GetString(), record.GetProperty("customerEmail").GetString(), record.GetProperty("status").GetString())
            .Should().Be((desk.BossName, "major", $"real-{desk.Suffix}@example.com", "InProgress"));
    }

    [Fact]
    public async Task AssigningATask_ToSomeoneWhoCannotWorkIt_IsRefused_SayingWhy()
    {
        var number = await desk.RecordAsync("assignment");
        var review = await desk.TaskIdAsync(number, "review");

        var toAuditor = await desk.Boss.PostAsJsonAsync($"/api/tasks/{review}/assign", new { userName = desk.AuditorName });
        var toNobody = await desk.Boss.PostAsJsonAsync($"/api/tasks/{review}/assign", new { userName = "no-such-user" });
        var toTech = await desk.Boss.PostAsJsonAsync($"/api/tasks/{review}/assign", new { userName = desk.TechName });
        var toBoss = await desk.Boss.PostAsJsonAsync($"/api/tasks/{review}/assign", new { userName = desk.BossName });

        toAuditor.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await toAuditor.Content.ReadAsStringAsync()).Should().Contain($"{desk.AuditorName} cannot work task").And.Contain("Supervisor");
        toNobody.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await toNobody.Content.ReadAsStringAsync()).Should().Contain("There is no user named 'no-such-user'");
        toTech.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the review is the supervisors' task");
        toBoss.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OnlySupervisors_PauseOrReplanSlaClocks_NotTheReporter()
    {
        var number = await desk.RecordAsync("clocks");

        (await desk.Front.PostAsJsonAsync($"/api/tickets/{number}/sla/pause", new { reason = "lunch" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await desk.Front.PostAsJsonAsync($"/api/tickets/{number}/sla/replan", new { priority = "P4", reason = "less urgent" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await desk.RecordOf(number)).GetProperty("priority").GetString().Should().Be("P2");
        (await desk.Boss.PostAsJsonAsync($"/api/tickets/{number}/sla/pause", new { reason = "customer on holiday" })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/auth/token", "{}", "userName")]
    [InlineData("/api/admin/users", "{}", "userName")]
    [InlineData("/api/tickets/{0}/steps", "{}", "action")]
    [InlineData("/api/tickets/{0}/communications", "{}", "channel")]
    [InlineData("/api/tickets/{0}/actions", "{}", "description")]
    [InlineData("/api/tickets/{0}/steps", """{"action":"restart\u0000ed"}""", "NUL")]
    [InlineData("/api/tickets", """{"title":"1 MB"}""", "the limit is 200")]
    public async Task AMalformedRequest_GetsA400NamingTheField_NotA500(string route, string body, string named)
    {
        var number = await desk.RecordAsync("malformed");
        if (body.Contains("1 MB", StringComparison.Ordinal))
            body = JsonSerializer.Serialize(new { title = new string('x', 1024 * 1024), description = "d" });

        var response = await desk.Admin.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, number),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(named);
    }

    [Fact]
    public async Task ANulInTheSearch_OrAHugePage_IsAnAnswerNotA500()
    {
        var nul = await desk.Admin.GetAsync("/api/tickets?q=a%00b");
        var far = await desk.Admin.GetAsync("/api/tickets?page=2147483647");

        nul.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await nul.Content.ReadAsStringAsync()).Should().Contain("q contains a NUL character");
        far.StatusCode.Should().Be(HttpStatusCode.OK);
        (await far.Content.ReadFromJsonAsync<JsonElement[]>()).Should().BeEmpty();
    }
}
