namespace ServiceFlow.Engine.Decisions.Feel;

internal sealed partial class FeelParser
{
    /// <summary>Parses an input entry: <c>-</c> (or empty), <c>not(tests)</c>, or comma-separated positive tests.</summary>
    /// <exception cref="FeelSyntaxException">The text is not in the subset.</exception>
    public static UnaryTests ParseUnaryTests(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed == "-")
        {
            return UnaryTests.Any;
        }

        var parser = new FeelParser(trimmed);
        if (parser.Current.IsWord("not") && parser.Peek(1).Is("(") && parser.ClosesAtEnd(1))
        {
            parser._pos += 2;
            var inner = parser.PositiveTests();
            parser.Expect(")");
            parser.ExpectEnd();
            return new UnaryTests(inner, negated: true, any: false);
        }

        var tests = parser.PositiveTests();
        parser.ExpectEnd();
        return new UnaryTests(tests, negated: false, any: false);
    }

    /// <summary>True when the bracket at <paramref name="open"/> tokens ahead closes on the last token.</summary>
    private bool ClosesAtEnd(int open)
    {
        var depth = 0;
        for (var i = _pos + open; i < _tokens.Count - 1; i++)
        {
            depth += _tokens[i].Kind == TokenKind.Symbol ? _tokens[i].Text switch { "(" => 1, ")" => -1, _ => 0 } : 0;
            if (depth == 0)
            {
                return i == _tokens.Count - 2;
            }
        }

        return false;
    }

    private List<PositiveTest> PositiveTests()
    {
        var tests = new List<PositiveTest>();
        do
        {
            tests.Add(PositiveTest());
        }
        while (Accept(","));

        return tests;
    }

    private PositiveTest PositiveTest()
    {
        using var _ = Nest();
        if (Current.Kind == TokenKind.Symbol && Current.Text is "<" or "<=" or ">" or ">=" or "=" or "!=")
        {
            var op = Next().Text;
            return new ComparisonTest(op, Additive());
        }

        return (PositiveTest?)TryInterval() ?? new ExpressionTest(Expression());
    }

    /// <summary><c>x in [1..10]</c>, <c>x in (1, 2, 3)</c>, <c>x in "a"</c>.</summary>
    private UnaryTests InTests()
    {
        if (Current.Is("(") && TryInterval() is { } interval)
        {
            return new UnaryTests([interval], false, false);
        }

        if (Accept("("))
        {
            var tests = PositiveTests();
            Expect(")");
            return new UnaryTests(tests, false, false);
        }

        return new UnaryTests([PositiveTest()], false, false);
    }

    /// <summary>An interval if the text is one (bracket, endpoint, '..'), else null with the position restored.</summary>
    private IntervalTest? TryInterval()
    {
        if (!(Current.Is("[") || Current.Is("(") || Current.Is("]")))
        {
            return null;
        }

        var start = _pos;
        var lowClosed = Next().Text == "[";
        FeelNode low;
        try
        {
            low = Additive();
        }
        catch (FeelSyntaxException)
        {
            _pos = start;
            return null;
        }

        if (!Accept(".."))
        {
            _pos = start;
            return null;
        }

        _rangeEnd = true;
        FeelNode high;
        try
        {
            high = Additive();
        }
        finally
        {
            _rangeEnd = false;
        }

        if (!(Current.Is("]") || Current.Is(")") || Current.Is("[")))
        {
            throw new FeelSyntaxException($"a range must end with ']', ')' or '[' {Where()}");
        }

        return new IntervalTest(low, lowClosed, high, Next().Text == "]");
    }
}
