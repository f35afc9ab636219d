using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

internal static class AuthApi
{
    public sealed record TokenRequest([property: Required] string UserName, [property: Required] string Password);

    public sealed record RefreshRequest([property: Required] string RefreshToken);

    public sealed record ChangePasswordRequest([property: Required] string CurrentPassword, [property: Required] string NewPassword);

    public sealed record MeResponse(string UserName, string? DisplayName, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        // Issues an Identity bearer token (JSON: accessToken, expiresIn, refreshToken). Throttled per client
        // (SignInRateLimiting) and per client and account (PasswordSignIn): 429 with Retry-After.
        group.MapPost("/token", async Task<Results<SignInHttpResult, ProblemHttpResult>> (
            TokenRequest request, PasswordSignIn passwords, SignInManager<AppUser> signIn, HttpContext http) =>
        {
            var result = await passwords.CheckAsync(request.UserName, request.Password, http);
            switch (result.Outcome)
            {
                case PasswordSignIn.Outcome.Succeeded:
                    return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(result.User!), authenticationScheme: IdentityConstants.BearerScheme);
                case PasswordSignIn.Outcome.Throttled:
                    http.Response.Headers.RetryAfter = result.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return TypedResults.Problem(SignInRateLimiting.TooManyDetail(result.RetryAfterSeconds),
                        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
                default:
                    return TypedResults.Problem(result.Outcome == PasswordSignIn.Outcome.LockedOut ? PasswordSignIn.LockedOut : PasswordSignIn.WrongCredentials,
                        statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
            }
        }).AllowAnonymous();

        // A new access token for a refresh token, while the user's security stamp is unchanged and the account unlocked.
        group.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (
            RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<AppUser> signIn,
            UserManager<AppUser> users, TimeProvider clock) =>
        {
            var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user || await users.IsLockedOutAsync(user))
                return TypedResults.Problem("The refresh token is invalid, has expired, or was issued before the user signed out, " +
                    "was locked out or changed password or roles. Ask for a new token with POST /api/auth/token.",
                    statusCode: StatusCodes.Status401Unauthorized, title: "Refresh failed");
            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        }).AllowAnonymous();

        // Ends every session and token of the caller (a new security stamp).
        group.MapPost("/logout", async Task<NoContent> (ClaimsPrincipal principal, UserManager<AppUser> users) =>
        {
            if (await users.GetUserAsync(principal) is { } me)
                await users.UpdateSecurityStampAsync(me);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Staff);

        // Changes the caller's password under PasswordPolicy; every earlier session and token ends.
        group.MapPost("/password", async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> (
            ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<AppUser> users) =>
        {
            if (await users.GetUserAsync(principal) is not { } me)
                return TypedResults.Unauthorized();
            var changed = await users.ChangePasswordAsync(me, request.CurrentPassword, request.NewPassword);
            if (!changed.Succeeded)
                return TypedResults.ValidationProblem(changed.Errors.GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword")
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Staff);

        group.MapGet("/me", async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> (
            ClaimsPrincipal user, UserManager<AppUser> users) =>
        {
            var me = await users.GetUserAsync(user);
            if (me is null)
                return TypedResults.Unauthorized();
            return TypedResults.Ok(new MeResponse(me.UserName!, me.DisplayName, [.. await users.GetRolesAsync(me)]));
        }).RequireAuthorization(Policies.Staff);

        return group;
    }
}
