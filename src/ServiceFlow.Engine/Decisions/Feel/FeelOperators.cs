namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary><c>= != &lt; &lt;= &gt; &gt;=</c>; null when the operands cannot be compared.</summary>
internal sealed class CompareNode(string op, FeelNode left, FeelNode right) : FeelNode
{
    public override object? Evaluate(FeelScope scope) => Apply(op, left.Evaluate(scope), right.Evaluate(scope));

    public static bool? Apply(string op, object? a, object? b)
    {
        switch (op)
        {
            case "=":
                return FeelValue.Equal(a, b);
            case "!=":
                return !FeelValue.Equal(a, b);
        }

        if (FeelValue.Compare(a, b) is not { } order)
        {
            return null;
        }

        return op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    public override bool UsesInput => left.UsesInput || right.UsesInput;

    public override bool IsConstant => left.IsConstant && right.IsConstant;
}

internal sealed class BetweenNode(FeelNode value, FeelNode low, FeelNode high) : FeelNode
{
    public override object? Evaluate(FeelScope scope)
    {
        var x = value.Evaluate(scope);
        var atLeast = CompareNode.Apply(">=", x, low.Evaluate(scope));
        var atMost = CompareNode.Apply("<=", x, high.Evaluate(scope));
        return atLeast == false || atMost == false ? false : atLeast == true && atMost == true ? true : null;
    }

    public override bool UsesInput => value.UsesInput || low.UsesInput || high.UsesInput;
}

internal sealed class NegateNode(FeelNode operand) : FeelNode
{
    public override object? Evaluate(FeelScope scope) => operand.Evaluate(scope) switch
    {
        decimal d => -d,
        TimeSpan t => -t,
        FeelMonths m => new FeelMonths(-m.Total),
        _ => null,
    };

    public override bool UsesInput => operand.UsesInput;

    public override bool IsConstant => operand.IsConstant;
}

/// <summary><c>+ - * / **</c> over numbers, strings (+), dates, date-times and durations; null for anything else.</summary>
internal sealed class ArithmeticNode(string op, FeelNode left, FeelNode right) : FeelNode
{
    public override object? Evaluate(FeelScope scope)
    {
        try
        {
            return Apply(op, left.Evaluate(scope), right.Evaluate(scope));
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            return null; // beyond decimal or calendar range: FEEL's answer is null
        }
    }

    private static object? Apply(string op, object? a, object? b) => (op, a, b) switch
    {
        ("+", decimal x, decimal y) => x + y,
        ("-", decimal x, decimal y) => x - y,
        ("*", decimal x, decimal y) => x * y,
        ("/", decimal x, decimal y) => y == 0 ? null : x / y,
        ("**", decimal x, decimal y) => Power(x, y),
        ("+", string x, string y) => x + y,
        ("+", TimeSpan x, TimeSpan y) => x + y,
        ("-", TimeSpan x, TimeSpan y) => x - y,
        ("*", TimeSpan x, decimal y) => TimeSpan.FromTicks((long)(x.Ticks * y)),
        ("*", decimal x, TimeSpan y) => TimeSpan.FromTicks((long)(y.Ticks * x)),
        ("/", TimeSpan x, decimal y) => y == 0 ? null : TimeSpan.FromTicks((long)(x.Ticks / y)),
        ("/", TimeSpan x, TimeSpan y) => y == TimeSpan.Zero ? null : (decimal)x.Ticks / y.Ticks,
        ("+", FeelMonths x, FeelMonths y) => new FeelMonths(checked(x.Total + y.Total)),
        ("-", FeelMonths x, FeelMonths y) => new FeelMonths(checked(x.Total - y.Total)),
        ("+", DateOnly x, TimeSpan y) when y.Ticks % TimeSpan.TicksPerDay == 0 => x.AddDays(y.Days),
        ("-", DateOnly x, TimeSpan y) when y.Ticks % TimeSpan.TicksPerDay == 0 => x.AddDays(-y.Days),
        ("+", DateOnly x, FeelMonths y) => x.AddMonths(y.Total),
        ("-", DateOnly x, FeelMonths y) => x.AddMonths(-y.Total),
        ("-", DateOnly x, DateOnly y) => TimeSpan.FromDays(x.DayNumber - y.DayNumber),
        ("+", FeelDateTime x, TimeSpan y) => x with { Local = x.Local + y },
        ("-", FeelDateTime x, TimeSpan y) => x with { Local = x.Local - y },
        ("+", FeelDateTime x, FeelMonths y) => x with { Local = x.Local.AddMonths(y.Total) },
        ("-", FeelDateTime x, FeelMonths y) => x with { Local = x.Local.AddMonths(-y.Total) },
        ("-", FeelDateTime x, FeelDateTime y) when x.HasOffset == y.HasOffset => x.HasOffset ? x.Utc - y.Utc : x.Local - y.Local,
        ("+", FeelTimeOfDay x, TimeSpan y) => x with { Time = x.Time.Add(y) },
        ("-", FeelTimeOfDay x, TimeSpan y) => x with { Time = x.Time.Add(-y) },
        _ => null,
    };

    private static decimal? Power(decimal x, decimal y)
    {
        if (y == decimal.Truncate(y) && Math.Abs(y) <= 1000)
        {
            var result = 1m;
            for (var i = 0; i < Math.Abs(y); i++)
            {
                result *= x;
            }

            return y < 0 ? (result == 0 ? null : 1 / result) : result;
        }

        var d = Math.Pow((double)x, (double)y);
        return double.IsFinite(d) && Math.Abs(d) < 7.9e28 ? (decimal)d : null;
    }

    public override bool UsesInput => left.UsesInput || right.UsesInput;

    public override bool IsConstant => left.IsConstant && right.IsConstant;
}
