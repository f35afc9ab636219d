namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>
/// An input entry of a decision table: <c>-</c>, a list of positive tests, or <c>not(...)</c> of such a list.
/// <see cref="Test"/> is three-valued: a rule matches only on true; null (e.g. <c>&lt; 5</c> against a string) is no match.
/// </summary>
internal sealed class UnaryTests(IReadOnlyList<PositiveTest> tests, bool negated, bool any)
{
    public static UnaryTests Any { get; } = new([], false, true);

    public bool IsAny => any;

    public bool IsNegated => negated;

    public IReadOnlyList<PositiveTest> Tests => tests;

    public bool? Test(object? input, FeelScope scope)
    {
        if (any)
        {
            return true;
        }

        bool? result = false;
        foreach (var test in tests)
        {
            var outcome = test.Test(input, scope);
            if (outcome == true)
            {
                result = true;
                break;
            }

            if (outcome is null)
            {
                result = null;
            }
        }

        return negated ? !result : result;
    }

    /// <summary>The accepted values as constant ranges; null when <c>-</c>, negated, or not constant.</summary>
    public IReadOnlyList<FeelRange>? Ranges()
    {
        if (any || negated)
        {
            return null;
        }

        var ranges = new List<FeelRange>();
        foreach (var test in tests)
        {
            if (test.Ranges() is not { } r)
            {
                return null;
            }

            ranges.AddRange(r);
        }

        return ranges;
    }
}

/// <summary>One test of a comma-separated list.</summary>
internal abstract class PositiveTest
{
    public abstract bool? Test(object? input, FeelScope scope);

    /// <summary>The values this test accepts as constant ranges (for validation), or null when they depend on names or are not ranges.</summary>
    public virtual IReadOnlyList<FeelRange>? Ranges() => null;
}

/// <summary><c>&lt; e</c>, <c>&lt;= e</c>, <c>&gt; e</c>, <c>&gt;= e</c>, <c>= e</c>, <c>!= e</c>.</summary>
internal sealed class ComparisonTest(string op, FeelNode endpoint) : PositiveTest
{
    public override bool? Test(object? input, FeelScope scope) => CompareNode.Apply(op, input, endpoint.Evaluate(scope));

    public override IReadOnlyList<FeelRange>? Ranges()
    {
        if (!endpoint.IsConstant || op == "!=")
        {
            return null;
        }

        var v = endpoint.Evaluate(FeelScope.Empty);
        return op switch
        {
            "=" => [FeelRange.Point(v)],
            "<" => [new FeelRange(null, false, false, v, true, false)],
            "<=" => [new FeelRange(null, false, false, v, true, true)],
            ">" => [new FeelRange(v, true, false, null, false, false)],
            _ => [new FeelRange(v, true, true, null, false, false)],
        };
    }
}

/// <summary><c>[1..10]</c>, <c>(1..10)</c>, <c>]1..10[</c> and mixed forms.</summary>
internal sealed class IntervalTest(FeelNode low, bool lowClosed, FeelNode high, bool highClosed) : PositiveTest
{
    public override bool? Test(object? input, FeelScope scope)
    {
        var above = CompareNode.Apply(lowClosed ? ">=" : ">", input, low.Evaluate(scope));
        var below = CompareNode.Apply(highClosed ? "<=" : "<", input, high.Evaluate(scope));
        return above == false || below == false ? false : above == true && below == true ? true : null;
    }

    public override IReadOnlyList<FeelRange>? Ranges() => low.IsConstant && high.IsConstant
        ? [new FeelRange(low.Evaluate(FeelScope.Empty), true, lowClosed, high.Evaluate(FeelScope.Empty), true, highClosed)]
        : null;
}

/// <summary>
/// A plain expression: equal to the input, or containing it when it is a list. An expression that reads <c>?</c>
/// (<c>? &gt; 5</c>), or a boolean expression tested against a non-boolean input, is a condition and matches when true.
/// </summary>
internal sealed class ExpressionTest(FeelNode expression) : PositiveTest
{
    public override bool? Test(object? input, FeelScope scope)
    {
        var value = expression.Evaluate(scope.With("?", input));
        if (expression.UsesInput || (value is bool && input is not bool and not null))
        {
            return value as bool?;
        }

        var equal = FeelValue.Equal(input, value);
        if (equal != true && value is IReadOnlyList<object?> list)
        {
            return list.Any(item => FeelValue.Equal(input, item) == true);
        }

        return equal;
    }

    public override IReadOnlyList<FeelRange>? Ranges()
    {
        if (!expression.IsConstant || expression.UsesInput)
        {
            return null;
        }

        var value = expression.Evaluate(FeelScope.Empty);
        return value is IReadOnlyList<object?> list ? [.. list.Select(FeelRange.Point)] : [FeelRange.Point(value)];
    }
}
