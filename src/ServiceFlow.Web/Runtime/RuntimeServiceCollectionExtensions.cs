using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Runtime;

internal static class RuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddProcessRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RuntimeOptions>().BindConfiguration("Runtime").ValidateOnStart();
        services.AddSingleton(sp => new InterpreterOptions
        {
            MaxStepsPerCommand = configuration.GetValue("Runtime:MaxStepsPerCommand", 1000),
            // BusinessTime: each step's snapshot of IBusinessCalendars (ProcessRunner), never this default.
        });
        services.TryAddSingleton<IBusinessCalendars, NoBusinessCalendars>(); // SLA registers the real calendars
        services.AddSingleton<DefinitionStore>();
        services.TryAddSingleton<IWorkflowDecisions, NoWorkflowDecisions>(); // replaced by AddDecisions
        services.AddSingleton<ProcessRunner>();
        services.AddSingleton<CompletionCache>();
        services.AddSingleton<ServiceTaskHandlers>();
        services.AddSingleton<WorkflowAccess>();
        services.AddSingleton<InstanceAccess>();
        services.AddSingleton<IServiceTaskHandler, LogTaskHandler>();
        services.AddSingleton<IServiceTaskHandler, MailTaskHandler>();
        services.AddTransient<RuntimeJobs>();
        services.AddHostedService<WorkflowDeployer>();
        services.AddSingleton<IIntentHandler, BookmarkIntents>();
        services.AddSingleton<TimerStartScheduler>();
        services.AddSingleton<IIntentHandler>(sp => sp.GetRequiredService<TimerStartScheduler>());
        services.AddTransient<TimerStartJobs>();
        services.AddExceptionHandler<RuntimeProblemHandler>();
        return services;
    }
}

/// Turns a refused runtime request into its ProblemDetails response.
internal sealed class RuntimeProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not RuntimeProblem problem)
            return false;
        httpContext.Response.StatusCode = problem.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = problem.Status, Title = problem.Title, Detail = problem.Message },
            Exception = exception,
        });
    }
}
