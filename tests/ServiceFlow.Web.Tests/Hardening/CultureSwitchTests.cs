using System.Net;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

public sealed class CultureSwitchTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Fact]
    public async Task CultureSwitch_WithTheLayoutsToken_SetsTheCookieAndGoesBack()
    {
        var client = Sessions.Client(app);
        var page = await client.GetAsync("/account/login");
        var form = await page.Content.ReadAsStringAsync();
        var post = Sessions.Post("/culture", form[form.IndexOf("action=\"/culture\"", StringComparison.Ordinal)..], Sessions.AntiforgeryCookie(page),
            new() { ["culture"] = "en", ["returnUrl"] = "/account/login" });

        var response = await client.SendAsync(post);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/account/login");
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(".AspNetCore.Culture=c%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CultureSwitch_WithoutAToken_Is400WithAReason_NotA500()
    {
        var response = await Sessions.Client(app).PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("antiforgery");
    }
}
