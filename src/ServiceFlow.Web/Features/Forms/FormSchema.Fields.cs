using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServiceFlow.Web.Features.Tickets;

namespace ServiceFlow.Web.Features.Forms;

internal sealed partial class FormSchema
{
    static FormField? ReadField(string form, string type, JsonObject c, List<string> problems)
    {
        var key = (string?)c["key"];
        var label = (string?)c["label"];
        if (key is null || !VariableName().IsMatch(key))
        {
            problems.Add($"Field '{label ?? type}' of form '{form}' has the key '{key}', which is not a variable name: "
                + "use a letter or _ followed by letters, digits or _ (gateways read it, e.g. decision === 'approve').");
            return null;
        }
        var validate = c["validate"] as JsonObject;
        var pattern = (string?)validate?["pattern"];
        if (pattern is not null && !IsRegex(pattern))
            problems.Add($"Field '{key}' of form '{form}' has a pattern that is not a regular expression: {pattern}");
        var binding = (string?)(c["properties"] as JsonObject)?["binding"];
        if (binding is not null && !TicketFields.IsBindable(binding))
            problems.Add($"Field '{key}' of form '{form}' binds to '{binding}', which is not a record field a form may write; "
                + $"bindable: {string.Join(", ", TicketFields.Bindable)}.");
        // Options as JSON (a radio may offer true/false): a value is one of them when its JSON is.
        var options = (c["values"] as JsonArray)?.OfType<JsonObject>().Select(v => v["value"] is { } o ? OptionText(JsonSerializer.SerializeToElement(o)) : null).OfType<string>().ToList();
        var valuesKey = (string?)c["valuesKey"];
        if (type is "radio" or "select" or "checklist" or "taglist" && options is not { Count: > 0 } && valuesKey is null)
            problems.Add($"Field '{key}' of form '{form}' is a {type} without options; add its options.");
        var userGroup = (string?)(c["properties"] as JsonObject)?["userGroup"];
        if (userGroup is not null && (type != "select" || valuesKey is null || string.IsNullOrWhiteSpace(userGroup)))
            problems.Add($"Field '{key}' of form '{form}' names the user group '{userGroup}': only a select with a valuesKey offers a group's members.");
        var prefill = ReadPrefill(form, key, type, binding, (c["properties"] as JsonObject)?["prefill"], problems);
        return new FormField(key, type, label, validate?["required"] is JsonValue r && r.TryGetValue<bool>(out var required) && required,
            Number(validate?["min"]), Number(validate?["max"]), (int?)Number(validate?["minLength"]), (int?)Number(validate?["maxLength"]),
            pattern, options, valuesKey, binding, c["conditional"] is JsonObject cond && cond["hide"] is not null,
            type == "datetime" ? (string?)c["subtype"] ?? "date" : null,
            c["defaultValue"] is { } d ? JsonSerializer.SerializeToElement(d) : null)
        { UserGroup = userGroup?.Trim(), Prefill = prefill };
    }

    /// A prefill names a process variable; a file field cannot start from a value (only an uploaded file stands in it),
    /// and a bound field starts from the record already.
    static string? ReadPrefill(string form, string key, string type, string? binding, JsonNode? node, List<string> problems)
    {
        if (node is null)
            return null;
        var name = node is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : null;
        if (name is null || !VariableName().IsMatch(name))
            problems.Add($"Field '{key}' of form '{form}' prefills from {node.ToJsonString()}, which is not a variable name: "
                + $"name the process variable the field starts from, e.g. \"prefill\": \"{key}\".");
        else if (type == "filepicker")
            problems.Add($"Field '{key}' of form '{form}' is a file field, which cannot be prefilled: a file is uploaded each time; remove prefill.");
        else if (binding is not null)
            problems.Add($"Field '{key}' of form '{form}' both binds to '{binding}' and prefills from '{name}': a bound field starts from the record; keep one.");
        else
            return name;
        return null;
    }

    static FormSigner? ReadSigner(string form, JsonNode? node, List<string> problems)
    {
        if (node is not JsonObject signer)
            return null;
        var key = (string?)signer["key"];
        var binding = (string?)signer["binding"];
        if (key is null || !VariableName().IsMatch(key))
            problems.Add($"signedBy of form '{form}' needs a key that is a variable name (it receives the user name of whoever completes the task).");
        if (binding is not null && !TicketFields.IsBindable(binding))
            problems.Add($"signedBy of form '{form}' binds to '{binding}', which is not a record field a form may write.");
        return key is null ? null : new FormSigner(key, binding);
    }

    /// An option's identity: its kind and text (the same for "a" whether written escaped or not).
    public static string? OptionText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    static double? Number(JsonNode? node) =>
        node is JsonValue v && (v.TryGetValue<double>(out var d) || (v.TryGetValue<string>(out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out d))) ? d : null;

    static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
