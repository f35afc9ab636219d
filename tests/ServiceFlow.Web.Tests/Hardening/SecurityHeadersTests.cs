using System.Net;
using System.Text.RegularExpressions;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

public sealed partial class SecurityHeadersTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Theory]
    [InlineData("/account/login", "a page")]
    [InlineData("/api/auth/me", "an API answer")]
    [InlineData("/css/site.css", "a static file")]
    [InlineData("/no-such-page", "a 404")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path, string what)
    {
        var response = await app.CreateAdminApiClient().GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'self'", what).And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'")
            .And.MatchRegex(@"script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'").And.NotContain("'unsafe-inline'; script").And.NotContain("unsafe-eval");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Referrer-Policy").Should().Be("same-origin");
        response.Headers.Contains("Server").Should().BeFalse();
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("plain http: HSTS only over https (see ReverseProxyTests)");
    }

    [Fact]
    public async Task InlineScripts_CarryTheNonceOfTheirResponse_AndNoInlineHandlersRemain()
    {
        var client = await SurveyHostSignIn();
        var response = await client.GetAsync("/workflows");
        var html = await response.Content.ReadAsStringAsync();

        var nonce = Nonce().Match(response.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value;
        var scripts = ScriptTag().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Value)).ToList();
        scripts.Should().HaveCountGreaterThan(1).And.AllSatisfy(tag => tag.Should().Contain($"nonce=\"{nonce}\""));
        html.Should().NotMatchRegex(@"\son(click|change|submit|load)=");
    }

    Task<HttpClient> SurveyHostSignIn() => Surveys.SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);

    static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : response.Content.Headers.GetValues(name).Single();

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
