using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceFlow.Engine.Execution;

/// <summary>JSON (jsonb) round trip of <see cref="InstanceState"/>, effects and commands.</summary>
public static class InstanceStateJson
{
    /// <summary>Options used for all engine JSON: camelCase, enums as strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>JSON text.</returns>
    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Deserializes a state.</summary>
    /// <param name="json">JSON text from <see cref="Serialize"/>.</param>
    /// <returns>The state.</returns>
    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options) ?? throw new JsonException("instance state JSON was null");
}
