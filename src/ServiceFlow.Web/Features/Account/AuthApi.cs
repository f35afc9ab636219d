using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Account;

internal static class AuthApi
{
    public sealed record TokenRequest([property: Required] string UserName, [property: Required] string Password);

    public sealed record MeResponse(string UserName, string? DisplayName, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        // Issues an Identity bearer token (JSON: accessToken, expiresIn, refreshToken).
        group.MapPost("/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (
            TokenRequest request, SignInManager<AppUser> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
                return TypedResults.Empty; // the sign-in already wrote the token response
            return TypedResults.Problem(
                result.IsLockedOut ? "Too many failed attempts; the account is locked for a few minutes." : "Unknown user name or wrong password.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }).AllowAnonymous();

        group.MapGet("/me", async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> (
            System.Security.Claims.ClaimsPrincipal user, UserManager<AppUser> users) =>
        {
            var me = await users.GetUserAsync(user);
            if (me is null)
                return TypedResults.Unauthorized();
            return TypedResults.Ok(new MeResponse(me.UserName!, me.DisplayName, [.. await users.GetRolesAsync(me)]));
        }).RequireAuthorization(Policies.Staff);

        return group;
    }
}
