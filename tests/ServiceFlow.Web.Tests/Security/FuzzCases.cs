using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceFlow.Web.Tests.Security;

/// One malformed request: where it goes, what is wrong with it (for the failure list) and its body.
internal sealed record FuzzCase(string Method, string Path, string What, Func<HttpContent?> Body);

/// The malformed requests for one operation of the OpenAPI document: hostile path and query values, and
/// bodies that are a valid request with one field missing, null, of the wrong type, with a NUL, ~1 MB long
/// or an extreme number; plus whole bodies of the wrong shape. Random choices come from a seeded Random.
internal sealed class FuzzCases(JsonElement document, FuzzTargets targets, Random random)
{
    int serial;

    public IEnumerable<FuzzCase> For(string route, string method, JsonElement operation)
    {
        var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
        var path = Fill(route, name => Uri.EscapeDataString(targets.PathValue(route, name)));
        foreach (var parameter in parameters.Where(x => x.GetProperty("in").GetString() == "path"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            foreach (var value in Pick(FuzzValues.PathTexts, 4))
                yield return new(method, Fill(route, n => n == name ? value : Uri.EscapeDataString(targets.PathValue(route, n))), $"path {name}={Short(value)}", () => null);
        }
        foreach (var parameter in parameters.Where(x => x.GetProperty("in").GetString() == "query"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            var type = TypeOf(Resolve(parameter.GetProperty("schema")));
            var values = type is "integer" or "number" ? FuzzValues.Query(type) : Pick(FuzzValues.Query(type), 4);
            foreach (var value in values)
                yield return new(method, $"{path}?{name}={value}", $"query {name}={Short(value)}", () => null);
        }
        if (!operation.TryGetProperty("requestBody", out var body))
        {
            yield return new(method, path, "no body", () => null);
            yield break;
        }
        var content = body.GetProperty("content");
        if (content.TryGetProperty("application/json", out var json))
        {
            foreach (var c in JsonBodies(method, path, json.TryGetProperty("schema", out var s) ? Resolve(s) : default, SchemaName(s)))
                yield return c;
        }
        foreach (var media in content.EnumerateObject().Select(m => m.Name).Where(m => m != "application/json"))
        {
            if (media == "multipart/form-data")
                foreach (var c in Multipart(method, path))
                    yield return c;
            else
                foreach (var text in FuzzValues.Documents)
                    yield return new(method, path, $"{media} {Short(text)}", () => new StringContent(text, Encoding.UTF8, media));
        }
    }

    IEnumerable<FuzzCase> JsonBodies(string method, string path, JsonElement schema, string? schemaName)
    {
        foreach (var text in FuzzValues.Bodies)
            yield return new(method, path, $"body {Short(text ?? "(none)")}", () => text is null ? null : Json(text));
        var valid = (schemaName is null ? null : FuzzValues.Valid(schemaName, targets, serial++)) ?? Sample(schema, 0) as JsonObject ?? [];
        yield return new(method, path, $"valid {schemaName}", () => Json(valid.ToJsonString()));
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties))
            yield break;
        var strings = new List<string>();
        foreach (var property in properties.EnumerateObject())
        {
            var type = TypeOf(Resolve(property.Value));
            if (type == "string")
                strings.Add(property.Name);
            var mutations = new List<(string What, JsonNode? Value, bool Omit)> { ("omitted", null, true), ("null", null, false) };
            mutations.AddRange(WrongValues(type).Select(v => ($"= {Short(v?.ToJsonString() ?? "null")}", v, false)));
            foreach (var (what, value, omit) in mutations)
            {
                var mutated = (JsonObject)valid.DeepClone();
                if (omit)
                    mutated.Remove(property.Name);
                else
                    mutated[property.Name] = value?.DeepClone();
                var text = mutated.ToJsonString().Replace($"\"{FuzzValues.LoneSurrogate}\"", "\"\\ud800\"", StringComparison.Ordinal);
                yield return new(method, path, $"{schemaName}.{property.Name} {what}", () => Json(text));
            }
        }
        if (strings.Count > 0)
        {
            var big = (JsonObject)valid.DeepClone();
            var name = strings[random.Next(strings.Count)];
            big[name] = FuzzValues.Megabyte;
            var text = big.ToJsonString();
            yield return new(method, path, $"{schemaName}.{name} = 1 MB", () => Json(text));
        }
    }

    /// Wrong values for a field of `type`: other types, hostile texts, extreme numbers, huge or deep objects.
    static IEnumerable<JsonNode?> WrongValues(string type) => type switch
    {
        "string" => FuzzValues.Texts.Select(t => (JsonNode?)JsonValue.Create(t)).Concat([JsonValue.Create(12345), new JsonArray(1)]),
        "integer" or "number" => FuzzValues.Numbers.Concat([JsonValue.Create("abc"), JsonValue.Create(true)]),
        "boolean" => [JsonValue.Create("yes"), JsonValue.Create(2)],
        "array" => [new JsonObject(), JsonValue.Create("x"), new JsonArray(Enumerable.Range(0, 1500).Select(i => (JsonNode?)JsonValue.Create($"i{i}")).ToArray())],
        _ => [new JsonArray(1), JsonValue.Create("x"), new JsonObject { ["k"] = "\0" }, new JsonObject { [""] = 1 }, new JsonObject { ["k"] = FuzzValues.Megabyte },
              new JsonObject(Enumerable.Range(0, 1500).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)JsonValue.Create(i)))), Deep(60)],
    };

    static IEnumerable<FuzzCase> Multipart(string method, string path)
    {
        yield return new(method, path, "multipart without a file", () => new MultipartFormDataContent { { new StringContent("x"), "other" } });
        yield return new(method, path, "multipart empty file name", () => new MultipartFormDataContent { { new ByteArrayContent([1, 2]), "file", "\"\"" } });
        yield return new(method, path, "multipart 1 MB file", () => new MultipartFormDataContent { { new ByteArrayContent(new byte[1024 * 1024]), "file", "big.bin" } });
        yield return new(method, path, "multipart odd name", () => new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "..%2f..%2fa%00.exe" } });
    }

    JsonNode? Sample(JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > 3)
            return null;
        if (schema.TryGetProperty("enum", out var values))
            return JsonNode.Parse(values[0].GetRawText());
        return TypeOf(schema) switch
        {
            "string" when schema.TryGetProperty("format", out var f) && f.GetString() == "date-time" => DateTimeOffset.UtcNow.ToString("O"),
            "string" => "sample",
            "integer" or "number" => 1,
            "boolean" => true,
            "array" => new JsonArray(Sample(Resolve(schema.TryGetProperty("items", out var items) ? items : default), depth + 1)),
            _ when schema.TryGetProperty("properties", out var properties) =>
                new JsonObject(properties.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Sample(Resolve(p.Value), depth + 1)))),
            _ => new JsonObject { ["note"] = "x" },
        };
    }

    JsonElement Resolve(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return schema;
        if (schema.TryGetProperty("$ref", out var reference))
            return Resolve(document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]));
        if (schema.TryGetProperty("oneOf", out var options))
            return Resolve(options.EnumerateArray().First(o => TypeOf(o) != "null"));
        return schema;
    }

    static string? SchemaName(JsonElement schema) =>
        schema.ValueKind != JsonValueKind.Object ? null
        : schema.TryGetProperty("$ref", out var r) ? r.GetString()!.Split('/')[^1]
        : schema.TryGetProperty("oneOf", out var o) ? o.EnumerateArray().Select(SchemaName).FirstOrDefault(n => n is not null)
        : null;

    static string TypeOf(JsonElement schema) =>
        schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var t) ? "object"
        : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).FirstOrDefault(x => x != "null") ?? "null"
        : t.GetString()!;

    static JsonNode Deep(int levels)
    {
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < levels; i++)
            node = new JsonObject { ["a"] = node };
        return node;
    }

    T[] Pick<T>(T[] from, int count) => [.. from.OrderBy(_ => random.Next()).Take(count)];

    static string Fill(string route, Func<string, string> value) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:]+)(:[^}]*)?\}", m => value(m.Groups[1].Value));

    static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    static string Short(string text)
    {
        var shown = text.Length <= 40 ? text : $"{text[..20]}… ({text.Length} chars)";
        return shown.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
