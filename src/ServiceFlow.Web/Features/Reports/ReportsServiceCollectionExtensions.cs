using ServiceFlow.Web.Features.Reports.Facts;
using ServiceFlow.Web.Features.Reports.Imports;
using ServiceFlow.Web.Features.Reports.Measures;

namespace ServiceFlow.Web.Features.Reports;

internal static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportsOptions>().BindConfiguration("Reports");
        services.AddOptions<ImportOptions>().BindConfiguration("Reports:Imports");
        services.AddAuthorization(ReportPolicies.Add);
        services.AddSingleton<FactRefresher>();
        services.AddSingleton<MeasureService>();
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<Importer>();
        services.AddHostedService<ImportWorker>();
        services.AddOptions<Scheduled.ScheduledReportOptions>().BindConfiguration("Reports:Scheduled");
        services.AddSingleton<Scheduled.ScheduledReportJob>();
        services.AddSingleton<Scheduled.SubscriptionSchedule>();
        services.AddSingleton<Email.IMailAttachmentSource, Scheduled.ReportMailFiles>();
        services.AddHostedService<Scheduled.SubscriptionScheduleSync>();
        services.AddSingleton<Runtime.IServiceTaskHandler, Analyses.PeriodAnalysisTaskHandler>();
        services.AddSingleton<Runtime.IStepObserver, Analyses.PeriodReviewInputs>();
        services.AddScoped<Inbox.ITaskSubjects, Analyses.AnalysisTaskSubject>();
        services.AddSingleton(new Runtime.FeatureWorkflow(Analyses.PeriodReviewInputs.WorkflowKey,
            "the reports feature: its timers start it every month and every quarter"));
        return services;
    }

    public static void MapReports(this IEndpointRouteBuilder app)
    {
        app.MapReportsApi();
        Imports.ImportsApi.MapImportsApi(app);
        Process.ProcessHeatmapApi.MapProcessHeatmapApi(app);
        Scorecards.ScorecardsApi.MapScorecardsApi(app);
        Scheduled.SubscriptionsApi.MapSubscriptionsApi(app);
        Analyses.AnalysesApi.MapAnalysesApi(app);
    }
}
