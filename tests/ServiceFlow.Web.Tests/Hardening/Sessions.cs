using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

/// Raw sign-in material (a cookie string, bearer and refresh tokens) so a test can replay an old one.
internal static partial class Sessions
{
    public static async Task CreateUserAsync(ServiceFlowApp app, string userName, string password, params string[] roles)
    {
        var created = await app.CreateAdminApiClient().PostAsJsonAsync("/api/admin/users", new { userName, password, displayName = userName, roles });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    public static async Task<(string Access, string Refresh)> TokensAsync(ServiceFlowApp app, string userName, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    /// Signs in with the login form; returns the "serviceflow.auth=…" cookie.
    public static async Task<string> CookieAsync(ServiceFlowApp app, string userName, string password)
    {
        var client = Client(app);
        var page = await client.GetAsync("/account/login");
        var post = Post("/account/login", await page.Content.ReadAsStringAsync(), AntiforgeryCookie(page), new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        var response = await client.SendAsync(post);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing in as {0} should succeed", userName);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("serviceflow.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// The layout's sign-out button, pressed in the browser holding <paramref name="cookie"/>.
    public static async Task SignOutAsync(ServiceFlowApp app, string cookie)
    {
        var client = Client(app);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/");
        get.Headers.Add("Cookie", cookie);
        var home = await client.SendAsync(get);
        var html = await home.Content.ReadAsStringAsync();
        var logoutForm = html[html.IndexOf("action=\"/account/logout\"", StringComparison.Ordinal)..];
        var post = Post("/account/logout", logoutForm, $"{cookie}; {AntiforgeryCookie(home)}", []);
        (await client.SendAsync(post)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    public static async Task<HttpStatusCode> MeWithCookieAsync(ServiceFlowApp app, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);
        return (await Client(app).SendAsync(request)).StatusCode;
    }

    public static async Task<HttpStatusCode> MeWithTokenAsync(ServiceFlowApp app, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new("Bearer", token);
        return (await Client(app).SendAsync(request)).StatusCode;
    }

    public static HttpClient Client(ServiceFlowApp app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public static HttpRequestMessage Post(string path, string htmlWithForm, string cookies, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(htmlWithForm).Groups[1].Value);
        var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", cookies);
        return post;
    }

    public static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex Token();
}
