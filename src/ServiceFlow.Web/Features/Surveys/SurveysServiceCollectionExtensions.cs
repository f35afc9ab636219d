using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Surveys;

internal static class SurveysServiceCollectionExtensions
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SurveyTokens>();
        services.AddSingleton<SurveyAnswers>();
        services.AddSingleton<Email.IInboundReplyHandler, SurveyReplyHandler>();
        services.AddScoped<SurveyLauncher>();
        services.AddSingleton<IServiceTaskHandler, SurveyTaskHandler>();
        services.AddSingleton<SurveyLinks>();
        services.AddSingleton<Email.IMailModelSource>(sp => sp.GetRequiredService<SurveyLinks>());
        services.AddSingleton(sp => new FeatureWorkflow(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SurveyOptions>>().Value.WorkflowKey,
            "the surveys feature: a resolved ticket starts it, an administrator may with POST /api/surveys"));
        return services;
    }
}
