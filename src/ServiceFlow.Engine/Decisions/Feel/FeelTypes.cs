using System.Globalization;

namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>
/// The typeRefs inputs and outputs may declare, and the conversion a value goes through on the way in or out:
/// a JSON string "2026-01-01" becomes a FEEL date for a <c>date</c> input, "42" a number for a <c>number</c> input.
/// </summary>
internal static class FeelTypes
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["string"] = "string",
        ["number"] = "number",
        ["integer"] = "integer",
        ["int"] = "integer",
        ["long"] = "integer",
        ["double"] = "number",
        ["decimal"] = "number",
        ["boolean"] = "boolean",
        ["date"] = "date",
        ["dateTime"] = "date and time",
        ["date and time"] = "date and time",
        ["time"] = "time",
        ["duration"] = "duration",
        ["days and time duration"] = "duration",
        ["dayTimeDuration"] = "duration",
        ["years and months duration"] = "duration",
        ["yearMonthDuration"] = "duration",
        ["Any"] = "any",
        ["context"] = "any",
        ["list"] = "any",
    };

    /// <summary>The canonical name of a built-in typeRef ("feel:" prefixes dropped), or null if it is not built in.</summary>
    public static string? Canonical(string typeRef)
    {
        var local = typeRef.Trim();
        if (local.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            local = local[(colon + 1)..];
        }

        return Known.GetValueOrDefault(local);
    }

    /// <summary>Converts a value to a canonical type; null values pass every type.</summary>
    /// <returns>Null on success, else why the value does not fit, for a person.</returns>
    public static string? TryConvert(object? value, string? canonical, out object? result)
    {
        result = value;
        if (value is null || canonical is null or "any")
        {
            return null;
        }

        result = (canonical, value) switch
        {
            ("string", string s) => s,
            ("string", decimal or bool) => FeelValue.Describe(value, int.MaxValue),
            ("string", DateOnly or FeelDateTime or FeelTimeOfDay or TimeSpan or FeelMonths) => FeelJson.ToJson(value).GetString(),
            ("number", decimal d) => d,
            ("number", string s) when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            ("integer", decimal d) when d == decimal.Truncate(d) => d,
            ("integer", string s) when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => (decimal)l,
            ("boolean", bool b) => b,
            ("boolean", string s) when bool.TryParse(s, out var b) => b,
            ("date", DateOnly or FeelDateTime) => value,
            ("date", string s) when FeelDate.TryParse(s, out var d) => d,
            ("date", string s) when FeelDateTime.TryParse(s, out var dt) => dt,
            ("date and time", FeelDateTime) => value,
            ("date and time", DateOnly d) => new FeelDateTime(d.ToDateTime(TimeOnly.MinValue), null, null),
            ("date and time", string s) when FeelDateTime.TryParse(s, out var dt) => dt,
            ("time", FeelTimeOfDay) => value,
            ("time", string s) when FeelTimeOfDay.TryParse(s, out var t) => t,
            ("duration", TimeSpan or FeelMonths) => value,
            ("duration", string s) when FeelDuration.TryParse(s, out var d) => d,
            _ => null,
        };
        return result is null
            ? $"{FeelValue.Describe(value)} is not {(canonical == "integer" ? "an" : "a")} {canonical}"
            : null;
    }
}
