namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>A constant range of values (a point for equality tests); bounds are absent for open-ended comparisons.</summary>
internal readonly record struct FeelRange(object? Low, bool HasLow, bool LowClosed, object? High, bool HasHigh, bool HighClosed)
{
    public static FeelRange Point(object? value) => new(value, true, true, value, true, true);

    private bool IsNullPoint => HasLow && HasHigh && Low is null && High is null;

    /// <summary>True only when some value is certainly in both ranges (incomparable kinds count as disjoint).</summary>
    public bool Intersects(FeelRange other)
    {
        if (IsNullPoint || other.IsNullPoint)
        {
            return IsNullPoint && other.IsNullPoint;
        }

        return Below(this, other) && Below(other, this);
    }

    /// <summary>True when <paramref name="a"/>'s lower bound is not above <paramref name="b"/>'s upper bound.</summary>
    private static bool Below(FeelRange a, FeelRange b)
    {
        if (!a.HasLow || !b.HasHigh)
        {
            return true;
        }

        return FeelValue.Compare(a.Low, b.High) is { } order && (order < 0 || (order == 0 && a.LowClosed && b.HighClosed));
    }
}
