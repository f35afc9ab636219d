using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;
using ServiceFlow.Web.Features.Account;

namespace ServiceFlow.Web;

internal static class WebServiceCollectionExtensions
{
    /// Pages live with their feature under Features/; every error is a ProblemDetails.
    public static IServiceCollection AddServiceFlowWeb(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.ConfigureFilter(new Features.RequestRulesPageFilter());
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = AccessProblems.Explain);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // Malformed JSON and wrong types reach the exception handler, which says what was wrong and where.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<Data.DatabaseProblemHandler>();
        services.AddOpenApi(o => o.AddSchemaTransformer(OpenApiRequiredFields.ApplyAsync));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddHttpHardening();
        return services;
    }

    public static WebApplication UseServiceFlowPipeline(this WebApplication app)
    {
        app.UseHttpHardening(); // first: forwarded headers, then security headers on every response
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // People in a browser get a page in their language (Features/Status.cshtml); API clients keep the problem details.
        app.UseWhen(AsksForAPage, branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseBearerTokenValidation();
        app.UseAuthorization();
        app.UseApiAntiforgery();
        return app;
    }

    /// A browser's request for a page: not the API, and HTML among what it accepts.
    static bool AsksForAPage(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api")
        && context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}

/// A request the endpoint could not read (bad JSON, a wrong type, a missing body) gets a 400 whose
/// detail names the problem and the JSON path, instead of an empty "Bad Request".
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        var detail = bad.InnerException is JsonException json
            ? $"The request body is not valid: {json.Message}"
            : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = detail },
            Exception = exception,
        });
    }
}
