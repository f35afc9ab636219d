using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServiceFlow.Web.Features.Forms;

/// A refusal about one field (`Key`), or about the submission as a whole (`Key` null: fields the form does not declare).
internal sealed record FieldError(string? Key, FormattableString Text)
{
    public string Message => Text.ToString(CultureInfo.InvariantCulture);
}

/// What a completion turns into: the variables the process gets, the record fields it writes, or the refusals.
internal sealed record FormCheck(Dictionary<string, JsonElement> Variables, List<(string Binding, JsonElement Value)> Bound, List<FieldError> Errors);

/// The one check of what a person entered against a form version: only declared keys, required, type, range,
/// length, pattern and options, as form-js validates them in the browser. The page and the API both end here.
internal static class FormValidator
{
    /// `members`: the people each user-group field offers (FormGroups.MembersAsync); a user-group field whose
    /// members are not given accepts nobody.
    public static FormCheck Check(FormSchema form, IReadOnlyDictionary<string, JsonElement> entered, string? user,
        IReadOnlyDictionary<string, IReadOnlyList<Account.Person>>? members = null)
    {
        var errors = new List<FieldError>();
        var unknown = entered.Keys.Where(k => form.Field(k) is null).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            errors.Add(new(null, F($"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not a field of form '{form.Key}' (its fields: {string.Join(", ", form.Fields.Select(f => f.Key))})")));
        var variables = new Dictionary<string, JsonElement>();
        var bound = new List<(string, JsonElement)>();
        foreach (var field in form.Fields)
        {
            if (!entered.TryGetValue(field.Key, out var value) || IsEmpty(value))
            {
                if (FormPrefill.Emptied(field, entered))
                {
                    variables[field.Key] = FormPrefill.Cleared;
                    continue;
                }
                if (field.Type == "checkbox" && !field.Required)
                    value = field.Default is { ValueKind: JsonValueKind.True or JsonValueKind.False } d ? d : JsonSerializer.SerializeToElement(false);
                else if (field.Default is { } fallback && !IsEmpty(fallback))
                    value = fallback;
                else
                {
                    // A field with a visibility condition may have been hidden: form-js leaves it out then.
                    if (field.Required && !field.Conditional)
                        errors.Add(new(field.Key, F($"{field.Key} is required")));
                    continue;
                }
            }
            if ((field.UserGroup is null ? Refusal(field, value) : MemberRefusal(field, value, members)) is { } refusal)
                errors.Add(new(field.Key, refusal));
            else
            {
                variables[field.Key] = value;
                if (field.Binding is { } binding)
                    bound.Add((binding, value));
            }
        }
        if (form.SignedBy is { } signer && errors.Count == 0)
        {
            var name = JsonSerializer.SerializeToElement(user);
            variables[signer.Key] = name;
            if (signer.Binding is { } binding)
                bound.Add((binding, name));
        }
        return new FormCheck(variables, bound, errors);
    }

    static FormattableString F(FormattableString text) => text;

    static FormattableString? MemberRefusal(FormField field, JsonElement value, IReadOnlyDictionary<string, IReadOnlyList<Account.Person>>? members)
    {
        var people = members?.GetValueOrDefault(field.Key) ?? [];
        if (value.ValueKind == JsonValueKind.String && people.Any(p => string.Equals(p.UserName, value.GetString(), StringComparison.OrdinalIgnoreCase)))
            return null;
        return people.Count == 0
            ? F($"{field.Key} must be a member of {field.UserGroup}, and that group has no active members")
            : F($"{field.Key} must be a member of {field.UserGroup}: {string.Join(", ", people.Take(20).Select(p => p.UserName))}");
    }

    static bool IsEmpty(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

    /// Why a value does not fit a field (null when it does); user-group membership is checked apart (MemberRefusal).
    public static FormattableString? Refusal(FormField field, JsonElement value) => field.Type switch
    {
        "checkbox" => value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) ? F($"{field.Key} must be true or false")
            : field.Required && value.ValueKind == JsonValueKind.False ? F($"{field.Key} must be ticked") : null,
        "number" => value.ValueKind != JsonValueKind.Number ? F($"{field.Key} must be a number")
            : value.GetDouble() < field.Min ? F($"{field.Key} must be at least {field.Min}")
            : value.GetDouble() > field.Max ? F($"{field.Key} must be at most {field.Max}") : null,
        "radio" or "select" => !IsOption(field, value) ? F($"{field.Key} must be one of {Options(field)}") : null,
        "checklist" or "taglist" => value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => !IsOption(field, v))
            ? F($"{field.Key} must be a list of {Options(field)}") : null,
        "filepicker" => value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("id", out _)
            ? F($"{field.Key} takes a file: send it as a multipart part named {field.Key}") : null,
        "datetime" => value.ValueKind != JsonValueKind.String || !IsDateTime(field.Subtype, value.GetString()!)
            ? F($"{field.Key} must be a {DateFormat(field.Subtype)}") : null,
        _ => TextRefusal(field, value),
    };

    static FormattableString? TextRefusal(FormField field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
            return F($"{field.Key} must be text");
        var text = value.GetString()!;
        var max = Math.Min(field.MaxLength ?? int.MaxValue, TextLimits.Text);
        if (text.Length > max)
            return F($"{field.Key} is {text.Length} characters long; the limit is {max}");
        if (text.Length < field.MinLength)
            return F($"{field.Key} must be at least {field.MinLength} characters long");
        if (text.Contains('\0', StringComparison.Ordinal))
            return F($"{field.Key} contains a NUL character (U+0000); remove it");
        if (field.Pattern is { } pattern && !Matches(pattern, text))
            return F($"{field.Key} does not match the pattern {pattern}");
        return null;
    }

    static bool Matches(string pattern, string text)
    {
        try
        {
            // form-js tests the whole value against the pattern.
            return Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromMilliseconds(200));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// With `valuesKey` the options come from the task (the eligible handlers): the feature that offers them checks the choice.
    static bool IsOption(FormField field, JsonElement value) => field.Options is { Count: > 0 } options
        ? FormSchema.OptionText(value) is { } text && options.Contains(text)
        : value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0;

    static string Options(FormField field) => field.Options is { Count: > 0 } options
        ? string.Join(", ", options) : $"the values offered in {field.ValuesKey}";

    static bool IsDateTime(string? subtype, string text) => subtype switch
    {
        "time" => TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss", "h:mm tt"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "datetime" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        _ => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
    };

    static string DateFormat(string? subtype) => subtype switch { "time" => "time (HH:mm)", "datetime" => "date and time (ISO 8601)", _ => "date (yyyy-MM-dd)" };
}
