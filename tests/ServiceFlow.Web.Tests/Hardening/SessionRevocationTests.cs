using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

/// Cookies and bearer tokens end when the person signs out, is locked out, changes password or roles.
public sealed class SessionRevocationTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    const string Password = "Session-Passw0rd-1";

    [Fact]
    public async Task SigningOut_EndsThatCookie_AnotherBrowsersCookie_AndTheBearerTokens()
    {
        var user = await NewUserAsync();
        var cookie = await Sessions.CookieAsync(app, user, Password);
        var otherBrowser = await Sessions.CookieAsync(app, user, Password);
        var (token, _) = await Sessions.TokensAsync(app, user, Password);
        (await Sessions.MeWithCookieAsync(app, cookie)).Should().Be(HttpStatusCode.OK);
        (await Sessions.MeWithTokenAsync(app, token)).Should().Be(HttpStatusCode.OK);

        await Sessions.SignOutAsync(app, cookie);

        (await Sessions.MeWithCookieAsync(app, cookie)).Should().Be(HttpStatusCode.Unauthorized, "a copy of the cookie from before sign-out");
        (await Sessions.MeWithCookieAsync(app, otherBrowser)).Should().Be(HttpStatusCode.Unauthorized);
        (await Sessions.MeWithTokenAsync(app, token)).Should().Be(HttpStatusCode.Unauthorized);
        (await Sessions.MeWithCookieAsync(app, await Sessions.CookieAsync(app, user, Password))).Should().Be(HttpStatusCode.OK, "signing in again works");
    }

    [Fact]
    public async Task LockingTheAccount_EndsItsCookieAndTokens_AndOnlyTheRightPasswordLearnsWhy()
    {
        var user = await NewUserAsync();
        var cookie = await Sessions.CookieAsync(app, user, Password);
        var (token, refresh) = await Sessions.TokensAsync(app, user, Password);

        await WithUserAsync(user, (users, u) => users.SetLockoutEndDateAsync(u, DateTimeOffset.UtcNow.AddHours(1)));

        (await Sessions.MeWithCookieAsync(app, cookie)).Should().Be(HttpStatusCode.Unauthorized);
        (await Sessions.MeWithTokenAsync(app, token)).Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var right = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = user, password = Password });
        right.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await right.Content.ReadAsStringAsync()).Should().Contain("locked");
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = user, password = "Not-The-Passw0rd" });
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("Unknown user name or wrong password").And.NotContain("locked");
    }

    [Fact]
    public async Task ChangingThePassword_EndsEarlierCookiesAndTokens_AndOnlyTheNewPasswordWorks()
    {
        var user = await NewUserAsync();
        var cookie = await Sessions.CookieAsync(app, user, Password);
        var (token, _) = await Sessions.TokensAsync(app, user, Password);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = "A-Whole-New-Phrase-7" });

        changed.StatusCode.Should().Be(HttpStatusCode.NoContent, await changed.Content.ReadAsStringAsync());
        (await Sessions.MeWithTokenAsync(app, token)).Should().Be(HttpStatusCode.Unauthorized);
        (await Sessions.MeWithCookieAsync(app, cookie)).Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = user, password = Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var (fresh, _) = await Sessions.TokensAsync(app, user, "A-Whole-New-Phrase-7");
        (await Sessions.MeWithTokenAsync(app, fresh)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangingRoles_EndsTokensThatCarryTheOldRoles()
    {
        var user = await NewUserAsync();
        var (token, _) = await Sessions.TokensAsync(app, user, Password);

        await WithUserAsync(user, (users, u) => users.AddToRoleAsync(u, "Supervisor"));

        (await Sessions.MeWithTokenAsync(app, token)).Should().Be(HttpStatusCode.Unauthorized);
        var (fresh, _) = await Sessions.TokensAsync(app, user, Password);
        var me = app.CreateClient();
        me.DefaultRequestHeaders.Authorization = new("Bearer", fresh);
        (await me.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Contain("Supervisor");
    }

    [Fact]
    public async Task RefreshToken_GivesAWorkingAccessToken_UntilTheUserSignsOut()
    {
        var user = await NewUserAsync();
        var (token, refresh) = await Sessions.TokensAsync(app, user, Password);

        var refreshed = await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh });

        refreshed.StatusCode.Should().Be(HttpStatusCode.OK, await refreshed.Content.ReadAsStringAsync());
        var access = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        (await Sessions.MeWithTokenAsync(app, access)).Should().Be(HttpStatusCode.OK);

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await client.PostAsync("/api/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Sessions.MeWithTokenAsync(app, access)).Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    async Task<string> NewUserAsync()
    {
        var user = $"sess-{Guid.NewGuid():N}"[..13];
        await Sessions.CreateUserAsync(app, user, Password, "FrontLine");
        return user;
    }

    async Task WithUserAsync(string userName, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        (await change(users, (await users.FindByNameAsync(userName))!)).Succeeded.Should().BeTrue();
    }
}
