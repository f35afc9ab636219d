using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

/// Accepts SERVICEFLOW_ADMIN_TOKEN as a bearer token for the built-in admin, for automation.
/// Unset, no token matches.
internal sealed class AdminTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserManager<AppUser> users,
    IUserClaimsPrincipalFactory<AppUser> principals)
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
        var admin = await users.FindByNameAsync(IdentitySeeder.AdminUserName);
        if (admin is null)
            return AuthenticateResult.Fail("The admin account does not exist yet.");
        var principal = await principals.CreateAsync(admin);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
