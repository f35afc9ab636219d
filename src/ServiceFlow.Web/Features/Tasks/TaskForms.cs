using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tasks;

/// The fields each task form declares, in one place until forms are data (form-js JSON deployed with the
/// workflow): the task page renders and reads these, the API accepts exactly these names (anything else
/// is a 400 naming it), and the demo data fills them the same way. A task without a form key has no
/// declared form and passes what it is given (still within the request limits).
internal static class TaskForms
{
    public enum Kind { Text, Flag, Choice, Handler }

    /// `Default` fills a flag left out (an unticked checkbox); a field without one that is `Required` must be given.
    public sealed record Field(string Name, Kind Kind, bool Required = false, string[]? Choices = null, bool? Default = null);

    /// What a form adds on its own: the review names its reviewer as the ticket's supervisor.
    public sealed record Form(string Key, IReadOnlyList<Field> Fields, string? SignedBy = null);

    static readonly Field Comment = new("comment", Kind.Text);

    /// Where a form key is unknown the page shows a comment box; so does the API accept only a comment.
    static readonly Form Default = new("", [Comment]);

    static readonly Dictionary<string, Form> Forms = new Form[]
    {
        new("review", [new("decision", Kind.Choice, Required: true, Choices: ["accept", "return"]), new("groupAnalysis", Kind.Flag, Default: false),
            new("severity", Kind.Choice, Choices: ["minor", "major", "critical"]), Comment], SignedBy: "supervisor"),
        new("correct", [Comment]),
        new("analysis", [Comment]),
        new("arrange", [new("handler", Kind.Handler, Required: true), new("plan", Kind.Text, Required: true)]),
        new("execute", [new("solved", Kind.Flag, Required: true), new("solution", Kind.Text), new("recovery", Kind.Text)]),
        new("confirm", [new("confirmed", Kind.Flag, Required: true), Comment]),
        new("survey-follow-up", [Comment]),
    }.ToDictionary(f => f.Key, StringComparer.Ordinal);

    public static Form? Of(string? formKey) => formKey is null ? null : Forms.GetValueOrDefault(formKey, Default);

    /// The runner's check: what was entered, refused or turned into the variables the task's form declares.
    public static readonly TaskForm Apply = async (ctx, task, entered, user) =>
    {
        if (Of(task.FormKey) is not { } form)
            return entered;
        var problems = new List<string>();
        var unknown = entered.Keys.Where(k => form.Fields.All(f => f.Name != k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            problems.Add($"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not a field of form '{task.FormKey}' "
                + $"(its fields: {string.Join(", ", form.Fields.Select(f => f.Name))})");
        var variables = new Dictionary<string, JsonElement>();
        foreach (var field in form.Fields)
        {
            if (!entered.TryGetValue(field.Name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                if (field.Default is { } fallback)
                    variables[field.Name] = JsonSerializer.SerializeToElement(fallback);
                else if (field.Required)
                    problems.Add($"{field.Name} is required");
                continue;
            }
            if (Refusal(field, value) is { } refusal)
                problems.Add(refusal);
            else
                variables[field.Name] = value;
        }
        if (problems.Count > 0)
            throw RuntimeProblem.BadRequest($"Task '{task.Name}' cannot be completed with these fields: {string.Join("; ", problems)}.");
        if (form.SignedBy is { } signer)
            variables[signer] = JsonSerializer.SerializeToElement(user.Identity?.Name);
        return variables;
    };

    static string? Refusal(Field field, JsonElement value)
    {
        switch (field.Kind)
        {
            case Kind.Flag:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"{field.Name} must be true or false";
            case Kind.Choice:
                return value.ValueKind == JsonValueKind.String && field.Choices!.Contains(value.GetString())
                    ? null : $"{field.Name} must be one of {string.Join(", ", field.Choices!)}";
            case Kind.Handler:
                // The shape only: who may be named is the ticket's rule (Tickets/TicketHandlers: its groups,
                // the roles that handle), checked by TicketTaskInputs in the same step with a message that
                // lists the people who can.
                return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                    ? null : $"{field.Name} must be a user name";
            default:
                if (value.ValueKind != JsonValueKind.String)
                    return $"{field.Name} must be text";
                var text = value.GetString()!;
                return text.Length > TextLimits.Text ? $"{field.Name} is {text.Length} characters long; the limit is {TextLimits.Text}"
                    : text.Contains('\0', StringComparison.Ordinal) ? $"{field.Name} contains a NUL character (U+0000); remove it"
                    : null;
        }
    }

    /// The page's form post as the same variables the API takes: text as entered (empty = left out),
    /// a flag true when its box or radio says "true" or "yes".
    public static Dictionary<string, JsonElement> FromForm(string? formKey, IFormCollection posted)
    {
        var variables = new Dictionary<string, JsonElement>();
        foreach (var field in (Of(formKey) ?? Default).Fields)
        {
            var text = posted[field.Name].ToString();
            if (field.Kind == Kind.Flag)
                variables[field.Name] = JsonSerializer.SerializeToElement(text is "true" or "yes");
            else if (text.Length > 0)
                variables[field.Name] = JsonSerializer.SerializeToElement(text);
        }
        return variables;
    }
}
