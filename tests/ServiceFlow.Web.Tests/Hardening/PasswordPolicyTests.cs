using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

public sealed class PasswordPolicyTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Theory]
    [InlineData("Password12", "at least 12 characters")]
    [InlineData("Password1234", "most common passwords")]
    [InlineData("qwerty123456!", "most common passwords")]
    [InlineData("aaaaaaaaaaaabbb", "5 different characters")]
    [InlineData("{user}-rocks-2026", "must not contain the user name")]
    public async Task CreatingAUser_RefusesAWeakPassword_NamingTheRule(string password, string rule)
    {
        var user = $"pw-{Guid.NewGuid():N}"[..11];

        var response = await app.CreateAdminApiClient().PostAsJsonAsync("/api/admin/users",
            new { userName = user, password = password.Replace("{user}", user, StringComparison.Ordinal), roles = new[] { "FrontLine" } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()).Should().Contain(e => e!.Contains(rule));
    }

    [Fact]
    public async Task CreatingAUser_AcceptsALongUncommonPassword_LikeTheDemoOne()
    {
        var response = await app.CreateAdminApiClient().PostAsJsonAsync("/api/admin/users",
            new { userName = $"pw-{Guid.NewGuid():N}"[..11], password = "Demo-Passw0rd-1", roles = new[] { "FrontLine" } });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThePasswordPage_RefusesACommonPassword_InChinese_AndAcceptsAGoodOne()
    {
        var user = $"pw-{Guid.NewGuid():N}"[..11];
        await Sessions.CreateUserAsync(app, user, "First-Passw0rd-Here");
        var cookie = await Sessions.CookieAsync(app, user, "First-Passw0rd-Here");

        var refused = await ChangeAsync(cookie, "First-Passw0rd-Here", "Letmein2024!!");
        var accepted = await ChangeAsync(cookie, "First-Passw0rd-Here", "Second-Passw0rd-Here");

        refused.Should().Contain("data-testid=\"password-errors\"");
        WebUtility.HtmlDecode(refused).Should().Contain("最常见的密码之一");
        accepted.Should().Contain("data-testid=\"password-changed\"");
        await Sessions.TokensAsync(app, user, "Second-Passw0rd-Here");
    }

    [Fact]
    public async Task AWeakAdminPasswordInConfiguration_StopsTheFirstStart_NamingTheSetting()
    {
        await using var weak = new WeakAdminApp();

        var start = () => weak.InitializeAsync();

        (await start.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("SERVICEFLOW_ADMIN_PASSWORD").And.Contain("at least 12 characters");
    }

    async Task<string> ChangeAsync(string cookie, string current, string next)
    {
        var client = Sessions.Client(app);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/account/password");
        get.Headers.Add("Cookie", cookie);
        var page = await client.SendAsync(get);
        var post = Sessions.Post("/account/password", await page.Content.ReadAsStringAsync(), $"{cookie}; {Sessions.AntiforgeryCookie(page)}", new()
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });
        var response = await client.SendAsync(post);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    sealed class WeakAdminApp : ServiceFlowApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SERVICEFLOW_ADMIN_PASSWORD", "Password12");
        }
    }
}
