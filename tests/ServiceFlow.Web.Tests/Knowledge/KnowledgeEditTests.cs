using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Surveys;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Knowledge;

public sealed class KnowledgeEditTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    async Task<(Desk Desk, JsonElement Draft)> DraftAsync(string title = "VPN drops every hour")
    {
        var desk = await SolvedTickets.DeskAsync(app);
        var number = await SolvedTickets.ArchivedAsync(app, desk, title);
        var response = await desk.Tech.PostAsync($"/api/tickets/{number}/knowledge-draft", null);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (desk, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    static object Change(JsonElement draft, string status, string? title = null, uint? version = null) => new
    {
        title = title ?? draft.GetProperty("title").GetString(),
        body = draft.GetProperty("body").GetString(),
        status,
        rowVersion = version ?? draft.GetProperty("rowVersion").GetUInt32(),
    };

    [Fact]
    public async Task Auditor_ReadsKnowledge_ButCannotDraftOrEdit()
    {
        var (desk, draft) = await DraftAsync();
        var auditor = await People.CreateAsync(app, $"kaud-{desk.Suffix}", "Auditor");
        var id = draft.GetProperty("id").GetGuid();

        (await auditor.GetAsync($"/api/knowledge/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var drafted = await auditor.PostAsync($"/api/tickets/{draft.GetProperty("sourceTicketNumber").GetString()}/knowledge-draft", null);
        drafted.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await auditor.PutAsJsonAsync($"/api/knowledge/{id}", Change(draft, "Draft", "auditor was here"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await auditor.GetFromJsonAsync<JsonElement>($"/api/knowledge/{id}")).GetProperty("title").GetString().Should().Be("VPN drops every hour");
    }

    [Fact]
    public async Task FrontLine_EditsADraft_ButOnlyASupervisorPublishes()
    {
        var (desk, draft) = await DraftAsync();
        var id = draft.GetProperty("id").GetGuid();

        var edited = await desk.Front.PutAsJsonAsync($"/api/knowledge/{id}", Change(draft, "Draft", "VPN drops: renew the lease"));
        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var current = await edited.Content.ReadFromJsonAsync<JsonElement>();
        var publish = await desk.Front.PutAsJsonAsync($"/api/knowledge/{id}", Change(current, "Published"));
        publish.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var published = await desk.Boss.PutAsJsonAsync($"/api/knowledge/{id}", Change(current, "Published"));
        published.StatusCode.Should().Be(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        var result = await desk.Front.GetFromJsonAsync<JsonElement[]>($"/api/knowledge?status=Published&q=renew the lease");
        result.Should().ContainSingle(a => a.GetProperty("id").GetGuid() == id && a.GetProperty("title").GetString() == "VPN drops: renew the lease");
    }

    [Fact]
    public async Task Update_WithAStaleVersion_Is409AndChangesNothing()
    {
        var (desk, draft) = await DraftAsync();
        var id = draft.GetProperty("id").GetGuid();
        (await desk.Tech.PutAsJsonAsync($"/api/knowledge/{id}", Change(draft, "Draft", "first edit"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var stale = await desk.Front.PutAsJsonAsync($"/api/knowledge/{id}", Change(draft, "Draft", "second edit from an old copy"));

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("changed by someone else");
        (await desk.Tech.GetFromJsonAsync<JsonElement>($"/api/knowledge/{id}")).GetProperty("title").GetString().Should().Be("first edit");
    }

    [Fact]
    public async Task Pages_EscapeTheTextOfTheTicketAndTheArticle()
    {
        var (desk, draft) = await DraftAsync("<script>alert('kb')</script>");
        var page = await SurveyHost.SignInAsync(app, $"kfront-{desk.Suffix}", People.Password);
        var id = draft.GetProperty("id").GetGuid();

        foreach (var url in new[] { $"/knowledge/{id}", $"/knowledge/{id}/edit", "/knowledge?q=alert" })
        {
            var html = await (await page.GetAsync(url)).Content.ReadAsStringAsync();
            html.Should().Contain("&lt;script&gt;", url).And.NotContain("<script>alert", url);
        }
    }
}
