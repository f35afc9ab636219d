using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Foundation;

public sealed class HostBasicsTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Fact]
    public async Task Readyz_Answers200_WhenDatabaseAndJobStoreAreUp()
    {
        var response = await app.CreateClient().GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Healthz_Answers200_WithoutSignIn()
    {
        var response = await app.CreateClient().GetAsync("/healthz");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_Refuses401WithProblemDetails_WhenAnonymous()
    {
        var response = await app.CreateClient().GetAsync("/api/auth/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Api_Accepts_AdminToken()
    {
        var response = await app.CreateAdminApiClient().GetAsync("/api/auth/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("userName").GetString().Should().Be("admin");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Contain("Admin");
    }

    [Fact]
    public async Task Api_Refuses_WrongBearerToken()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");

        var response = await client.GetAsync("/api/auth/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenEndpoint_IssuesBearerToken_ThatOpensTheApi()
    {
        var client = app.CreateClient();
        var tokenResponse = await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = ServiceFlowApp.AdminPassword });
        tokenResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await client.GetAsync("/api/auth/me");

        me.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenEndpoint_Refuses_WrongPassword_WithProblemDetails()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "wrong-password" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("wrong password");
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("/api/auth/token");
    }

    [Fact]
    public async Task HomePage_RedirectsAnonymousUser_ToSignIn()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/login");
    }

    [Fact]
    public async Task HangfireDashboard_IsClosedToAnonymousUsers()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/hangfire");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("zh-CN", "未找到")]
    [InlineData("en", "Not found")]
    public async Task AMissingRecord_ShowsABrowserAPageInItsLanguage_AndScriptsTheProblemDetails(string culture, string title)
    {
        var browser = await Surveys.SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/tickets/SE-2026-999999");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        page.Headers.AcceptLanguage.ParseAdd(culture);

        var shown = await browser.SendAsync(page);

        shown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        shown.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = WebUtility.HtmlDecode(await shown.Content.ReadAsStringAsync());
        html.Should().Contain($"data-status=\"404\">{title}</h1>").And.Contain("href=\"/\"").And.NotContain("\"traceId\"");

        using var script = new HttpRequestMessage(HttpMethod.Get, "/tickets/SE-2026-999999");
        script.Headers.Accept.ParseAdd("application/json");
        var asked = await browser.SendAsync(script);
        asked.StatusCode.Should().Be(HttpStatusCode.NotFound);
        asked.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", "a client that does not ask for HTML keeps the problem details");

        var api = await app.CreateAdminApiClient().GetAsync("/api/tickets/SE-2026-999999");
        api.StatusCode.Should().Be(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
