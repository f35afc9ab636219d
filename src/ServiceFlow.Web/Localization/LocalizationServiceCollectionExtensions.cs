using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace ServiceFlow.Web.Localization;

internal static class LocalizationServiceCollectionExtensions
{
    public static readonly string[] SupportedCultures = ["zh-CN", "en"];

    public static IServiceCollection AddServiceFlowLocalization(this IServiceCollection services)
    {
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<IStringLocalizerFactory>().Create(typeof(Program)));
        services.AddSingleton<DeskTime>();
        services.AddSingleton<WorkflowText>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        return services;
    }

    /// POST /culture switches the language for this browser (a cookie) and goes back where the user was.
    /// The layout's form carries an antiforgery token, checked here by hand: the endpoint-wide antiforgery
    /// middleware would also demand tokens from bearer-token API callers (see ApiAntiforgery).
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapPost("/culture", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem("The language form was sent without a valid antiforgery token. Reload the page and choose the language again.", statusCode: 400);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var culture = form["culture"].ToString();
            if (!SupportedCultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
                return Results.Problem($"Unsupported language '{culture}'. Use one of: {string.Join(", ", SupportedCultures)}.", statusCode: 400);
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            var returnUrl = form["returnUrl"].ToString();
            var target = returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous().DisableAntiforgery();
}
