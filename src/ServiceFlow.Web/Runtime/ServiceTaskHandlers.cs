using System.Text.Json;

namespace ServiceFlow.Web.Runtime;

/// What a service-task handler sees: the step's transaction, the instance and the task's inputs.
internal sealed record ServiceTaskContext(
    StepContext Step,
    ProcessInstance Instance,
    string ActivityId,
    string JobId,
    IReadOnlyDictionary<string, JsonElement> Properties,
    IReadOnlyDictionary<string, JsonElement> Variables)
{
    public string? Property(string name) =>
        Properties.TryGetValue(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()) : null;
}

/// A service task type (`sf:type`), registered by name in DI. Inline handlers run inside the step's
/// transaction (their database writes commit with it); others run later in a Hangfire job.
internal interface IServiceTaskHandler
{
    string Type { get; }
    bool RunsInline { get; }
    Task<IReadOnlyDictionary<string, JsonElement>?> ExecuteAsync(ServiceTaskContext context);
}

internal sealed class ServiceTaskHandlers(IEnumerable<IServiceTaskHandler> handlers)
{
    readonly Dictionary<string, IServiceTaskHandler> byType = handlers.ToDictionary(h => h.Type, StringComparer.OrdinalIgnoreCase);

    public IServiceTaskHandler? Find(string type) => byType.GetValueOrDefault(type);

    public IEnumerable<string> Names => byType.Keys.Order(StringComparer.Ordinal);
}

/// `sf:type="log"`: writes a line to the application log (and the journal records the task).
internal sealed class LogTaskHandler(ILogger<LogTaskHandler> log) : IServiceTaskHandler
{
    public string Type => "log";
    public bool RunsInline => true;

    public Task<IReadOnlyDictionary<string, JsonElement>?> ExecuteAsync(ServiceTaskContext context)
    {
        log.LogInformation("Process {Workflow} {Instance} at {Activity}: {Message}", context.Instance.WorkflowKey,
            context.Instance.Id, context.ActivityId, context.Property("message") ?? "(no message)");
        return Task.FromResult<IReadOnlyDictionary<string, JsonElement>?>(null);
    }
}
