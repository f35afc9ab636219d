using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Surveys;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Knowledge;

public sealed class KnowledgeDraftTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Fact]
    public async Task Draft_FromArchivedTicket_CarriesItsSolutionAndLinksBack_AndIsMadeOnce()
    {
        var desk = await SolvedTickets.DeskAsync(app);
        var number = await SolvedTickets.ArchivedAsync(app, desk, "CRM 登录报错");

        var first = await desk.Tech.PostAsync($"/api/tickets/{number}/knowledge-draft", null);
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var draft = await first.Content.ReadFromJsonAsync<JsonElement>();
        draft.GetProperty("number").GetString().Should().MatchRegex(@"^KB-\d{6}$");
        draft.GetProperty("status").GetString().Should().Be("Draft");
        draft.GetProperty("sourceTicketNumber").GetString().Should().Be(number);
        draft.GetProperty("title").GetString().Should().Be("CRM 登录报错");
        var body = draft.GetProperty("body").GetString();
        body.Should().Contain("登录后台报错 500").And.Contain("auth token cache full").And.Contain("Flushed the token cache");

        var second = await desk.Boss.PostAsync($"/api/tickets/{number}/knowledge-draft", null);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().Should().Be(draft.GetProperty("id").GetGuid());
        var all = await desk.Boss.GetFromJsonAsync<JsonElement[]>($"/api/knowledge?q={number}");
        all.Should().ContainSingle();

        var ticket = await desk.Boss.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
        ticket.GetProperty("timeline").EnumerateArray().Should().Contain(e => e.GetProperty("text").GetString() == "knowledgeDraft"
            && e.GetProperty("extra").GetString() == draft.GetProperty("number").GetString());

        // The page path: the button on the ticket posts, a second click opens the same draft and says so.
        var page = await SurveyHost.SignInAsync(app, $"ktech-{desk.Suffix}", People.Password);
        var detail = await (await page.GetAsync($"/tickets/{number}")).Content.ReadAsStringAsync();
        detail.Should().Contain($"action=\"/knowledge/from-ticket/{number}\"");
        var again = await page.PostAsync($"/knowledge/from-ticket/{number}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SurveyHost.Antiforgery(detail),
        }));
        again.StatusCode.Should().Be(HttpStatusCode.Redirect);
        again.Headers.Location!.ToString().Should().Be($"/knowledge/{draft.GetProperty("id").GetGuid()}/edit?existing=true");
        var edit = await (await page.GetAsync(again.Headers.Location)).Content.ReadAsStringAsync();
        edit.Should().Contain("data-testid=\"kb-existing\"");
    }

    [Fact]
    public async Task Draft_FromUnsolvedTicket_IsRefusedWithAClearMessage()
    {
        var desk = await SolvedTickets.DeskAsync(app);
        var number = await SolvedTickets.RecordAsync(desk, "still open");

        var response = await desk.Front.PostAsync($"/api/tickets/{number}/knowledge-draft", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Contain(number).And.Contain("not solved yet");
    }

    [Fact]
    public async Task Draft_OfATicketTheUserCannotSee_IsRefused()
    {
        var desk = await SolvedTickets.DeskAsync(app);
        var number = await SolvedTickets.ArchivedAsync(app, desk, "someone else's");
        var outsider = await People.CreateAsync(app, $"kout-{desk.Suffix}", "FrontLine");

        (await outsider.PostAsync($"/api/tickets/{number}/knowledge-draft", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.GetFromJsonAsync<JsonElement[]>($"/api/knowledge?q={number}")).Should().BeEmpty();
    }
}
