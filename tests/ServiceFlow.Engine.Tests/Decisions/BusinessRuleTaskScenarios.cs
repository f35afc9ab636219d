using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>Business rule tasks evaluate decisions inside the step: result variable, journal of matched rules, incidents.</summary>
public class BusinessRuleTaskScenarios
{
    private static readonly string Triage = $"""
        <startEvent id="start" />
        <businessRuleTask id="prioritise" name="Prioritise" sf:decisionRef="priority-matrix" sf:resultVariable="priority" />
        <exclusiveGateway id="gw" default="normal" />
        <userTask id="major" name="Major incident" />
        <userTask id="handle" name="Handle" />
        <endEvent id="end" />
        {Flow("f1", "start", "prioritise")}{Flow("f2", "prioritise", "gw")}
        {Flow("urgent", "gw", "major", "priority === 'P1'")}{Flow("normal", "gw", "handle")}
        {Flow("f3", "major", "end")}{Flow("f4", "handle", "end")}
        """;

    private static InterpreterOptions With(DecisionRegistry decisions) => new() { Decisions = decisions };

    [Fact]
    public void BusinessRuleTask_WritesTheDecisionResult_AndJournalsTheMatchedRule()
    {
        var s = Scenario.Of(Triage, options: With(ShippedDecisions.Registry("3")));

        s.Start(new { impact = "high", urgency = "medium" });

        s.Var("priority").GetString().Should().Be("P2");
        s.OpenTasks.Should().Equal("handle");
        var entry = s.Journal.Should().ContainSingle(j => j.Kind == JournalKind.DecisionEvaluated).Which;
        (entry.NodeId, entry.Detail).Should().Be(("prioritise",
            "priority-matrix v3 (UNIQUE) for Impact = \"high\", Urgency = \"medium\": rule 2 'rule-high-medium' → \"P2\""));
        s.Entered.Should().Equal("start", "prioritise", "gw", "handle");
    }

    [Fact]
    public void BusinessRuleTask_ResultDrivesTheNextGateway()
    {
        var s = Scenario.Of(Triage, options: With(ShippedDecisions.Registry()));

        s.Start(new { impact = "high", urgency = "high" });

        s.Var("priority").GetString().Should().Be("P1");
        s.OpenTasks.Should().Equal("major");
    }

    [Fact]
    public void UniqueViolation_RaisesAnIncidentOnTheTask_AndRetryWithAFixedTableContinues()
    {
        var overlapping = Dmn.Parse(Dmn.Table("UNIQUE", ["impact:string", "urgency:string"], ["priority:string"],
            [["\"high\"", "-", "\"P1\""], ["-", "\"medium\"", "\"P3\""]], id: "priority-matrix"), validate: false);
        var s = Scenario.Of(Triage, options: With(new DecisionRegistry(overlapping)));

        s.Start(new { impact = "high", urgency = "medium" });

        var incident = s.EffectsOf<RaiseIncident>().Should().ContainSingle().Which;
        incident.ActivityId.Should().Be("prioritise");
        incident.Message.Should().Be("business rule task 'prioritise': decision 'priority-matrix' is a UNIQUE table but rules 1 (priority-matrix-r1) and 2 (priority-matrix-r2) all match "
            + "for impact = \"high\", urgency = \"medium\"; make the rules exclusive or change the hit policy");
        s.State.Variables.Should().NotContainKey("priority");
        s.OpenTasks.Should().BeEmpty();

        s.Options = With(ShippedDecisions.Registry());
        s.Run(new RetryIncident(incident.IncidentId));

        s.Var("priority").GetString().Should().Be("P2");
        s.State.Incidents.Should().BeEmpty();
        s.OpenTasks.Should().Equal("handle");
    }

    [Fact]
    public void MissingDecision_RaisesAnIncidentNamingIt_NeverAnException()
    {
        var s = Scenario.Of(Triage);

        s.Start(new { impact = "high", urgency = "high" });

        s.EffectsOf<RaiseIncident>().Single().Message.Should().Be(
            "decision 'priority-matrix' is not deployed with this workflow version (deployed: none); deploy decisions/priority-matrix.dmn or correct the decisionRef of 'prioritise', then retry");
    }

    [Fact]
    public void NoMatchingRule_WhereOneResultIsNeeded_RaisesAnIncidentWithTheInputs()
    {
        var s = Scenario.Of(Triage, options: With(ShippedDecisions.Registry()));

        s.Start(new { urgency = "high" });

        s.EffectsOf<RaiseIncident>().Single().Message.Should().Be(
            "business rule task 'prioritise': decision 'priority-matrix' matched no rule for Impact = null, Urgency = \"high\", and the decision's result needs one result; "
            + "add a rule or a default output to the table, or correct the inputs, then retry");
        s.Journal.Should().Contain(j => j.Kind == JournalKind.DecisionEvaluated && j.Detail!.EndsWith(": no rule matched → null", StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidInput_RaisesAnIncident()
    {
        var s = Scenario.Of(Triage, options: With(ShippedDecisions.Registry()));

        s.Start(new { impact = "catastrophic", urgency = "high" });

        s.EffectsOf<RaiseIncident>().Single().Message.Should().Be(
            "business rule task 'prioritise': input 'Impact' of decision 'priority-matrix' is \"catastrophic\", which is not one of its input values \"high\",\"medium\",\"low\"");
    }

    [Theory]
    [InlineData("", """[{"points":10},{"points":30}]""")] // Camunda's default: resultList
    [InlineData("camunda:mapDecisionResult=\"resultList\"", """[{"points":10},{"points":30}]""")]
    [InlineData("camunda:mapDecisionResult=\"collectEntries\"", "[10,30]")]
    public void CamundaAttributes_MapTheResultAsCamundaDoes(string mapping, string json)
    {
        var s = Scenario.Of(RuleTask($"""camunda:decisionRef="points" camunda:resultVariable="r" {mapping}"""), options: With(new DecisionRegistry(Points())));

        s.Start(new { score = 60 });

        s.Var("r").GetRawText().Should().Be(json);
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }

    [Theory]
    [InlineData("singleEntry", 5, "10")]
    [InlineData("singleResult", 5, """{"points":10}""")]
    [InlineData("collectEntries", 5, "[10]")]
    [InlineData("resultList", null, "[]")]
    [InlineData("collectEntries", null, "[]")]
    public void SfMapDecisionResult_ShapesTheResult(string mapping, int? score, string json)
    {
        var s = Scenario.Of(RuleTask($"""sf:decisionRef="points" sf:resultVariable="r" sf:mapDecisionResult="{mapping}" """), options: With(new DecisionRegistry(Points())));

        s.Start(new { score });

        s.Var("r").GetRawText().Should().Be(json);
    }

    [Fact]
    public void SingleEntry_WithSeveralMatches_RaisesAnIncident()
    {
        var s = Scenario.Of(RuleTask("""sf:decisionRef="points" sf:resultVariable="r" sf:mapDecisionResult="singleEntry" """), options: With(new DecisionRegistry(Points())));

        s.Start(new { score = 60 });

        s.EffectsOf<RaiseIncident>().Single().Message.Should().Be(
            "business rule task 'rule': decision 'points' matched 2 rules, but singleEntry takes one; use collectEntries or resultList");
    }

    [Fact]
    public void ZeebeCalledDecision_StoresTheDmnResult()
    {
        var s = Scenario.Of(RuleTask("""xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"><extensionElements><zeebe:calledDecision decisionId="points" resultVariable="r" /></extensionElements></businessRuleTask><!-- """,
            close: " -->"), options: With(new DecisionRegistry(Points())));

        s.Start(new { score = 60 });

        s.Var("r").GetRawText().Should().Be("[10,30]");
    }

    [Fact]
    public void DecisionRef_MayBeAnExpression()
    {
        var s = Scenario.Of(RuleTask("""sf:decisionRef="${ table }" sf:resultVariable="r" """), options: With(new DecisionRegistry(Points())));

        s.Start(new { table = "points", score = 5 });

        s.Var("r").GetRawText().Should().Be("[10]");
    }

    [Fact]
    public void RequiredDecisions_AreJournalledFirst_OneEntryEach()
    {
        var graph = Dmn.Parse(Dmn.Table("UNIQUE", ["score:number"], ["band:string"], [["< 50", "\"low\""], [">= 50", "\"high\""]], id: "band")
            + Dmn.Table("UNIQUE", ["band:string"], ["bonus:number"], [["\"low\"", "0"], ["\"high\"", "score / 10"]], id: "bonus",
                requires: """<informationRequirement><requiredDecision href="#band"/></informationRequirement>"""));
        var s = Scenario.Of(RuleTask("""sf:decisionRef="bonus" sf:resultVariable="bonus" """), options: With(new DecisionRegistry(graph)));

        s.Start(new { score = 70 });

        s.Var("bonus").GetInt32().Should().Be(7);
        s.Journal.Where(j => j.Kind == JournalKind.DecisionEvaluated).Select(j => j.Detail).Should().Equal(
            "band (UNIQUE) for score = 70: rule 2 'band-r2' → \"high\"",
            "bonus (UNIQUE) for band = \"high\": rule 2 'bonus-r2' → 7");
    }

    private static DmnDocument Points() => Dmn.Parse(Dmn.Table("RULE ORDER", ["score:number"], ["points:number"], [["< 100", "10"], ["> 50", "30"]], id: "points"));

    private static string RuleTask(string attributes, string close = "") => $"""
        <startEvent id="start" /><businessRuleTask id="rule" {attributes} />{close}<endEvent id="end" />
        {Chain("start", "rule", "end")}
        """;
}
