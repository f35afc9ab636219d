using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Validation;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>Every validation error names the element id and its line.</summary>
public class DmnValidatorTests
{
    private static ValidationReport Validate(string decisions) => DmnValidator.Validate(DmnParser.Parse(Dmn.Xml(decisions)));

    [Fact]
    public void Validator_NamesElementAndLine_ForEachProblemOfATable()
    {
        // Line numbers below count from the XML declaration: Dmn.Xml puts these decisions on line 3.
        var report = Validate("""
            <decision id="broken" name="Broken">
              <decisionTable id="broken-table" hitPolicy="SOMETIMES">
                <input id="in-impact" label="Impact">
                  <inputExpression id="in-impact-x" typeRef="number"><text>impact</text></inputExpression>
                </input>
                <input id="in-urgency" label="Urgency">
                  <inputExpression id="in-urgency-x" typeRef="colour"><text>urgency</text></inputExpression>
                </input>
                <output id="out-priority" name="priority" typeRef="string"><outputValues><text>"P1","P2"</text></outputValues></output>
                <rule id="rule-1">
                  <inputEntry id="rule-1-impact"><text>[1..</text></inputEntry>
                  <inputEntry id="rule-1-urgency"><text>-</text></inputEntry>
                  <outputEntry id="rule-1-priority"><text>"P1"</text></outputEntry>
                </rule>
                <rule id="rule-2">
                  <inputEntry id="rule-2-impact"><text>"high"</text></inputEntry>
                  <inputEntry id="rule-2-urgency"><text>-</text></inputEntry>
                  <outputEntry id="rule-2-priority"><text>"P7"</text></outputEntry>
                </rule>
                <rule id="rule-3">
                  <inputEntry id="rule-3-impact"><text>-</text></inputEntry>
                  <outputEntry id="rule-3-priority"><text>"P2"</text></outputEntry>
                </rule>
              </decisionTable>
            </decision>
            """);

        report.Executable.Should().BeFalse();
        report.Errors.Select(i => (i.Code, i.ElementId, i.Line)).Should().BeEquivalentTo(new[]
        {
            ("unknown-hit-policy", "broken-table", 4),
            ("unknown-type", "in-urgency", 8),
            ("invalid-feel", "rule-1-impact", 13),
            ("entry-type-mismatch", "rule-2-impact", 18),
            ("output-not-allowed", "rule-2-priority", 20),
            ("rule-shape", "rule-3", 22),
        });
        report.Errors.Single(i => i.Code == "unknown-hit-policy").Message.Should()
            .Be("hit policy 'SOMETIMES' of decision 'broken' is not one of UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER, OUTPUT ORDER");
        report.Errors.Single(i => i.Code == "invalid-feel").Message.Should().Be("'[1..' in rule 1 of decision 'broken' is not valid FEEL: unexpected end of text at the end");
        report.Errors.Single(i => i.Code == "entry-type-mismatch").Message.Should()
            .Be("rule 2 of decision 'broken' tests input 'Impact' against \"high\", a string; the input is a number (number), so this can never match");
        report.Errors.Single(i => i.Code == "output-not-allowed").Message.Should()
            .Be("output 'priority' of rule 2 of decision 'broken' is \"P7\", which is not one of its output values \"P1\",\"P2\"");
        report.Errors.Select(i => i.ToString()).Should().Contain("Error unknown-type 'in-urgency' (line 8): input 'Urgency' of decision 'broken' has the unknown typeRef 'colour'");
    }

    [Theory]
    [InlineData("COLLECT", "AVERAGE", 1, "unknown-aggregation", "aggregation 'AVERAGE' of decision 'd' is not one of SUM, MIN, MAX, COUNT")]
    [InlineData("FIRST", "SUM", 1, "aggregation-without-collect", "decision 'd' aggregates with SUM, which only the COLLECT hit policy allows")]
    [InlineData("COLLECT", "SUM", 2, "aggregation-needs-one-output", "decision 'd' aggregates with SUM but has 2 outputs; aggregation needs exactly one")]
    [InlineData("PRIORITY", null, 1, "missing-output-values", "decision 'd' uses PRIORITY, which orders results by the outputs' output values; list them on at least one output")]
    [InlineData("OUTPUT ORDER", null, 1, "missing-output-values", "decision 'd' uses OUTPUT ORDER, which orders results by the outputs' output values; list them on at least one output")]
    public void Validator_ChecksHitPolicyAndAggregation_OnTheTable(string hitPolicy, string? aggregation, int outputs, string code, string message)
    {
        var names = outputs == 1 ? new[] { "a:number" } : ["a:number", "b:number"];
        var report = Validate(Dmn.Table(hitPolicy, ["x:number"], names, [["-", .. Enumerable.Repeat("1", outputs)]], aggregation: aggregation));

        var issue = report.Errors.Should().ContainSingle().Which;
        (issue.Code, issue.ElementId, issue.Line, issue.Message).Should().Be((code, "d-table", 3, message));
    }

    [Fact]
    public void Validator_RequiresNamesForSeveralOutputs()
    {
        var xml = Dmn.Table("UNIQUE", ["x:number"], ["a:number", "b:number"], [["-", "1", "2"]]).Replace(" name=\"b\"", "", StringComparison.Ordinal);

        Validate(xml).Errors.Should().ContainSingle(i => i.Code == "missing-output-name" && i.ElementId == "d-out2");
    }

    [Fact]
    public void Validator_ReportsRequirementsThatAreMissingOrCircular()
    {
        var report = Validate("""
            <decision id="a"><informationRequirement><requiredDecision href="#b"/></informationRequirement><literalExpression><text>b + 1</text></literalExpression></decision>
            <decision id="b"><informationRequirement><requiredDecision href="#a"/></informationRequirement><literalExpression><text>a + 1</text></literalExpression></decision>
            <decision id="c"><informationRequirement><requiredDecision href="#nowhere"/></informationRequirement><literalExpression><text>1</text></literalExpression></decision>
            """);

        report.Errors.Select(i => (i.Code, i.ElementId, i.Line)).Should().BeEquivalentTo(new[]
        {
            ("requirement-cycle", "a", 3),
            ("requirement-cycle", "b", 4),
            ("missing-required-decision", "c", 5),
        });
        report.Errors.First().Message.Should().Be("decisions require each other in a cycle: a → b → a");
    }

    [Fact]
    public void Validator_RefusesLogicItDoesNotEvaluate_AndOtherExpressionLanguages()
    {
        var report = Validate("""
            <decision id="ctx"><context><contextEntry><literalExpression><text>1</text></literalExpression></contextEntry></context></decision>
            <decision id="juel"><literalExpression id="juel-x" expressionLanguage="juel"><text>${amount}</text></literalExpression></decision>
            <decision id="d1" /><decision id="d1"><literalExpression><text>1</text></literalExpression></decision>
            """);

        report.Errors.Select(i => (i.Code, i.ElementId)).Should().BeEquivalentTo(new[]
        {
            ("unsupported-decision-logic", "ctx"),
            ("invalid-feel", "juel-x"),
            ("duplicate-id", "d1"),
            ("unsupported-decision-logic", "d1"),
        });
        report.Errors.Single(i => i.ElementId == "juel-x").Message.Should().Contain("expression language 'juel' is not supported; write FEEL");
    }

    [Fact]
    public void Validator_WarnsAboutUniqueRulesThatCertainlyOverlap_WithoutBlockingPublication()
    {
        var report = Validate(Dmn.Table("UNIQUE", ["score:number", "kind:string"], ["out:number"],
            [["[0..50]", "\"a\"", "1"], ["[50..100]", "\"a\",\"b\"", "2"], ["> 100", "-", "3"], ["[40..60]", "\"c\"", "4"], ["x", "-", "5"]]));

        report.Executable.Should().BeTrue();
        var warning = report.Issues.Should().ContainSingle().Which;
        (warning.Severity, warning.Code, warning.ElementId).Should().Be((Severity.Warning, "unique-overlap", "r2"));
        warning.Message.Should().StartWith("rules 1 (r1) and 2 (r2) of UNIQUE table 'd' can match the same inputs");
    }

    [Fact]
    public void Validator_AcceptsAValidDocument()
    {
        Validate(Dmn.Table("UNIQUE", ["x:number"], ["out:string"], [["< 0", "\"neg\""], [">= 0", "\"pos\""]])).Issues.Should().BeEmpty();
    }
}
