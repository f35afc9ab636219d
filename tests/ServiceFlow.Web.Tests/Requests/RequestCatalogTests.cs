using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Requests;

/// The request catalog against the shipped "Account unlock" request: who sees and may make it, its start form
/// checked by the form validator (required, undeclared keys, the supervisor picker limited to its group), and
/// the instance it starts waiting in the service desk's inbox.
public sealed class RequestCatalogTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    const string Key = "account-unlock";

    async Task<(HttpClient Front, HttpClient Supervisor, string SupervisorName, string S)> PeopleAsync()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"req-front-{s}", "FrontLine");
        front.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return (front, await People.CreateAsync(app, $"req-sup-{s}", "Supervisor"), $"req-sup-{s}", s);
    }

    static object Valid(string approver) => new { account = "j.smith", system = "vpn", approver, reason = "Three wrong passwords" };

    [Fact]
    public async Task Catalog_ListsTheRequestToItsStarters_AndAnAuditorNeitherSeesNorMakesIt()
    {
        var (front, _, supervisor, s) = await PeopleAsync();
        var auditor = await People.CreateAsync(app, $"req-audit-{s}", "Auditor");

        var listed = await front.GetFromJsonAsync<JsonElement>("/api/requests/catalog");
        var unlock = listed.EnumerateArray().Single(e => e.GetProperty("key").GetString() == Key);
        unlock.GetProperty("name").GetString().Should().Be("Account unlock");
        unlock.GetProperty("category").GetString().Should().Be("Accounts and access");
        listed.EnumerateArray().Select(e => e.GetProperty("key").GetString()).Should().NotContain(["service-exception", "callback-survey", "email-intake"],
            "workflows a feature starts are not requests");

        (await auditor.GetFromJsonAsync<JsonElement>("/api/requests/catalog")).EnumerateArray().Should().BeEmpty();
        var refused = await auditor.PostAsJsonAsync($"/api/requests/catalog/{Key}", new { variables = Valid(supervisor) });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("you are not among them");
        (await auditor.GetAsync($"/api/requests/catalog/{Key}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CatalogInChinese_NamesTheRequestAndItsCategoryInChinese()
    {
        var (front, _, _, _) = await PeopleAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/requests/catalog");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var listed = await (await front.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        var unlock = listed.EnumerateArray().Single(e => e.GetProperty("key").GetString() == Key);
        unlock.GetProperty("name").GetString().Should().Be("账号解锁");
        unlock.GetProperty("category").GetString().Should().Be("账号与权限");
    }

    [Fact]
    public async Task StartForm_RefusesAMissingRequiredField_AnUndeclaredKey_AndAnApproverOutsideTheGroup()
    {
        var (front, _, supervisor, s) = await PeopleAsync();

        var missing = await front.PostAsJsonAsync($"/api/requests/catalog/{Key}", new { variables = new { system = "vpn", approver = supervisor } });
        var undeclared = await front.PostAsJsonAsync($"/api/requests/catalog/{Key}", new { variables = new { account = "j.smith", system = "vpn", approver = supervisor, priority = 1 } });
        var outsider = await front.PostAsJsonAsync($"/api/requests/catalog/{Key}", new { variables = Valid($"req-front-{s}") });

        foreach (var (response, says) in new[] { (missing, "account is required"), (undeclared, "priority is not a field of form 'account-unlock'"),
            (outsider, $"approver must be a member of Supervisor") })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain(says);
        }
        (await front.GetFromJsonAsync<JsonElement>("/api/requests/mine")).EnumerateArray().Should().BeEmpty("a refused request starts nothing");
    }

    [Fact]
    public async Task AValidRequest_StartsTheInstance_WithTheFormsValues_AndItsTaskWaitsForTheServiceDesk()
    {
        var (front, _, supervisor, s) = await PeopleAsync();
        var desk = await People.CreateAsync(app, $"req-desk-{s}", "FrontLine");

        var form = await front.GetFromJsonAsync<JsonElement>($"/api/requests/catalog/{Key}");
        form.GetProperty("data").GetProperty("supervisors").EnumerateArray().Select(o => o.GetProperty("value").GetString()).Should().Contain(supervisor)
            .And.NotContain($"req-front-{s}", "the picker offers the Supervisor group's members only");

        var started = await front.PostAsJsonAsync($"/api/requests/catalog/{Key}", new { variables = Valid(supervisor) });

        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var instance = await front.GetFromJsonAsync<JsonElement>($"/api/instances/{body.GetProperty("instanceId").GetGuid()}");
        instance.GetProperty("variables").GetProperty("account").GetString().Should().Be("j.smith");
        instance.GetProperty("variables").GetProperty("approver").GetString().Should().Be(supervisor);
        var taskId = body.GetProperty("openTaskIds").EnumerateArray().Single().GetGuid();
        (await desk.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).Should().Contain(taskId);
        var mine = (await front.GetFromJsonAsync<JsonElement>("/api/requests/mine")).EnumerateArray().Single();
        mine.GetProperty("openTasks").EnumerateArray().Single().GetProperty("candidateGroups").EnumerateArray().Single().GetString().Should().Be("FrontLine");

        (await desk.GetStringAsync($"/tasks/{taskId}")).Should().NotMatchRegex("<dd>\\s*</dd>", "a task without a ticket shows no empty ticket row");
        var done = await desk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { outcome = "unable", comment = "Account is disabled, not locked" } });
        done.StatusCode.Should().Be(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceStatus").GetString().Should().Be("Completed");
    }
}
