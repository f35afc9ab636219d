using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Surveys;

internal static class SurveysServiceCollectionExtensions
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SurveyTokens>();
        services.AddSingleton<SurveyAnswers>();
        services.AddScoped<SurveyLauncher>();
        services.AddSingleton<IServiceTaskHandler, SurveyTaskHandler>();
        return services;
    }
}
