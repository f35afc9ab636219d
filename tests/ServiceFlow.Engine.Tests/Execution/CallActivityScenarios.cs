using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class CallActivityScenarios
{
    private static string Model(string mappings) => $$"""
        <startEvent id="start" />
        <callActivity id="call" calledElement="assess-risk"><extensionElements>{{mappings}}</extensionElements></callActivity>
        <boundaryEvent id="failed" attachedToRef="call"><errorEventDefinition /></boundaryEvent>
        <userTask id="next" /><userTask id="manual" /><endEvent id="end" />
        {{Chain("start", "call", "next", "end")}}{{Flow("b1", "failed", "manual")}}{{Flow("b2", "manual", "end")}}
        """;

    [Fact]
    public void CallActivity_MapsInAndOutVariables()
    {
        var s = Scenario.Of(Model("""
            <sf:in source="ticketId" target="id" /><camunda:in sourceExpression="${ amount * 2 }" target="doubled" />
            <sf:out source="score" target="riskScore" />
            """)).Start(new { ticketId = "T-1", amount = 21, secret = "x" });

        var child = s.EffectsOf<StartChildInstance>().Single();
        child.CalledElement.Should().Be("assess-risk");
        child.Variables.Keys.Should().BeEquivalentTo(["id", "doubled"]);
        child.Variables["doubled"].GetInt32().Should().Be(42);

        s.Run(new ChildCompleted(child.CallId, Scenario.Vars(new { score = 7, noise = true })));

        s.Var("riskScore").GetInt32().Should().Be(7);
        s.State.Variables.Should().NotContainKey("noise");
        s.OpenTasks.Should().Equal("next");
    }

    [Fact]
    public void CallActivity_WithoutMappings_PassesAllVariablesBothWays()
    {
        var s = Scenario.Of(Model("")).Start(new { a = 1, b = 2 });
        var child = s.EffectsOf<StartChildInstance>().Single();
        child.Variables.Keys.Should().BeEquivalentTo(["a", "b"]);

        s.Run(new ChildCompleted(child.CallId, Scenario.Vars(new { c = 3 })));

        s.State.Variables.Keys.Should().BeEquivalentTo(["a", "b", "c"]);
    }

    [Fact]
    public void CallActivity_ChildFailure_IsCaughtByCatchAllErrorBoundary()
    {
        var s = Scenario.Of(Model("")).Start();

        s.Run(new ChildFailed(s.EffectsOf<StartChildInstance>().Single().CallId, "boom"));

        s.OpenTasks.Should().Equal("manual");
    }

    [Fact]
    public void CancellingInstance_CancelsRunningChild()
    {
        var s = Scenario.Of(Model("")).Start();

        s.Run(new CancelInstance("customer withdrew"));

        s.State.Status.Should().Be(InstanceStatus.Cancelled);
        s.Last.Effects.Should().ContainEquivalentOf(new CancelChildInstance(s.EffectsOf<StartChildInstance>().Single().CallId));
        s.Last.Effects.Should().ContainSingle(e => e is InstanceTerminated);
    }
}
