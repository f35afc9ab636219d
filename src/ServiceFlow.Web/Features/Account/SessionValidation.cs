using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

/// A cookie or bearer token is honoured only while the user's security stamp is the one it was issued
/// with and the account is not locked. Sign-out, lock-out, a password change and a role change all
/// give the user a new stamp (AppUserManager, LogoutModel), so every earlier session and token ends on
/// its next request, on every node. One primary-key read per authenticated request pays for that.
internal static class SessionValidation
{
    public static async Task<bool> IsCurrentAsync(HttpContext http, ClaimsPrincipal principal)
    {
        var identity = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = principal.FindFirstValue(identity.UserIdClaimType);
        var stamp = principal.FindFirstValue(identity.SecurityStampClaimType);
        if (id is null || stamp is null)
            return false;
        var db = http.RequestServices.GetRequiredService<ServiceFlowDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return await db.Users.AsNoTracking()
            .AnyAsync(u => u.Id == id && u.SecurityStamp == stamp && (u.LockoutEnd == null || u.LockoutEnd <= now), http.RequestAborted);
    }

    /// The sign-in cookie's check on every request (instead of Identity's every 30 minutes).
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not null && await IsCurrentAsync(context.HttpContext, context.Principal))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// Identity's bearer handler checks only the token's expiry; this checks the user behind it.
    public static IApplicationBuilder UseBearerTokenValidation(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var feature = http.Features.Get<IAuthenticateResultFeature>();
            if (feature?.AuthenticateResult is { Succeeded: true, Ticket: { } ticket }
                && ticket.AuthenticationScheme.StartsWith(IdentityConstants.BearerScheme, StringComparison.Ordinal)
                && !await IsCurrentAsync(http, ticket.Principal))
            {
                // A failed result (not only an anonymous user) so that authorization answers 401, not 403.
                feature.AuthenticateResult = AuthenticateResult.Fail("The bearer token was issued before the user signed out, was locked out or changed password or roles.");
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            await next(http);
        });
}
