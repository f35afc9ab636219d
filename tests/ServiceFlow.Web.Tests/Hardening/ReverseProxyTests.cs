using System.Net;
using System.Text.RegularExpressions;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

/// ServiceFlow behind nginx terminating TLS: from the forwarded headers of the trusted (loopback) proxy
/// the host knows the browser speaks https, so the sign-in cookie is Secure and HSTS is sent.
public sealed partial class ReverseProxyTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task BehindNginxWithTls_TheSignInCookieIsSecure_AndHstsIsSent()
    {
        await using var nginx = await NginxProxy.StartAsync(app.BaseAddress);
        using var browser = KestrelApp.ClientFrom(IPAddress.Loopback, nginx.Address,
            trustServer: presented => presented?.Thumbprint == nginx.Certificate.Thumbprint);

        var (login, antiforgery, cookie) = await SignInAsync(browser);

        login.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=31536000");
        antiforgery.Should().Contain("; secure");
        cookie.Should().StartWith("serviceflow.auth=").And.Contain("; secure").And.Contain("; httponly").And.Contain("samesite=lax");
    }

    [Fact]
    public async Task OverPlainHttp_NoHsts_AndTheCookieIsNotMarkedSecure()
    {
        using var direct = app.ClientFrom(IPAddress.Loopback);

        var (login, antiforgery, cookie) = await SignInAsync(direct);

        login.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
        antiforgery.Should().NotContain("; secure");
        cookie.Should().StartWith("serviceflow.auth=").And.NotContain("; secure");
    }

    static async Task<(HttpResponseMessage Login, string AntiforgeryCookie, string AuthCookie)> SignInAsync(HttpClient client)
    {
        var page = await client.GetAsync("/account/login");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var token = WebUtility.HtmlDecode(Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "admin",
                ["Input.Password"] = ServiceFlowApp.AdminPassword,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        return (page, antiforgeryCookie.ToLowerInvariant(),
            signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("serviceflow.auth=", StringComparison.Ordinal)).ToLowerInvariant());
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex Token();
}
