using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Email;

/// `sf:type="mail"` (and every send task): puts the templated mail into the outbox in the step's own
/// transaction, so the mail exists exactly when the step does. Delivery happens later, with retries.
/// Inputs: `template` (sf:template), `to` (else the variable `customerEmail`), `toName`, `culture`
/// (else `customerCulture`); the template's model is the instance variables plus the inputs.
internal sealed class MailTaskHandler(MailMessageBuilder builder) : IServiceTaskHandler
{
    public string Type => "mail";
    public bool RunsInline => true;

    public Task<IReadOnlyDictionary<string, JsonElement>?> ExecuteAsync(ServiceTaskContext context)
    {
        var template = context.Property("template")
            ?? throw new InvalidOperationException($"The send/mail task '{context.ActivityId}' names no template (sf:template).");
        var to = context.Property("to") ?? Text(context.Variables, "customerEmail")
            ?? throw new InvalidOperationException($"The mail task '{context.ActivityId}' has no recipient: set the input 'to' or the variable 'customerEmail'.");
        var model = new JsonObject();
        foreach (var (key, value) in context.Variables)
            model[key] = JsonNode.Parse(value.GetRawText());
        foreach (var (key, value) in context.Properties)
            model[key] = JsonNode.Parse(value.GetRawText());
        var id = Guid.CreateVersion7();
        context.Step.Db.Outbox.Add(new OutboxMessage
        {
            Id = id,
            MessageId = builder.MessageIdFor(id),
            Template = template,
            Culture = context.Property("culture") ?? Text(context.Variables, "customerCulture"),
            To = to,
            ToName = context.Property("toName") ?? Text(context.Variables, "customerName"),
            Model = model.ToJsonString(InstanceStateJson.Options),
            InstanceId = context.Instance.Id,
            BusinessKey = context.Instance.BusinessKey,
            Status = OutboxStatus.Pending,
            CreatedAt = context.Step.Now,
            NextAttemptAt = context.Step.Now,
        });
        context.Step.Intend(OutboxDispatcher.Name, id, context.Step.Now);
        return Task.FromResult<IReadOnlyDictionary<string, JsonElement>?>(null);
    }

    static string? Text(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
