using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace ServiceFlow.Web.Features;

/// The lengths every text a request brings may have (docs/security.md, "Limits").
public static class TextLimits
{
    /// Names, keys, titles, codes, user names, short choices.
    public const int Name = 200;
    /// Any other text: comments, reasons, steps, variables' text values. The default for every string.
    public const int Text = 4000;
    /// Long free text: a ticket's description and solution, cause analysis, a knowledge article's body.
    public const int LongText = 20000;
    /// Items in one list or entries in one object of a request (variables, holidays, …).
    public const int Items = 1000;
}

/// Checks what a request brings before any handler sees it, in one place for every endpoint and page:
/// required fields (`[Required]`), text lengths (`[MaxLength]`/`[StringLength]`, else TextLimits.Text),
/// no NUL character in any text (PostgreSQL cannot store one), enum values that exist, bounded lists.
/// Each problem names the field (as JSON spells it) and, for lengths, the limit.
internal static class RequestRules
{
    const int MaxDepth = 12;

    /// Applies the rules to every endpoint mapped under `builder`.
    public static TBuilder WithRequestRules<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var isService = context.ApplicationServices.GetService<Microsoft.Extensions.DependencyInjection.IServiceProviderIsService>();
            var checkedParameters = context.MethodInfo.GetParameters()
                .Select((p, i) => (Parameter: p, Index: i))
                .Where(x => IsInput(x.Parameter.ParameterType) && isService?.IsService(x.Parameter.ParameterType) != true)
                .ToArray();
            if (checkedParameters.Length == 0)
                return next;
            return async invocation =>
            {
                var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var (parameter, index) in checkedParameters)
                    Check(JsonName(parameter.Name ?? "value"), invocation.Arguments[index], Limit(parameter), errors, 0);
                return errors.Count == 0 ? await next(invocation) : Problem(errors);
            };
        });

    public static IResult Problem(Dictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            detail: string.Join(" ", errors.SelectMany(e => e.Value)), title: "Invalid request");

    /// Checks one value (a parameter, a property, an item) and what it holds, adding a message per problem.
    /// Pages pass `required: false`: a page shows its form again with what is missing (ModelState).
    public static void Check(string path, object? value, int limit, Dictionary<string, List<string>> errors, int depth, bool required = true)
    {
        if (value is null || depth > MaxDepth)
            return;
        switch (value)
        {
            case string text:
                CheckText(path, text, limit, errors);
                return;
            case JsonElement json:
                CheckJson(path, json, errors, depth);
                return;
            case Enum e when !e.GetType().IsDefined(typeof(FlagsAttribute), false) && !Enum.IsDefined(e.GetType(), e):
                Add(errors, path, $"{path} must be one of {string.Join(", ", Enum.GetNames(e.GetType()))}.");
                return;
            case IDictionary dictionary:
                if (dictionary.Count > TextLimits.Items)
                    Add(errors, path, $"{path} has {dictionary.Count} entries; the limit is {TextLimits.Items}.");
                foreach (DictionaryEntry entry in dictionary)
                {
                    CheckText($"{path} (a name)", entry.Key as string ?? "", TextLimits.Name, errors);
                    Check($"{path}.{entry.Key}", entry.Value, TextLimits.Text, errors, depth + 1, required);
                }
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    if (i == TextLimits.Items)
                    {
                        Add(errors, path, $"{path} has more than {TextLimits.Items} items; the limit is {TextLimits.Items}.");
                        return;
                    }
                    Check($"{path}[{i++}]", item, limit, errors, depth + 1, required);
                }
                return;
        }
        if (!IsOwnType(value.GetType()))
            return;
        foreach (var field in Fields.GetOrAdd(value.GetType(), FieldsOf))
        {
            var name = $"{path}.{field.Name}".TrimStart('.');
            var inner = field.Property.GetValue(value);
            if (required && field.Required && (inner is null || inner is string s && string.IsNullOrWhiteSpace(s)))
                Add(errors, name, $"{name} is required.");
            if (field.Range is { } range && inner is not null && !range.IsValid(inner))
                Add(errors, name, $"{name} must be between {range.Minimum} and {range.Maximum}.");
            if (field.IsInput)
                Check(name, inner, field.Limit, errors, depth + 1, required);
        }
    }

    /// A request type's properties with their rules, read once per type (the complete-task call is a hot path).
    sealed record Field(PropertyInfo Property, string Name, bool Required, RangeAttribute? Range, int Limit, bool IsInput);

    static readonly ConcurrentDictionary<Type, Field[]> Fields = new();

    static Field[] FieldsOf(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => new Field(p, JsonName(p.Name), p.GetCustomAttribute<RequiredAttribute>() is not null, p.GetCustomAttribute<RangeAttribute>(),
                Limit(p), IsInput(p.PropertyType)))];

    static void CheckText(string path, string text, int limit, Dictionary<string, List<string>> errors)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
            Add(errors, path, $"{path} contains a NUL character (U+0000), which cannot be stored; remove it.");
        if (text.Length > limit)
            Add(errors, path, $"{path} is {text.Length} characters long; the limit is {limit}.");
    }

    static void CheckJson(string path, JsonElement json, Dictionary<string, List<string>> errors, int depth)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                CheckText(path, json.GetString()!, TextLimits.Text, errors);
                break;
            case JsonValueKind.Object:
                var properties = 0;
                foreach (var property in json.EnumerateObject())
                {
                    if (++properties > TextLimits.Items)
                    {
                        Add(errors, path, $"{path} has more than {TextLimits.Items} entries; the limit is {TextLimits.Items}.");
                        break;
                    }
                    CheckText($"{path} (a name)", property.Name, TextLimits.Name, errors);
                    if (depth < MaxDepth)
                        CheckJson($"{path}.{property.Name}", property.Value, errors, depth + 1);
                }
                break;
            case JsonValueKind.Array:
                if (json.GetArrayLength() > TextLimits.Items)
                    Add(errors, path, $"{path} has {json.GetArrayLength()} items; the limit is {TextLimits.Items}.");
                else if (depth < MaxDepth)
                    foreach (var (item, i) in json.EnumerateArray().Select((item, i) => (item, i)))
                        CheckJson($"{path}[{i}]", item, errors, depth + 1);
                break;
        }
    }

    static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var list))
            errors[path] = list = [];
        list.Add(message);
    }

    static int Limit(ICustomAttributeProvider member) =>
        member.GetCustomAttributes(true).Select(a => a switch
        {
            MaxLengthAttribute m => m.Length,
            StringLengthAttribute s => s.MaximumLength,
            _ => (int?)null,
        }).FirstOrDefault(l => l is not null) ?? TextLimits.Text;

    /// What a request can bring: text, JSON, enums, lists and the app's own request records; not services or framework objects.
    static bool IsInput(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(JsonElement) || type.IsEnum || IsOwnType(type)
            || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("System.Collections", StringComparison.Ordinal) == true)
            || type.IsArray;
    }

    /// The app's request shapes: its records (DTOs) and page input models; never a service or the DbContext.
    static bool IsOwnType(Type type) => type.Assembly == typeof(RequestRules).Assembly && type.IsClass
        && (type.GetMethod("<Clone>$") is not null || type.Name.EndsWith("Model", StringComparison.Ordinal));

    static string JsonName(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
