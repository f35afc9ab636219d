using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServiceFlow.Web.Features.Forms;

/// One input of a form: what the person enters under `Key` (a process variable), checked against the
/// form-js `validate` rules; `Binding` (a documented record field, e.g. `ticket.description`) also
/// writes the value to the business record.
internal sealed record FormField(string Key, string Type, string? Label, bool Required, double? Min, double? Max,
    int? MinLength, int? MaxLength, string? Pattern, IReadOnlyList<string>? Options, string? ValuesKey, string? Binding,
    bool Conditional, string? Subtype, JsonElement? Default)
{
    /// `"properties": { "userGroup": "TechSupport" }` on a select: its options are the group's active members,
    /// filled in by the server (FormGroups), and nobody else is accepted.
    public string? UserGroup { get; init; }

    /// `"properties": { "prefill": "proposals" }`: on a task form the field starts from that instance variable (the
    /// earlier pass's text when work comes back), and emptying it clears the field's variable (FormPrefill).
    public string? Prefill { get; init; }
}

/// Who completed the task, written to a variable (and a record field) by the form itself: the review
/// names its reviewer as the ticket's supervisor.
internal sealed record FormSigner(string Key, string? Binding);

/// A form-js schema as the server reads it: its inputs, what it signs, its translations. Parsed once per
/// published version (versions never change). `Problems` are what publishing refuses.
internal sealed partial class FormSchema
{
    public static readonly string[] InputTypes = ["textfield", "textarea", "number", "checkbox", "radio", "select", "checklist", "taglist", "datetime", "filepicker"];
    /// What the designer's form editor offers: the inputs above and the display components a page shows plainly.
    public static readonly string[] PaletteTypes = [.. InputTypes, "text", "separator", "spacer", "group"];
    static readonly string[] DisplayTypes = ["text", "html", "image", "separator", "spacer", "button", "group", "iframe", "table", "expression"];
    static readonly JsonDocumentOptions Reading = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public required string Key { get; init; }
    public required IReadOnlyList<FormField> Fields { get; init; }
    public FormSigner? SignedBy { get; init; }
    public required JsonObject Raw { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]{0,99}$")]
    public static partial Regex VariableName();

    /// A form key names a file in forms/ and a form in the database.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\-]{0,99}$")]
    public static partial Regex FormKey();

    public FormField? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);

    public static FormSchema Parse(string key, string json)
    {
        var problems = new List<string>();
        JsonObject raw;
        try
        {
            using var document = JsonDocument.Parse(json, Reading);
            raw = JsonNode.Parse(document.RootElement.GetRawText()) as JsonObject ?? throw new JsonException("the form is not a JSON object");
        }
        catch (JsonException ex)
        {
            return new FormSchema { Key = key, Fields = [], Raw = [], Problems = [$"Form '{key}' is not form-js JSON: {ex.Message}"] };
        }
        var fields = new List<FormField>();
        Collect(key, raw["components"] as JsonArray, fields, problems);
        foreach (var duplicate in fields.GroupBy(f => f.Key).Where(g => g.Count() > 1))
            problems.Add($"Form '{key}' has {duplicate.Count()} fields with the key '{duplicate.Key}'; each field needs its own key.");
        var signer = ReadSigner(key, raw["signedBy"], problems);
        return new FormSchema { Key = key, Fields = fields, SignedBy = signer, Raw = raw, Problems = problems };
    }

    static void Collect(string form, JsonArray? components, List<FormField> fields, List<string> problems)
    {
        foreach (var component in components?.OfType<JsonObject>() ?? [])
        {
            var type = (string?)component["type"] ?? "";
            if (type == "group")
            {
                Collect(form, component["components"] as JsonArray, fields, problems);
                continue;
            }
            if (!InputTypes.Contains(type))
            {
                if (!DisplayTypes.Contains(type))
                    problems.Add($"Form '{form}' has a field of type '{type}', which ServiceFlow does not show or check; use one of {string.Join(", ", InputTypes)}.");
                continue;
            }
            if (ReadField(form, type, component, problems) is { } field)
                fields.Add(field);
        }
    }
}
