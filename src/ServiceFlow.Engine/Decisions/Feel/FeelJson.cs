using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>
/// Converts between instance variables (JSON) and FEEL values. JSON strings stay strings: a date arrives as
/// text and becomes a FEEL date only through an input's typeRef, so nothing is guessed from the shape of a string.
/// </summary>
internal static class FeelJson
{
    // Results end up in journal lines people read: keep "+08:00" and "服务台" as written (still valid, escaped JSON).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON to FEEL; numbers beyond <see cref="decimal"/>'s range become null.</summary>
    public static object? ToFeel(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetDecimal(out var d) ? d : null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => json.EnumerateArray().Select(ToFeel).ToList(),
        JsonValueKind.Object => ToContext(json),
        _ => null,
    };

    private static Dictionary<string, object?> ToContext(JsonElement json)
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            context[property.Name] = ToFeel(property.Value);
        }

        return context;
    }

    /// <summary>FEEL to JSON: temporal values and durations as ISO-8601 strings, numbers without trailing zeros.</summary>
    public static JsonElement ToJson(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case decimal d:
                writer.WriteRawValue(FeelValue.Format(d));
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case DateOnly d:
                writer.WriteStringValue(FeelDate.Format(d));
                break;
            case TimeSpan t:
                writer.WriteStringValue(FeelDuration.Format(t));
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IReadOnlyDictionary<string, object?> context:
                writer.WriteStartObject();
                foreach (var (key, item) in context)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
