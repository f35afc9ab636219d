using System.Globalization;

namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>A built-in function: arity is checked when the expression is parsed, so a table with a bad call never deploys.</summary>
internal sealed record FeelFunction(string Name, int MinArgs, int MaxArgs, Func<object?[], object?> Body)
{
    public object? Invoke(object?[] args)
    {
        try
        {
            return Body(args);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// The built-ins of ServiceFlow's FEEL subset. There is deliberately no <c>now()</c> or <c>today()</c>: a decision
/// must give the same answer when an incident is retried or a journal is replayed.
/// </summary>
internal static class FeelFunctions
{
    private static readonly Dictionary<string, FeelFunction> All = new FeelFunction[]
    {
        new("date", 1, 3, Date),
        new("date and time", 1, 2, DateAndTime),
        new("time", 1, 3, Time),
        new("duration", 1, 1, a => a[0] is string s && FeelDuration.TryParse(s, out var d) ? d : null),
        new("number", 1, 1, a => a[0] is string s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null),
        new("string", 1, 1, a => a[0] switch { null => null, string s => s, var v => FeelValue.Describe(v, int.MaxValue) }),
        new("not", 1, 1, a => a[0] is bool b ? !b : null),
        new("abs", 1, 1, a => a[0] switch { decimal d => Math.Abs(d), TimeSpan t => t.Duration(), FeelMonths m => new FeelMonths(Math.Abs(m.Total)), _ => null }),
        new("floor", 1, 1, a => a[0] is decimal d ? Math.Floor(d) : null),
        new("ceiling", 1, 1, a => a[0] is decimal d ? Math.Ceiling(d) : null),
        new("decimal", 2, 2, a => a[0] is decimal d && a[1] is decimal s ? Math.Round(d, (int)s, MidpointRounding.ToEven) : null),
        new("modulo", 2, 2, a => a[0] is decimal x && a[1] is decimal y && y != 0 ? x - (y * Math.Floor(x / y)) : null),
        new("string length", 1, 1, a => a[0] is string s ? (decimal)s.EnumerateRunes().Count() : null), // code points, not UTF-16 units
        new("upper case", 1, 1, a => (a[0] as string)?.ToUpperInvariant()),
        new("lower case", 1, 1, a => (a[0] as string)?.ToLowerInvariant()),
        new("contains", 2, 2, a => a[0] is string s && a[1] is string p ? s.Contains(p, StringComparison.Ordinal) : null),
        new("starts with", 2, 2, a => a[0] is string s && a[1] is string p ? s.StartsWith(p, StringComparison.Ordinal) : null),
        new("ends with", 2, 2, a => a[0] is string s && a[1] is string p ? s.EndsWith(p, StringComparison.Ordinal) : null),
        new("list contains", 2, 2, a => a[0] is IReadOnlyList<object?> l ? l.Any(i => FeelValue.Equal(i, a[1]) == true) : null),
        new("count", 1, 1, a => a[0] is IReadOnlyList<object?> l ? (decimal)l.Count : null),
        new("sum", 1, int.MaxValue, a => Numbers(a) is { } n ? n.Sum() : null),
        new("min", 1, int.MaxValue, a => Extreme(a, -1)),
        new("max", 1, int.MaxValue, a => Extreme(a, 1)),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static FeelFunction? Find(string name) => All.GetValueOrDefault(name);

    /// <summary>Names of more than one word; the parser joins words to these before a '('.</summary>
    public static IEnumerable<string> MultiWordNames => All.Keys.Where(k => k.Contains(' ', StringComparison.Ordinal));

    private static object? Date(object?[] a) => a switch
    {
        [string s] => FeelDate.TryParse(s, out var d) ? d : FeelDateTime.TryParse(s, out var dt) && s.Contains('T', StringComparison.Ordinal) ? DateOnly.FromDateTime(dt.Local) : null,
        [FeelDateTime dt] => DateOnly.FromDateTime(dt.Local),
        [DateOnly d] => d,
        [decimal y, decimal m, decimal d] => new DateOnly((int)y, (int)m, (int)d),
        _ => null,
    };

    private static object? DateAndTime(object?[] a) => a switch
    {
        [string s] => FeelDateTime.TryParse(s, out var dt) ? dt : null,
        [DateOnly d, FeelTimeOfDay t] => new FeelDateTime(d.ToDateTime(t.Time), t.Offset, null),
        [FeelDateTime d, FeelTimeOfDay t] => new FeelDateTime(DateOnly.FromDateTime(d.Local).ToDateTime(t.Time), t.Offset, null),
        _ => null,
    };

    private static object? Time(object?[] a) => a switch
    {
        [string s] => FeelTimeOfDay.TryParse(s, out var t) ? t : null,
        [FeelDateTime dt] => new FeelTimeOfDay(TimeOnly.FromDateTime(dt.Local), dt.Offset),
        [decimal h, decimal m, decimal s] => new FeelTimeOfDay(new TimeOnly((int)h, (int)m).Add(TimeSpan.FromSeconds((double)s)), null),
        _ => null,
    };

    /// <summary>The numbers of <c>sum(list)</c> or <c>sum(a, b, c)</c>; null if any item is not a number.</summary>
    private static List<decimal>? Numbers(object?[] a)
    {
        var items = a is [IReadOnlyList<object?> list] ? list : a;
        return items.All(i => i is decimal) ? [.. items.Cast<decimal>()] : null;
    }

    private static object? Extreme(object?[] a, int sign)
    {
        var items = a is [IReadOnlyList<object?> list] ? list : a;
        object? best = null;
        foreach (var item in items)
        {
            if (best is null)
            {
                best = item;
                continue;
            }

            if (FeelValue.Compare(item, best) is not { } order)
            {
                return null;
            }

            if (order * sign > 0)
            {
                best = item;
            }
        }

        return best;
    }
}
