using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// What the task page needs to draw a form version with plain, keyboard-usable controls: its components
/// in order, the texts in the reader's language, the values to start from and the refusals per field.
internal sealed class TaskFormView(FormSchema schema, IReadOnlyDictionary<string, JsonElement> values, IReadOnlyList<FieldError> errors, CultureInfo culture)
{
    public FormSchema Schema { get; } = schema;
    public Func<string?, string> T { get; } = FormText.For(schema, culture);
    public IReadOnlyList<FieldError> Errors { get; } = errors;
    /// The people a `"valuesKey": "handlers"` select offers: those who can handle the task's ticket.
    public IReadOnlyList<Account.Person>? Handlers { get; init; }
    /// The people each user-group select offers (`"properties": { "userGroup": … }`, FormGroups), by field key.
    public IReadOnlyDictionary<string, IReadOnlyList<Account.Person>> Members { get; init; } = new Dictionary<string, IReadOnlyList<Account.Person>>();
    /// A form with a file field is posted as multipart.
    public bool HasFiles => Schema.Fields.Any(f => f.Type == "filepicker");
    /// The form-js input data its server-filled options come from (user-group selects).
    public Dictionary<string, object> InputData => FormGroups.InputData(Schema, Members);

    public IEnumerable<JsonObject> Components(JsonArray? components = null)
    {
        foreach (var c in (components ?? Schema.Raw["components"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)c["type"] == "group")
                foreach (var inner in Components(c["components"] as JsonArray))
                    yield return inner;
            else
                yield return c;
        }
    }

    /// The value a field starts with, as the control's text ("" for none).
    public string Value(string key, IFormCollection? posted)
    {
        if (posted is not null && posted.ContainsKey(key))
            return posted[key].ToString();
        if (values.TryGetValue(key, out var value) || (Schema.Field(key)?.Default is { } d && (value = d).ValueKind != JsonValueKind.Undefined))
            return FormSchema.OptionText(value) ?? "";
        return "";
    }

    /// A field's refusal in the reader's language, naming the field by its label rather than its key.
    public string? ErrorOf(string key, string label, HttpContext http)
    {
        if (Errors.FirstOrDefault(e => e.Key == key) is not { } error)
            return null;
        object?[] arguments = [label, .. error.Text.GetArguments().Skip(1)];
        return http.Localize(RuntimeProblem.BadRequest(FormattableStringFactory.Create(error.Text.Format, arguments)));
    }

    /// The same form for the form-js viewer (Features/Forms/_FormView.cshtml): what was entered when a refused post
    /// comes back (nothing is lost), else the starting values; the handlers a `"valuesKey": "handlers"` select offers
    /// as its input data; each refusal in the reader's language, on its field and in the summary.
    public FormView Viewer(HttpContext http, IReadOnlyDictionary<string, JsonElement>? entered)
    {
        var data = new Dictionary<string, JsonElement>(entered ?? values);
        if (Handlers is not null && Schema.Fields.Any(f => f.ValuesKey == "handlers"))
            data["handlers"] = JsonSerializer.SerializeToElement(Handlers.Select(p => new { label = p.Label, value = p.UserName }));
        foreach (var (valuesKey, options) in InputData) // a user picker's group members
            data[valuesKey] = JsonSerializer.SerializeToElement(options);
        var refusals = Errors.Select(e => e.Key is null
            ? new FormView.Refusal(null, "", http.Localize(RuntimeProblem.BadRequest(e.Text)))
            : new FormView.Refusal(e.Key, T(Schema.Field(e.Key)?.Label ?? e.Key), ErrorOf(e.Key, T(Schema.Field(e.Key)?.Label ?? e.Key), http)!)).ToList();
        return new FormView(Schema, data, refusals);
    }

    public static IEnumerable<(string Value, string Label)> Options(JsonObject c) =>
        (c["values"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(v => (v["value"] is { } o ? FormSchema.OptionText(JsonSerializer.SerializeToElement(o)) ?? "" : "", (string?)v["label"] ?? ""));

    /// The page's post as the JSON the API takes: a checkbox is true or false, a number a number, an option its
    /// declared value (an option true or false is a boolean); empty text is left out, but for a prefilled field (FormPrefill).
    public static Dictionary<string, JsonElement> FromPost(FormSchema schema, IFormCollection posted)
    {
        var variables = new Dictionary<string, JsonElement>();
        foreach (var field in schema.Fields)
        {
            var texts = posted[field.Key];
            var text = texts.ToString();
            if (field.Type == "checkbox")
                variables[field.Key] = JsonSerializer.SerializeToElement(text is "true" or "yes");
            else if (field.Type is "checklist" or "taglist")
                variables[field.Key] = JsonSerializer.SerializeToElement(texts.Where(t => !string.IsNullOrEmpty(t)).ToArray());
            else if (text.Length == 0)
            {
                if (field.Prefill is not null && posted.ContainsKey(field.Key)) // emptied: clears what it was prefilled from
                    variables[field.Key] = JsonSerializer.SerializeToElement("");
                continue;
            }
            else if (field.Type == "number")
                variables[field.Key] = double.TryParse(text, CultureInfo.InvariantCulture, out var n) ? JsonSerializer.SerializeToElement(n) : JsonSerializer.SerializeToElement(text);
            else if (field.Type is "radio" or "select" && field.Options is { Count: > 0 })
                variables[field.Key] = text is "true" or "false" ? JsonSerializer.SerializeToElement(text == "true") : JsonSerializer.SerializeToElement(text);
            else
                variables[field.Key] = JsonSerializer.SerializeToElement(text);
        }
        return variables;
    }
}
