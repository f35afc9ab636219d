using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Security;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Hardening;

/// SERVICEFLOW_ADMIN_TOKEN's principal is cached per security stamp: a role change or a lock-out of the
/// admin account is still seen on the very next request (its own host: it changes the admin's roles).
public sealed class AdminTokenRevocationTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    const string AdminOnly = "/api/admin/users/";

    [Fact]
    public async Task RemovingTheAdminRole_IsSeenOnTheNextRequest_AndGivingItBackToo()
    {
        var api = app.CreateAdminApiClient();
        (await api.GetAsync(AdminOnly)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.GetAsync(AdminOnly)).StatusCode.Should().Be(HttpStatusCode.OK, "the second request is served from the cached principal");

        await WithAdminAsync((users, admin) => users.RemoveFromRoleAsync(admin, Roles.Admin));
        (await api.GetAsync(AdminOnly)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the cached principal still carried the Admin role");

        await WithAdminAsync((users, admin) => users.AddToRoleAsync(admin, Roles.Admin));
        (await api.GetAsync(AdminOnly)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LockingTheAdmin_RefusesTheToken_UntilUnlocked()
    {
        var api = app.CreateAdminApiClient();
        (await api.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        await WithAdminAsync((users, admin) => users.SetLockoutEndDateAsync(admin, DateTimeOffset.UtcNow.AddHours(1)));
        (await api.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await WithAdminAsync((users, admin) => users.SetLockoutEndDateAsync(admin, null));
        (await api.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ManyUsersAndStamps_KeepTheCacheBounded_AndAUsersOldStampIsDropped()
    {
        var cache = new PrincipalCache();
        for (var i = 0; i < PrincipalCache.Capacity + 10; i++)
            await cache.GetOrBuildAsync($"user-{i}", "stamp", () => Task.FromResult(new System.Security.Claims.ClaimsPrincipal()));
        cache.Count.Should().BeLessThanOrEqualTo(PrincipalCache.Capacity);

        var builds = 0;
        Task<System.Security.Claims.ClaimsPrincipal> Build() { builds++; return Task.FromResult(new System.Security.Claims.ClaimsPrincipal()); }
        var before = cache.Count;
        await cache.GetOrBuildAsync("u", "s1", Build);
        await cache.GetOrBuildAsync("u", "s1", Build);
        await cache.GetOrBuildAsync("u", "s2", Build);
        builds.Should().Be(2, "the same stamp is served from the cache, a new stamp is rebuilt");
        cache.Count.Should().Be(before + 1, "the user's entry for the old stamp is gone");
    }

    async Task WithAdminAsync(Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        (await change(users, (await users.FindByNameAsync(IdentitySeeder.AdminUserName))!)).Succeeded.Should().BeTrue();
    }
}
