using System.Text.Json;
using ServiceFlow.Engine.Decisions.Feel;
using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>Input expressions and output entries: FEEL literals, paths over the variables and simple expressions.</summary>
public class FeelExpressionTests
{
    private static readonly IReadOnlyDictionary<string, JsonElement> Variables = Scenario.Vars(new Dictionary<string, object?>
    {
        ["impact"] = "high",
        ["ticket"] = new { priority = "P2", customer = new { tier = "gold" }, affected = 120 },
        ["amount"] = 250.5,
        ["Applicant Age"] = 17,
        ["due"] = "2026-03-02",
        ["missing"] = null,
    })!;

    [Theory]
    [InlineData("impact", "\"high\"")]
    [InlineData("ticket.priority", "\"P2\"")]
    [InlineData("ticket.customer.tier", "\"gold\"")]
    [InlineData("ticket.nothing", "null")]
    [InlineData("nobody.knows", "null")]
    [InlineData("missing", "null")]
    [InlineData("Applicant Age", "17")]
    [InlineData("Applicant Age >= 18", "false")]
    [InlineData("amount * 2", "501")]
    [InlineData("amount - 0.5", "250")]
    [InlineData("10 / 4", "2.5")]
    [InlineData("1 / 0", "null")]
    [InlineData("2 ** 10", "1024")]
    [InlineData("-ticket.affected + 20", "-100")]
    [InlineData("\"P\" + \"1\"", "\"P1\"")]
    [InlineData("\"P\" + 1", "null")]
    [InlineData("ticket.affected > 100 and impact = \"high\"", "true")]
    [InlineData("false and missing", "false")]
    [InlineData("true or missing", "true")]
    [InlineData("true and missing", "null")]
    [InlineData("if ticket.affected > 100 then \"wide\" else \"narrow\"", "\"wide\"")]
    [InlineData("if missing then 1 else 2", "2")]
    [InlineData("ticket.affected between 100 and 200", "true")]
    [InlineData("ticket.affected in [1..100]", "false")]
    [InlineData("impact in (\"high\", \"medium\")", "true")]
    [InlineData("[1, 2, 3]", "[1,2,3]")]
    [InlineData("{tier: ticket.customer.tier, vip: tier = \"gold\"}", "{\"tier\":\"gold\",\"vip\":true}")]
    [InlineData("date(\"2026-01-31\")", "\"2026-01-31\"")]
    [InlineData("date(due) + duration(\"P3D\")", "\"2026-03-05\"")]
    [InlineData("date(\"2026-03-01\") - date(\"2026-02-01\")", "\"P28D\"")]
    [InlineData("date(2026, 2, 28).month", "2")]
    [InlineData("date and time(\"2026-01-01T09:00:00+08:00\")", "\"2026-01-01T09:00:00+08:00\"")]
    [InlineData("date and time(\"2026-01-01T09:00:00@Asia/Shanghai\") = date and time(\"2026-01-01T01:00:00Z\")", "true")]
    [InlineData("date and time(\"2026-01-01T10:00:00Z\") - date and time(\"2026-01-01T09:00:00+08:00\")", "\"PT9H\"")]
    [InlineData("date and time(date(\"2026-01-01\"), time(\"08:30:00\"))", "\"2026-01-01T08:30:00\"")]
    [InlineData("date and time(\"2026-01-01T09:00:00\") + duration(\"PT4H30M\")", "\"2026-01-01T13:30:00\"")]
    [InlineData("duration(\"P1Y2M\")", "\"P1Y2M\"")]
    [InlineData("string length(\"服务台\")", "3")]
    [InlineData("string length(\"\\U01F40E\")", "1")]
    [InlineData("\"a\\u0062\\\"\"", "\"ab\\\"\"")]
    [InlineData("\"1\" = 1", "null")]
    [InlineData("{a: 1, a: 2}", "null")]
    [InlineData("upper case(impact)", "\"HIGH\"")]
    [InlineData("starts with(ticket.priority, \"P\")", "true")]
    [InlineData("sum([1, 2, 3.5])", "6.5")]
    [InlineData("max(3, 9, 4)", "9")]
    [InlineData("count([1, null])", "2")]
    [InlineData("not(true)", "false")]
    [InlineData("number(\"42\") + 1", "43")]
    [InlineData("decimal(2.345, 2)", "2.34")]
    [InlineData("floor(-1.5)", "-2")]
    public void Expression_EvaluatesOverTheVariables(string expression, string expectedJson)
    {
        var value = FeelParser.ParseExpression(expression).Evaluate(new FeelScope(Variables));

        FeelJson.ToJson(value).GetRawText().Should().Be(expectedJson);
    }

    [Theory]
    [InlineData("impact =", "unexpected end of text")]
    [InlineData("(1 + 2", "expected ')' at the end")]
    [InlineData("if a then b", "expected 'else' at the end")]
    [InlineData("list[1]", "filters and indexes")]
    [InlineData("for x in [1] return x", "not part of ServiceFlow's FEEL subset")]
    [InlineData("now()", "unknown function 'now'")]
    [InlineData("date()", "date() takes 1 to 3 arguments, not 0")]
    [InlineData("date(1, 2)", "date(1, 2) is not a valid date")]
    [InlineData("date and time(\"yesterday\")", "is not a valid date and time")]
    [InlineData("duration(\"4 hours\")", "is not a valid duration")]
    public void Expression_ThatDoesNotParse_SaysWhy(string expression, string message)
    {
        var act = () => FeelParser.ParseExpression(expression);

        act.Should().Throw<FeelSyntaxException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void Expression_WithAnEndlessChainOfOperators_IsRefusedNotAStackOverflow()
    {
        var act = () => FeelParser.ParseExpression(string.Join(" + ", Enumerable.Repeat("1", 100_000)));

        act.Should().Throw<FeelSyntaxException>().WithMessage("the expression has more than 1000 operators*");
    }

    [Fact]
    public void Expression_AtTheOperatorLimit_StillEvaluates()
    {
        var sum = FeelParser.ParseExpression(string.Join(" + ", Enumerable.Repeat("1", 1001))).Evaluate(FeelScope.Empty);

        sum.Should().Be(1001m);
    }
}
