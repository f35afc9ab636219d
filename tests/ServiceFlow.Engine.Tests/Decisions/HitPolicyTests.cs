using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>One table per hit policy and aggregation, in the style of the DMN TCK: inputs in, expected result out.</summary>
public class HitPolicyTests
{
    // score:  r1 [0..50]  r2 [40..100]  r3 > 90  r4 -
    private static string Scores(string hitPolicy, string[] outputs, string? aggregation = null, string outputValues = "") => Dmn.Table(
        hitPolicy, ["score:number"], ["result:" + (outputs[0].StartsWith('"') ? "string" : "number")],
        [["[0..50]", outputs[0]], ["[40..100]", outputs[1]], ["> 90", outputs[2]], ["-", outputs[3]]],
        aggregation: aggregation, outputValues: outputValues);

    private static string Rules(DecisionOutcome outcome) => string.Join(",", outcome.Trace[^1].Hits.Select(h => $"{h.Index}:{h.RuleId}"));

    [Fact]
    public void Unique_ReturnsTheOneMatchingRule_AndNamesIt()
    {
        var document = Dmn.Parse(Dmn.Table("UNIQUE", ["score:number"], ["grade:string"], [["< 50", "\"fail\""], [">= 50", "\"pass\""]]));

        var outcome = Dmn.Evaluate(document, new { score = 72 });

        outcome.Value.GetString().Should().Be("pass");
        Rules(outcome).Should().Be("2:r2");
        outcome.RuleResults.Should().ContainSingle().Which["grade"].GetString().Should().Be("pass");
    }

    [Fact]
    public void Unique_WithNoMatchingRule_IsNullWithNoHits()
    {
        var document = Dmn.Parse(Dmn.Table("UNIQUE", ["score:number"], ["grade:string"], [["< 50", "\"fail\""], [">= 50", "\"pass\""]]));

        var outcome = Dmn.Evaluate(document, new { score = (int?)null });

        outcome.Succeeded.Should().BeTrue();
        outcome.Value.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        outcome.RuleResults.Should().BeEmpty();
        outcome.Trace[^1].Hits.Should().BeEmpty();
    }

    [Fact]
    public void Unique_WhenTwoRulesMatch_FailsNamingBothRulesAndTheInputs()
    {
        var document = Dmn.Parse(Scores("UNIQUE", ["1", "2", "3", "4"]), validate: false);

        var outcome = Dmn.Evaluate(document, new { score = 45 });

        outcome.Succeeded.Should().BeFalse();
        outcome.Error.Should().Be("decision 'd' is a UNIQUE table but rules 1 (r1) and 2 (r2) and 4 (r4) all match for score = 45; make the rules exclusive or change the hit policy");
    }

    [Theory]
    [InlineData(45, 1, "1:r1")]
    [InlineData(95, 2, "2:r2")]
    [InlineData(101, 3, "3:r3")]
    [InlineData(-1, 4, "4:r4")]
    public void First_ReturnsTheFirstMatchInRuleOrder(int score, int expected, string hit)
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Scores("FIRST", ["1", "2", "3", "4"])), new { score });

        outcome.Value.GetInt32().Should().Be(expected);
        Rules(outcome).Should().Be(hit);
    }

    [Theory]
    [InlineData(45, "high", "2:r2")] // r1 low, r2 high, r4 medium match: high comes first in the output values
    [InlineData(20, "medium", "4:r4")]
    [InlineData(95, "high", "2:r2")]
    public void Priority_ReturnsTheMatchWhoseOutputComesFirstInOutputValues(int score, string expected, string hit)
    {
        var document = Dmn.Parse(Scores("PRIORITY", ["\"low\"", "\"high\"", "\"medium\"", "\"medium\""], outputValues: "\"high\",\"medium\",\"low\""));

        var outcome = Dmn.Evaluate(document, new { score });

        outcome.Value.GetString().Should().Be(expected);
        Rules(outcome).Should().Be(hit);
    }

    [Fact]
    public void Any_WithEqualOutputs_ReturnsThatOutput()
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Scores("ANY", ["1", "1", "3", "1"])), new { score = 45 });

        outcome.Value.GetInt32().Should().Be(1);
    }

    [Fact]
    public void Any_WithDifferentOutputs_Fails()
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Scores("ANY", ["1", "2", "3", "1"])), new { score = 45 });

        outcome.Error.Should().Contain("ANY table but rules 1 (r1) and 2 (r2) and 4 (r4) match for score = 45 with different outputs");
    }

    [Fact]
    public void Collect_ReturnsEveryMatchInRuleOrder()
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Scores("COLLECT", ["10", "20", "30", "40"])), new { score = 95 });

        outcome.Value.GetRawText().Should().Be("[20,30,40]");
        Rules(outcome).Should().Be("2:r2,3:r3,4:r4");
    }

    [Theory]
    [InlineData("SUM", 45, "70")]
    [InlineData("MIN", 45, "10")]
    [InlineData("MAX", 45, "40")]
    [InlineData("COUNT", 45, "3")]
    [InlineData("SUM", 95, "90")]
    [InlineData("COUNT", 120, "2")]
    public void Collect_Aggregates(string aggregation, int score, string expected)
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Scores("COLLECT", ["10", "20", "30", "40"], aggregation)), new { score });

        outcome.Value.GetRawText().Should().Be(expected);
        outcome.RuleResults.Should().ContainSingle().Which["result"].GetRawText().Should().Be(expected);
    }

    [Theory]
    [InlineData("SUM", "null")]
    [InlineData("MIN", "null")]
    [InlineData("MAX", "null")]
    [InlineData("COUNT", "0")]
    public void Collect_AggregateOfNoMatch_IsNullExceptCountWhichIsZero(string aggregation, string expected)
    {
        var document = Dmn.Parse(Dmn.Table("COLLECT", ["score:number"], ["points:number"], [["> 100", "5"]], aggregation: aggregation));

        Dmn.Value(document, new { score = 1 }).GetRawText().Should().Be(expected);
    }

    [Fact]
    public void Collect_AggregateIgnoresRulesWhoseOutputIsEmpty()
    {
        var document = Dmn.Parse(Dmn.Table("COLLECT", ["score:number"], ["points:number"], [["> 1", "5"], ["> 2", ""], ["> 3", "7"]], aggregation: "SUM"));

        Dmn.Value(document, new { score = 10 }).GetRawText().Should().Be("12");
    }

    [Fact]
    public void Collect_SumBeyondTheNumberRange_FailsTheEvaluationInsteadOfThrowing()
    {
        var huge = "79228162514264337593543950335";
        var document = Dmn.Parse(Dmn.Table("COLLECT", ["x:number"], ["points:number"], [["-", huge], ["-", huge]], aggregation: "SUM"));

        Dmn.Evaluate(document, new { x = 1 }).Error.Should().StartWith("decision 'd' could not be evaluated:");
    }

    [Fact]
    public void Collect_MinAndMaxCompareStringsAndDatesToo()
    {
        var document = Dmn.Parse(Dmn.Table("COLLECT", ["x:number"], ["due:date"], [["-", "date(\"2026-05-01\")"], ["-", "date(\"2026-02-01\")"]], aggregation: "MIN"));

        Dmn.Value(document, new { x = 1 }).GetString().Should().Be("2026-02-01");
    }

    [Fact]
    public void RuleOrder_ReturnsEveryMatchInRuleOrder()
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Scores("RULE ORDER", ["\"a\"", "\"b\"", "\"c\"", "\"d\""])), new { score = 45 });

        outcome.Value.GetRawText().Should().Be("""["a","b","d"]""");
    }

    [Fact]
    public void OutputOrder_SortsMatchesByOutputValues_TiesInRuleOrder()
    {
        var document = Dmn.Parse(Scores("OUTPUT ORDER", ["\"low\"", "\"high\"", "\"medium\"", "\"low\""], outputValues: "\"high\",\"medium\",\"low\""));

        var outcome = Dmn.Evaluate(document, new { score = 95 });

        outcome.Value.GetRawText().Should().Be("""["high","medium","low"]""");
        Rules(outcome).Should().Be("2:r2,3:r3,4:r4");
        Dmn.Value(document, new { score = 45 }).GetRawText().Should().Be("""["high","low","low"]""");
    }

    [Fact]
    public void SeveralOutputs_GiveAnObjectPerRule()
    {
        var document = Dmn.Parse(Dmn.Table("RULE ORDER", ["score:number"], ["grade:string", "points:number"], [["> 10", "\"b\"", "2"], ["> 50", "\"a\"", "3"]]));

        Dmn.Value(document, new { score = 60 }).GetRawText().Should().Be("""[{"grade":"b","points":2},{"grade":"a","points":3}]""");
    }

    [Fact]
    public void DefaultOutputEntry_IsTheResultWhenNoRuleMatches()
    {
        var xml = Dmn.Table("UNIQUE", ["score:number"], ["grade:string"], [["> 50", "\"pass\""]])
            .Replace("""<output id="d-out1" name="grade" typeRef="string">""", """<output id="d-out1" name="grade" typeRef="string"><defaultOutputEntry><text>"unknown"</text></defaultOutputEntry>""", StringComparison.Ordinal);

        var outcome = Dmn.Evaluate(Dmn.Parse(xml), new { score = 1 });

        outcome.Value.GetString().Should().Be("unknown");
        outcome.Trace[^1].UsedDefaults.Should().BeTrue();
        outcome.Trace[^1].Hits.Should().BeEmpty();
    }
}
