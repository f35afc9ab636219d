using Microsoft.AspNetCore.Localization;

namespace ServiceFlow.Web;

internal static class WebServiceCollectionExtensions
{
    /// Pages live with their feature under Features/; every error is a ProblemDetails.
    public static IServiceCollection AddServiceFlowWeb(this IServiceCollection services)
    {
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        return services;
    }

    public static WebApplication UseServiceFlowPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
