using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

/// An unknown user name and a wrong password look alike: same answer, same work (a hash verified).
public sealed class SignInAnswerTests(SignInAnswerTests.HashCountingApp app) : IClassFixture<SignInAnswerTests.HashCountingApp>
{
    [Fact]
    public async Task UnknownUserAndWrongPassword_GetTheSameAnswer_AndBothVerifyAPasswordHash()
    {
        var forNobody = "Wrong-" + Guid.NewGuid().ToString("N");
        var forAdmin = "Wrong-" + Guid.NewGuid().ToString("N");

        var unknown = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = forNobody });
        var known = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = forAdmin });

        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        known.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var (a, b) = (await unknown.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(), await known.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>());
        a.GetProperty("detail").GetString().Should().Be(b.GetProperty("detail").GetString()).And.Be("Unknown user name or wrong password.");
        a.GetProperty("title").GetString().Should().Be(b.GetProperty("title").GetString());
        app.Hasher.Verified.Should().Contain(forNobody, "an unknown user costs a hash verification too").And.Contain(forAdmin);
    }

    [Fact]
    public async Task TheSignInPage_SaysTheSameForAnUnknownUserAndAWrongPassword()
    {
        async Task<string> ErrorFor(string userName)
        {
            var client = Sessions.Client(app);
            var page = await client.GetAsync("/account/login");
            var post = Sessions.Post("/account/login", await page.Content.ReadAsStringAsync(), Sessions.AntiforgeryCookie(page), new()
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = "Wrong-" + Guid.NewGuid().ToString("N"),
            });
            var html = await (await client.SendAsync(post)).Content.ReadAsStringAsync();
            return System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\">([^<]*)<").Groups[1].Value;
        }

        var unknown = await ErrorFor("nobody-" + Guid.NewGuid().ToString("N")[..8]);
        var wrong = await ErrorFor("admin");

        unknown.Should().NotBeEmpty().And.Be(wrong);
    }

    /// The real hasher, counting which passwords it verified.
    public sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        readonly PasswordHasher<AppUser> inner = new(Options.Create(new PasswordHasherOptions()));

        public ConcurrentBag<string> Verified { get; } = [];

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Verified.Add(providedPassword);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class HashCountingApp : ServiceFlowApp
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(Hasher));
        }
    }
}

/// Guessing is slowed down for the guesser (per client, and per client and account), never turned into
/// a lock-out of the real user. Real sockets from different loopback addresses play different machines.
public sealed class SignInThrottlingTests(SignInThrottlingTests.ThrottledApp app) : IClassFixture<SignInThrottlingTests.ThrottledApp>
{
    const string Password = "Throttle-Passw0rd-1";

    [Fact]
    public async Task WrongPasswordsFromOneClient_AreThrottled_WhileTheRealUserSignsInFromAnother()
    {
        var user = $"victim-{Guid.NewGuid():N}"[..15];
        await Sessions.CreateUserAsync(app, user, Password);
        using var attacker = app.ClientFrom(IPAddress.Parse("127.0.0.2"));
        using var owner = app.ClientFrom(IPAddress.Parse("127.0.0.3"));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            answers.Add(await attacker.PostAsJsonAsync("/api/auth/token", new { userName = user, password = $"Guess-number-{i}" }));

        answers.Take(4).Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized, "three free failures, the fourth starts the back-off");
        var throttled = answers[4];
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0);
        (await throttled.Content.ReadAsStringAsync()).Should().Contain("Try again in");
        (await attacker.PostAsJsonAsync("/api/auth/token", new { userName = user, password = Password })).StatusCode
            .Should().Be(HttpStatusCode.TooManyRequests, "the guesser cannot get past the wait with the right password either");

        var ownSignIn = await owner.PostAsJsonAsync("/api/auth/token", new { userName = user, password = Password });

        ownSignIn.StatusCode.Should().Be(HttpStatusCode.OK, "the owner, from their own address, is not locked out");
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        (await users.IsLockedOutAsync((await users.FindByNameAsync(user))!)).Should().BeFalse();
    }

    [Fact]
    public async Task ManySignInsFromOneClient_OverManyAccounts_AreLimited_WithRetryAfter()
    {
        using var sprayer = app.ClientFrom(IPAddress.Parse("127.0.0.4"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ThrottledApp.Burst; i++)
            statuses.Add((await sprayer.PostAsJsonAsync("/api/auth/token", new { userName = $"someone-{i}", password = "Common-Guess-123" })).StatusCode);

        var limited = await sprayer.PostAsJsonAsync("/api/auth/token", new { userName = "someone-else", password = "Common-Guess-123" });
        var page = await sprayer.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "x", ["Input.Password"] = "y" }));

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        page.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the sign-in page counts against the same client");
        page.Headers.RetryAfter.Should().NotBeNull();
        using var other = app.ClientFrom(IPAddress.Parse("127.0.0.5"));
        (await other.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = ServiceFlowApp.AdminPassword })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public sealed class ThrottledApp : KestrelApp
    {
        public const int Burst = 8;

        protected override IEnumerable<(string Key, string Value)> ExtraSettings() =>
            [("SignIn:ClientBurst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("SignIn:ClientPerMinute", "1")];
    }
}
