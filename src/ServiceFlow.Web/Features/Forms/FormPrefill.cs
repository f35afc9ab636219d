using System.Text.Json;

namespace ServiceFlow.Web.Features.Forms;

/// `"properties": { "prefill": "<variable>" }` on a task form's field: the field starts from that process variable of
/// the task's instance, so work that comes back (a review that sends an analysis back) opens with what was written
/// before instead of an empty form. Only a value the field would accept is shown (FormValidator.Refusal), so a
/// prefilled form can be completed as it stands. A prefilled field the person empties is sent as JSON null, which
/// clears its variable: otherwise the engine keeps the old value and it would come back on the next pass.
/// Opt-in per field: a decision or a comment of an earlier pass still starts from the form's default.
internal static class FormPrefill
{
    public static readonly JsonElement Cleared = JsonSerializer.SerializeToElement<object?>(null);

    /// The starting values of the prefilled fields, from the instance's variables.
    public static Dictionary<string, JsonElement> Values(FormSchema form, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var values = new Dictionary<string, JsonElement>();
        foreach (var field in form.Fields)
        {
            if (field.Prefill is { } name && variables.TryGetValue(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
                && (field.UserGroup is not null ? value.ValueKind == JsonValueKind.String : FormValidator.Refusal(field, value) is null))
                values[field.Key] = value.Clone();
        }
        return values;
    }

    /// A prefilled, optional field sent empty (not left out: an API client that leaves a key out changes nothing).
    public static bool Emptied(FormField field, IReadOnlyDictionary<string, JsonElement> entered) =>
        field.Prefill is not null && !field.Required && field.Type != "checkbox" && entered.ContainsKey(field.Key);
}
