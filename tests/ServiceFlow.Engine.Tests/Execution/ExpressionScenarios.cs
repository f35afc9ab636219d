using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

/// The sandbox binds only the variables an expression names and reuses each parsed expression: what a script
/// can see and compute must not change because of either.
public class ExpressionScenarios
{
    static Scenario Script(string script) => Scenario.Of($"""
        <startEvent id="start" /><scriptTask id="calc" sf:resultVariable="r"><script>{script}</script></scriptTask><endEvent id="end" />
        {Chain("start", "calc", "end")}
        """);

    [Fact]
    public void TheSameExpression_SeesEachInstancesOwnVariables()
    {
        // The second instance runs the prepared script of the first; its variables must be its own.
        var first = Script("amount * 2").Start(new { amount = 21 });
        var second = Script("amount * 2").Start(new { amount = 50 });

        first.State.Variables["r"].GetInt32().Should().Be(42);
        second.State.Variables["r"].GetInt32().Should().Be(100);
    }

    [Theory]
    [InlineData("globalThis['dec' + 'ision']")]
    [InlineData("this['dec' + 'ision']")]
    [InlineData("Object.keys(globalThis).includes('decision') ? decision : 'missing'")]
    public void AVariableReachedByAComputedName_IsStillThere(string script)
    {
        var s = Script(script).Start(new { decision = "return", other = 1 });

        s.State.Variables["r"].GetString().Should().Be("return");
    }

    [Fact]
    public void AVariableTheExpressionDoesNotName_IsNotParsedButNamedOnesAre()
    {
        // `typeof` names the variable, so it is bound; the unnamed one does not matter to the result.
        var s = Script("typeof priority === 'string' &amp;&amp; priority.length &gt; 0").Start(new { priority = "P2", description = new string('x', 10_000) });

        s.State.Variables["r"].GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void AnExpressionReadingTheClockOrChance_IsRunEachTime()
    {
        // Same text, same variables: a remembered result would repeat the first value.
        var first = Script("Math.random() + n").Start(new { n = 0 });
        var second = Script("Math.random() + n").Start(new { n = 0 });

        first.State.Variables["r"].GetDouble().Should().NotBe(second.State.Variables["r"].GetDouble());
    }

    [Fact]
    public void AnExpressionThatFailed_FailsAgain_ItsFailureIsNotRemembered_NorAnotherInstancesSuccess()
    {
        var ok = Script("amount.toFixed(1)").Start(new { amount = 2 });
        var failing = Script("amount.toFixed(1)").Start(new { amount = (string?)null });
        var failingAgain = Script("amount.toFixed(1)").Start(new { amount = (string?)null });

        ok.State.Variables["r"].GetString().Should().Be("2.0");
        failing.EffectsOf<ServiceFlow.Engine.Execution.RaiseIncident>().Should().ContainSingle();
        failingAgain.EffectsOf<ServiceFlow.Engine.Execution.RaiseIncident>().Should().ContainSingle();
    }
}
