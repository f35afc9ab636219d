using Microsoft.AspNetCore.Antiforgery;

namespace ServiceFlow.Web.Features.Account;

/// The /api endpoints accept the sign-in cookie so pages can call them with fetch. A browser sends
/// that cookie on its own, so every state-changing /api call that is authenticated by the cookie must
/// also carry the page's antiforgery token in the `RequestVerificationToken` header (pages put it in
/// `<meta name="request-verification-token">`). Bearer-token callers and anonymous calls (sign-in) are
/// not affected: a bearer token is never sent implicitly.
internal static class ApiAntiforgery
{
    public const string HeaderName = "RequestVerificationToken";

    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (NeedsToken(http) && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                await Results.Problem(
                    "This request was sent with the sign-in cookie but without a valid antiforgery token. Reload the page and try again; "
                    + $"scripts should send the '{HeaderName}' header from the page, or use a bearer token.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Bad request").ExecuteAsync(http);
                return;
            }
            await next(http);
        });

    static bool NeedsToken(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        && http.User.Identity?.IsAuthenticated == true
        && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
