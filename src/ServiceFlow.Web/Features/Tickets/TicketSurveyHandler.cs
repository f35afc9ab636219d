using System.Text.Json;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// `sf:type="start-survey"`: when a ticket with a customer address is resolved, its callback survey
/// (seed 002 §3.3) starts in the same transaction. The people who handled the ticket are recorded so
/// they cannot answer it themselves.
internal sealed class TicketSurveyHandler(IServiceProvider services, IOptions<SurveyOptions> options) : IServiceTaskHandler
{
    public string Type => "start-survey";
    public bool RunsInline => true;

    public async Task<IReadOnlyDictionary<string, JsonElement>?> ExecuteAsync(ServiceTaskContext context)
    {
        JsonElement Var(string name) => context.Variables.TryGetValue(name, out var v) ? v : JsonSerializer.SerializeToElement<string?>(null);
        string? Text(string name) => Var(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
        var handledBy = new[] { Text("reporter"), Text("handler"), Text("supervisor") }.OfType<string>().Distinct().ToArray();
        var variables = new Dictionary<string, JsonElement>
        {
            ["businessKey"] = JsonSerializer.SerializeToElement(context.Instance.BusinessKey),
            ["customerEmail"] = Var("customerEmail"),
            ["customerName"] = Var("customerName"),
            ["customerCulture"] = Var("customerCulture"),
            ["supervisor"] = Var("supervisor"),
            ["handledBy"] = JsonSerializer.SerializeToElement(handledBy),
            ["ticket"] = Var("ticket"),
            ["followUpThreshold"] = JsonSerializer.SerializeToElement(options.Value.FollowUpThreshold),
        };
        // Resolved here, not injected: the runner needs every handler, this one included.
        var runner = services.GetRequiredService<ProcessRunner>();
        var survey = await runner.TryStartInAsync(context.Step, options.Value.WorkflowKey, context.Instance.BusinessKey, variables);
        return new Dictionary<string, JsonElement> { ["surveyInstanceId"] = JsonSerializer.SerializeToElement(survey?.Id) };
    }
}
