using Microsoft.AspNetCore.Antiforgery;

namespace ServiceFlow.Web.Features.Designer;

/// The /api endpoints accept the sign-in cookie so pages can call them with fetch. A cookie is sent
/// by the browser on its own, so a state-changing call that authenticates with the cookie must also
/// carry the page's antiforgery token in the `RequestVerificationToken` header (pages put it in
/// `<meta name="request-verification-token">`). Bearer-token callers are not affected: a token is
/// never sent implicitly.
internal static class ApiAntiforgery
{
    public const string HeaderName = "RequestVerificationToken";

    public static TBuilder RequireAntiforgeryForCookieCallers<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                || http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                return await next(context);
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (await antiforgery.IsRequestValidAsync(http))
                return await next(context);
            return Problems.BadRequest(
                $"This request was sent with the sign-in cookie but without a valid antiforgery token. Reload the page and try again; "
                + $"scripts should send the '{HeaderName}' header from the page, or use a bearer token.");
        });
}
