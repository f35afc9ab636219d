using ServiceFlow.Engine.Decisions.Feel;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>Each unary-test form of an input entry, with matching, non-matching and null inputs.</summary>
public class FeelUnaryTestsTests
{
    [Theory]
    // "-" and an empty cell match anything, null too
    [InlineData("-", "5", true)]
    [InlineData("-", "null", true)]
    [InlineData("", "null", true)]
    // plain values are equality tests
    [InlineData("5", "5", true)]
    [InlineData("5", "6", false)]
    [InlineData("5", "null", false)]
    [InlineData("-5", "-5", true)]
    [InlineData("\"a\"", "\"a\"", true)]
    [InlineData("\"a\"", "\"A\"", false)]
    [InlineData("true", "true", true)]
    [InlineData("true", "false", false)]
    [InlineData("false", "false", true)]
    [InlineData("null", "null", true)]
    [InlineData("null", "0", false)]
    // lists: any of
    [InlineData("\"a\",\"b\"", "\"b\"", true)]
    [InlineData("\"a\", \"b\"", "\"c\"", false)]
    [InlineData("\"a\",\"b\"", "null", false)]
    [InlineData("1, [5..10]", "7", true)]
    [InlineData("1, [5..10]", "4", false)]
    // comparisons; a value of another type or null is no match (FEEL gives null)
    [InlineData("< 10", "9", true)]
    [InlineData("< 10", "10", false)]
    [InlineData("<= 10", "10", true)]
    [InlineData("> 10", "10", false)]
    [InlineData(">= 10", "10", true)]
    [InlineData("< -5", "-6", true)]
    [InlineData(">= 10", "null", null)]
    [InlineData("< 5", "\"a\"", null)]
    [InlineData("= 5", "5", true)]
    [InlineData("!= 5", "5", false)]
    [InlineData("!= 5", "6", true)]
    // ranges: [ ] closed, ( ) and ] [ open
    [InlineData("[1..10]", "1", true)]
    [InlineData("[1..10]", "10", true)]
    [InlineData("[1..10]", "0", false)]
    [InlineData("[1..10]", "11", false)]
    [InlineData("[1..10]", "null", null)]
    [InlineData("(1..10)", "1", false)]
    [InlineData("(1..10)", "10", false)]
    [InlineData("(1..10)", "5", true)]
    [InlineData("]1..10[", "1", false)]
    [InlineData("]1..10[", "10", false)]
    [InlineData("]1..10[", "2", true)]
    [InlineData("[1..10)", "10", false)]
    [InlineData("(1..10]", "10", true)]
    [InlineData("(1..10]", "1", false)]
    [InlineData("[1.5..2.5]", "2.5", true)]
    [InlineData("[\"a\"..\"m\"]", "\"k\"", true)]
    [InlineData("[\"a\"..\"m\"]", "\"n\"", false)]
    // not(...) negates the whole list; not of an unknown stays unknown
    [InlineData("not(\"a\")", "\"b\"", true)]
    [InlineData("not(\"a\")", "\"a\"", false)]
    [InlineData("not(\"a\", \"b\")", "\"b\"", false)]
    [InlineData("not([1..5])", "6", true)]
    [InlineData("not(null)", "null", false)]
    [InlineData("not(null)", "1", true)]
    [InlineData("not(< 5)", "null", null)]
    [InlineData("not(\"a\")", "5", null)] // a string against a number is neither equal nor unequal
    // dates and date-times
    [InlineData("date(\"2026-01-01\")", "date(\"2026-01-01\")", true)]
    [InlineData(">= date(\"2026-01-01\")", "date(\"2025-12-31\")", false)]
    [InlineData("[date(\"2026-01-01\")..date(\"2026-01-31\")]", "date(\"2026-01-15\")", true)]
    [InlineData("< date and time(\"2026-01-01T10:00:00Z\")", "date and time(\"2026-01-01T17:59:00+08:00\")", true)]
    [InlineData("< date and time(\"2026-01-01T10:00:00Z\")", "date and time(\"2026-01-01T18:00:00+08:00\")", false)]
    [InlineData("< date and time(\"2026-01-01T10:00:00\")", "date and time(\"2026-01-01T09:00:00+08:00\")", null)]
    [InlineData("< date(\"2026-01-02\")", "date and time(\"2026-01-01T23:59:00\")", true)]
    [InlineData("> time(\"09:00:00\")", "time(\"09:30:00\")", true)]
    [InlineData("<= duration(\"PT4H\")", "duration(\"PT3H59M\")", true)]
    // an expression on ? is a condition; a list expression contains the input
    [InlineData("? > 5", "6", true)]
    [InlineData("? > 5", "4", false)]
    [InlineData("[1, 2, 3]", "2", true)]
    [InlineData("[1, 2, 3]", "4", false)]
    public void UnaryTest_MatchesAsFeelSays(string test, string input, bool? expected)
    {
        var tests = FeelParser.ParseUnaryTests(test);
        var value = FeelParser.ParseExpression(input).Evaluate(FeelScope.Empty);

        tests.Test(value, FeelScope.Empty.With("?", value)).Should().Be(expected);
    }

    [Theory]
    [InlineData("< ", "unexpected end of text at the end")]
    [InlineData("[1..", "unexpected end of text at the end")]
    [InlineData("[1..5", "a range must end with ']', ')' or '['")]
    [InlineData("\"open", "is not closed")]
    [InlineData("1 2", "unexpected '2' at position 3")]
    [InlineData("foo(1)", "unknown function 'foo'")]
    [InlineData("date(\"2026-13-01\")", "date(\"2026-13-01\") is not a valid date")]
    [InlineData("some x in [1] satisfies x > 0", "not part of ServiceFlow's FEEL subset")]
    [InlineData("# 3", "unexpected character '#' at position 1")]
    public void UnaryTest_ThatDoesNotParse_SaysWhatAndWhere(string test, string message)
    {
        var act = () => FeelParser.ParseUnaryTests(test);

        act.Should().Throw<FeelSyntaxException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void UnaryTest_NestedTooDeep_IsRefusedNotStackOverflow()
    {
        var text = new string('(', 10_000) + "1" + new string(')', 10_000);

        var act = () => FeelParser.ParseUnaryTests(text);

        act.Should().Throw<FeelSyntaxException>().WithMessage("*nested more than 64 levels*");
    }
}
