using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

/// Accepts SERVICEFLOW_ADMIN_TOKEN as a bearer token for the built-in admin, for automation.
/// Unset, no token matches. Each request reads the admin's id, stamp and lock-out (one query) and
/// reuses the principal built for that stamp (PrincipalCache), so a locked admin is refused and a
/// role change is seen at once, without rebuilding the principal from its rows on every request.
internal sealed class AdminTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserManager<AppUser> users,
    ServiceFlowDbContext db,
    IUserClaimsPrincipalFactory<AppUser> principals,
    PrincipalCache cache,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminToken";
    public const string ConfigKey = "SERVICEFLOW_ADMIN_TOKEN";

    public static bool Matches(HttpContext context, string presented)
    {
        var expected = context.RequestServices.GetRequiredService<IConfiguration>()[ConfigKey];
        if (string.IsNullOrEmpty(expected) || !context.Request.Path.StartsWithSegments("/api"))
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !Matches(Context, header["Bearer ".Length..].Trim()))
            return AuthenticateResult.NoResult();
        var name = users.NormalizeName(IdentitySeeder.AdminUserName);
        var admin = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == name)
            .Select(u => new { u.Id, u.SecurityStamp, u.LockoutEnd }).FirstOrDefaultAsync(Context.RequestAborted);
        if (admin is null)
            return AuthenticateResult.Fail("The admin account does not exist yet.");
        if (admin.LockoutEnd > clock.GetUtcNow())
            return AuthenticateResult.Fail("The admin account is locked.");
        var principal = await cache.GetOrBuildAsync(admin.Id, admin.SecurityStamp ?? "", async () =>
            await principals.CreateAsync((await users.FindByIdAsync(admin.Id))!));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
