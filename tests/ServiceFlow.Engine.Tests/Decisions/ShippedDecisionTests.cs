using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>decisions/*.dmn: valid without warnings, and evaluated over every combination of their inputs.</summary>
public class ShippedDecisionTests
{
    private static readonly string?[] Levels = ["high", "medium", "low"];

    // The ITIL matrix: rows are impact, columns urgency (high, medium, low).
    private static readonly string[,] Matrix =
    {
        { "P1", "P2", "P3" },
        { "P2", "P3", "P4" },
        { "P3", "P4", "P4" },
    };

    [Theory]
    [InlineData("priority-matrix")]
    [InlineData("routing")]
    public void ShippedDecision_ValidatesWithoutAnyFinding(string name)
    {
        DmnValidator.Validate(ShippedDecisions.Load(name)).Issues.Should().BeEmpty();
    }

    [Fact]
    public void PriorityMatrix_GivesTheItilPriority_ForEveryImpactAndUrgency_FromExactlyOneRule()
    {
        var document = ShippedDecisions.Load("priority-matrix");
        for (var i = 0; i < Levels.Length; i++)
        {
            for (var u = 0; u < Levels.Length; u++)
            {
                var outcome = Dmn.Evaluate(document, new { impact = Levels[i], urgency = Levels[u] }, "priority-matrix");

                outcome.Error.Should().BeNull();
                outcome.Value.GetString().Should().Be(Matrix[i, u], $"impact {Levels[i]} and urgency {Levels[u]}");
                outcome.Trace.Single().Hits.Should().ContainSingle().Which.RuleId.Should().Be($"rule-{Levels[i]}-{Levels[u]}");
            }
        }
    }

    [Theory]
    [InlineData(null, "high")]
    [InlineData("high", null)]
    [InlineData(null, null)]
    public void PriorityMatrix_WithAMissingInput_MatchesNoRule(string? impact, string? urgency)
    {
        var outcome = Dmn.Evaluate(ShippedDecisions.Load("priority-matrix"), new { impact, urgency }, "priority-matrix");

        outcome.Succeeded.Should().BeTrue();
        outcome.RuleResults.Should().BeEmpty("a business rule task turns this into an incident rather than a ticket without priority");
    }

    [Fact]
    public void Routing_SendsEveryServiceTypeAndPriorityToTechSupport_AsTicketsDoToday()
    {
        // What tickets got before the table replaced Tickets:Routing/Tickets:DefaultGroup: every ticket went to TechSupport.
        var document = ShippedDecisions.Load("routing");
        string?[] types = ["system-operations", "after-sales", "consultation", "hardware", "", null];
        string?[] priorities = ["P1", "P2", "P3", "P4", null];
        foreach (var serviceType in types)
        {
            foreach (var priority in priorities)
            {
                var outcome = Dmn.Evaluate(document, new { serviceType, priority }, "routing");

                outcome.Error.Should().BeNull();
                outcome.Value.GetString().Should().Be("TechSupport", $"service type {serviceType ?? "null"} at {priority ?? "no priority"}");
                var expectedRule = serviceType is "system-operations" or "after-sales" or "consultation" ? $"rule-{serviceType}" : "rule-default";
                outcome.Trace.Single().Hits.Should().ContainSingle().Which.RuleId.Should().Be(expectedRule);
            }
        }
    }

    [Fact]
    public void Routing_EndsWithADefaultRuleThatMatchesAnything()
    {
        var table = ShippedDecisions.Load("routing").Decision("routing")!.Table!;

        table.HitPolicy.Should().Be(HitPolicy.First);
        table.Rules[^1].InputEntries.Select(c => c.Text).Should().OnlyContain(t => t == "-");
    }

    [Fact]
    public void Routing_RefusesAPriorityThatIsNotOneOfP1ToP4()
    {
        Dmn.Evaluate(ShippedDecisions.Load("routing"), new { serviceType = "consultation", priority = "P9" }, "routing")
            .Error.Should().Be("input 'Priority' of decision 'routing' is \"P9\", which is not one of its input values \"P1\",\"P2\",\"P3\",\"P4\"");
    }
}
