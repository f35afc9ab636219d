using System.Globalization;
using System.Text.Json;

namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>
/// FEEL values are plain CLR objects: null, <see cref="string"/>, <see cref="decimal"/> (number), <see cref="bool"/>,
/// <see cref="DateOnly"/> (date), <see cref="FeelDateTime"/>, <see cref="FeelTimeOfDay"/> (time), <see cref="TimeSpan"/>
/// (days and time duration), <see cref="FeelMonths"/>, lists (<see cref="IReadOnlyList{T}"/>) and contexts
/// (<see cref="IReadOnlyDictionary{TKey, TValue}"/>). This class holds equality, ordering and display.
/// </summary>
internal static class FeelValue
{
    /// <summary>FEEL <c>=</c>: null for values of different kinds (<c>"1" = 1</c>) or that cannot be compared (local vs. offset date-time).</summary>
    public static bool? Equal(object? a, object? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (bool x, bool y):
                return x == y;
            case (bool, _) or (_, bool):
                return null;
            case (IReadOnlyList<object?> x, IReadOnlyList<object?> y):
                return x.Count == y.Count && x.Zip(y).All(p => Equal(p.First, p.Second) == true);
            case (IReadOnlyDictionary<string, object?> x, IReadOnlyDictionary<string, object?> y):
                return x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && Equal(p.Value, v) == true);
            default:
                var order = Compare(a, b);
                return order is { } o ? o == 0 : null;
        }
    }

    /// <summary>FEEL ordering: null when the values are not of comparable kinds.</summary>
    public static int? Compare(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y) switch { < 0 => -1, > 0 => 1, _ => 0 },
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        (FeelDateTime x, FeelDateTime y) when x.HasOffset == y.HasOffset => x.HasOffset ? x.Utc.CompareTo(y.Utc) : x.Local.CompareTo(y.Local),
        // A date against a date and time: the date is taken as midnight in the other value's offset.
        (DateOnly x, FeelDateTime y) => Compare(new FeelDateTime(x.ToDateTime(TimeOnly.MinValue), y.Offset, null), y),
        (FeelDateTime x, DateOnly y) => Compare(x, new FeelDateTime(y.ToDateTime(TimeOnly.MinValue), x.Offset, null)),
        (FeelTimeOfDay x, FeelTimeOfDay y) when (x.Offset is null) == (y.Offset is null) =>
            (x.Time.ToTimeSpan() - (x.Offset ?? TimeSpan.Zero)).CompareTo(y.Time.ToTimeSpan() - (y.Offset ?? TimeSpan.Zero)),
        (TimeSpan x, TimeSpan y) => x.CompareTo(y),
        (FeelMonths x, FeelMonths y) => x.Total.CompareTo(y.Total),
        _ => null,
    };

    /// <summary>The FEEL type name, for messages.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "null",
        string => "string",
        decimal => "number",
        bool => "boolean",
        DateOnly => "date",
        FeelDateTime => "date and time",
        FeelTimeOfDay => "time",
        TimeSpan => "days and time duration",
        FeelMonths => "years and months duration",
        IReadOnlyList<object?> => "list",
        IReadOnlyDictionary<string, object?> => "context",
        _ => value.GetType().Name,
    };

    /// <summary>A short rendering for journal entries and incident messages: strings quoted, the rest as FEEL writes them.</summary>
    public static string Describe(object? value, int maxLength = 120)
    {
        var text = value switch
        {
            null => "null",
            string s => JsonSerializer.Serialize(s),
            decimal d => Format(d),
            bool b => b ? "true" : "false",
            DateOnly d => FeelDate.Format(d),
            TimeSpan t => FeelDuration.Format(t),
            IReadOnlyList<object?> list => "[" + string.Join(", ", list.Select(v => Describe(v, maxLength))) + "]",
            IReadOnlyDictionary<string, object?> context => "{" + string.Join(", ", context.Select(p => $"{p.Key}: {Describe(p.Value, maxLength)}")) + "}",
            _ => value.ToString() ?? "",
        };
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
    }

    /// <summary>A number without trailing zeros, invariant culture.</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
