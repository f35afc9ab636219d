namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>A parsed FEEL expression. Evaluation never throws: FEEL answers null to what it cannot compute.</summary>
internal abstract class FeelNode
{
    public abstract object? Evaluate(FeelScope scope);

    /// <summary>True when the expression reads the input value <c>?</c> (unary tests treat those as boolean tests).</summary>
    public virtual bool UsesInput => false;

    /// <summary>True when the value does not depend on any name (a literal, or built-ins over literals).</summary>
    public virtual bool IsConstant => false;
}

internal sealed class LiteralNode(object? value) : FeelNode
{
    public object? Value { get; } = value;

    public override object? Evaluate(FeelScope scope) => Value;

    public override bool IsConstant => true;
}

internal sealed class NameNode(string name) : FeelNode
{
    public string Name { get; } = name;

    public override object? Evaluate(FeelScope scope) => scope.Lookup(Name);

    public override bool UsesInput => Name == "?";
}

internal sealed class PathNode(FeelNode target, string member) : FeelNode
{
    public override object? Evaluate(FeelScope scope) => Member(target.Evaluate(scope), member);

    public override bool UsesInput => target.UsesInput;

    /// <summary>Context entries, temporal properties, and projection over a list of contexts.</summary>
    private static object? Member(object? value, string member) => (value, member) switch
    {
        (IReadOnlyDictionary<string, object?> context, _) => context.GetValueOrDefault(member),
        (IReadOnlyList<object?> list, _) => list.Select(item => Member(item, member)).ToList(),
        (DateOnly d, "year") => (decimal)d.Year,
        (DateOnly d, "month") => (decimal)d.Month,
        (DateOnly d, "day") => (decimal)d.Day,
        (DateOnly d, "weekday") => (decimal)((int)d.DayOfWeek == 0 ? 7 : (int)d.DayOfWeek),
        (FeelDateTime dt, "year" or "month" or "day" or "weekday") => Member(DateOnly.FromDateTime(dt.Local), member),
        (FeelDateTime dt, "hour") => (decimal)dt.Local.Hour,
        (FeelDateTime dt, "minute") => (decimal)dt.Local.Minute,
        (FeelDateTime dt, "second") => (decimal)dt.Local.Second,
        (FeelTimeOfDay t, "hour") => (decimal)t.Time.Hour,
        (FeelTimeOfDay t, "minute") => (decimal)t.Time.Minute,
        (FeelTimeOfDay t, "second") => (decimal)t.Time.Second,
        (TimeSpan t, "days") => (decimal)t.Days,
        (TimeSpan t, "hours") => (decimal)t.Hours,
        (TimeSpan t, "minutes") => (decimal)t.Minutes,
        (TimeSpan t, "seconds") => (decimal)t.Seconds,
        (FeelMonths m, "years") => (decimal)(m.Total / 12),
        (FeelMonths m, "months") => (decimal)(m.Total % 12),
        _ => null,
    };
}

internal sealed class ListNode(IReadOnlyList<FeelNode> items) : FeelNode
{
    public override object? Evaluate(FeelScope scope) => items.Select(i => i.Evaluate(scope)).ToList();

    public override bool UsesInput => items.Any(i => i.UsesInput);

    public override bool IsConstant => items.All(i => i.IsConstant);
}

/// <summary><c>{a: 1, b: a + 1}</c>: later entries see earlier ones.</summary>
internal sealed class ContextNode(IReadOnlyList<(string Key, FeelNode Value)> entries) : FeelNode
{
    public override object? Evaluate(FeelScope scope)
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, node) in entries)
        {
            if (context.ContainsKey(key))
            {
                return null; // FEEL: a context literal may not repeat a key
            }

            var value = node.Evaluate(scope);
            context[key] = value;
            scope = scope.With(key, value);
        }

        return context;
    }

    public override bool UsesInput => entries.Any(e => e.Value.UsesInput);
}

internal sealed class IfNode(FeelNode condition, FeelNode then, FeelNode otherwise) : FeelNode
{
    public override object? Evaluate(FeelScope scope) =>
        condition.Evaluate(scope) is true ? then.Evaluate(scope) : otherwise.Evaluate(scope);

    public override bool UsesInput => condition.UsesInput || then.UsesInput || otherwise.UsesInput;
}

/// <summary>FEEL's three-valued <c>and</c>/<c>or</c>: false and anything is false, true or anything is true, else null.</summary>
internal sealed class LogicNode(bool isAnd, FeelNode left, FeelNode right) : FeelNode
{
    public override object? Evaluate(FeelScope scope)
    {
        var a = left.Evaluate(scope) as bool?;
        var b = right.Evaluate(scope) as bool?;
        return isAnd
            ? a == false || b == false ? false : a == true && b == true ? true : null
            : a == true || b == true ? true : a == false && b == false ? false : null;
    }

    public override bool UsesInput => left.UsesInput || right.UsesInput;
}

internal sealed class InNode(FeelNode value, UnaryTests tests) : FeelNode
{
    public override object? Evaluate(FeelScope scope) => tests.Test(value.Evaluate(scope), scope);

    public override bool UsesInput => value.UsesInput;
}

internal sealed class CallNode(FeelFunction function, IReadOnlyList<FeelNode> args) : FeelNode
{
    public override object? Evaluate(FeelScope scope) => function.Invoke([.. args.Select(a => a.Evaluate(scope))]);

    public override bool UsesInput => args.Any(a => a.UsesInput);

    public override bool IsConstant => args.All(a => a.IsConstant);
}
