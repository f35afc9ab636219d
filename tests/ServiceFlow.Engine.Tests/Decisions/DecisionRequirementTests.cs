using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>Decision requirement graphs (a decision reading another's result) and literal-expression decisions.</summary>
public class DecisionRequirementTests
{
    private static readonly string Graph = """
        <decision id="season" name="Season">
          <variable name="Season" typeRef="string"/>
          <decisionTable id="season-table" hitPolicy="FIRST">
            <input id="season-month"><inputExpression typeRef="number"><text>month</text></inputExpression></input>
            <output id="season-out" name="season" typeRef="string"/>
            <rule id="winter"><inputEntry><text>12, [1..2]</text></inputEntry><outputEntry><text>"winter"</text></outputEntry></rule>
            <rule id="other"><inputEntry><text>-</text></inputEntry><outputEntry><text>"other"</text></outputEntry></rule>
          </decisionTable>
        </decision>
        <decision id="guests" name="Guests">
          <variable name="Guests" typeRef="number"/>
          <literalExpression id="guests-x"><text>adults + children</text></literalExpression>
        </decision>
        <decision id="dish" name="Dish">
          <informationRequirement><requiredDecision href="#season"/></informationRequirement>
          <informationRequirement><requiredDecision href="#guests"/></informationRequirement>
          <decisionTable id="dish-table" hitPolicy="UNIQUE">
            <input id="dish-season"><inputExpression typeRef="string"><text>Season</text></inputExpression></input>
            <input id="dish-guests"><inputExpression typeRef="boolean"><text>season = "winter" and Guests &gt; 4</text></inputExpression></input>
            <output id="dish-out" name="dish" typeRef="string"/>
            <rule id="stew"><inputEntry><text>"winter"</text></inputEntry><inputEntry><text>true</text></inputEntry><outputEntry><text>"stew"</text></outputEntry></rule>
            <rule id="soup"><inputEntry><text>"winter"</text></inputEntry><inputEntry><text>false</text></inputEntry><outputEntry><text>"soup"</text></outputEntry></rule>
            <rule id="salad"><inputEntry><text>not("winter")</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>"salad"</text></outputEntry></rule>
          </decisionTable>
        </decision>
        """;

    [Theory]
    [InlineData(1, 4, 2, "stew")]
    [InlineData(12, 2, 1, "soup")]
    [InlineData(7, 10, 10, "salad")]
    public void Decision_ReadsTheResultsOfTheDecisionsItRequires(int month, int adults, int children, string dish)
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Graph), new { month, adults, children }, "dish");

        outcome.Error.Should().BeNull();
        outcome.Value.GetString().Should().Be(dish);
        outcome.Trace.Select(t => t.DecisionId).Should().Equal("season", "guests", "dish");
        outcome.Trace[0].Hits.Should().ContainSingle().Which.RuleId.Should().Be(month is 12 or <= 2 ? "winter" : "other");
    }

    [Fact]
    public void Decision_ThatIsALiteralExpression_ReturnsItsValueTyped()
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Graph, validate: false), new { adults = 2, children = 1 }, "guests");

        outcome.Value.GetInt32().Should().Be(3);
        outcome.SingleResult.Should().BeTrue();
        outcome.RuleResults.Should().ContainSingle().Which["Guests"].GetInt32().Should().Be(3);
        outcome.Trace.Single().Logic.Should().Be("literal expression");
    }

    [Fact]
    public void Decision_RequiredDecisionFailing_FailsTheWholeEvaluation()
    {
        var outcome = Dmn.Evaluate(Dmn.Parse(Graph, validate: false), new { month = "June", adults = 1, children = 1 }, "dish");

        outcome.Error.Should().Be("input 'month' of decision 'season' (season-month): \"June\" is not a number");
    }

    [Fact]
    public void Decision_InACycle_FailsInsteadOfRecursingForever()
    {
        var document = Dmn.Parse("""
            <decision id="a"><informationRequirement><requiredDecision href="#b"/></informationRequirement><literalExpression><text>b</text></literalExpression></decision>
            <decision id="b"><informationRequirement><requiredDecision href="#a"/></informationRequirement><literalExpression><text>a</text></literalExpression></decision>
            """, validate: false);

        Dmn.Evaluate(document, null, "a").Error.Should().Be("decisions require each other in a cycle: a → b → a");
    }

    [Fact]
    public void Decision_Unknown_FailsWithItsId()
    {
        Dmn.Evaluate(Dmn.Parse(Graph, validate: false), null, "dessert").Error.Should().Be("the DMN file has no decision 'dessert'");
    }
}
