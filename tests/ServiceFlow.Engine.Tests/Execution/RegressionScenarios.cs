using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

/// <summary>Bugs found in review (#20); each scenario failed before its fix.</summary>
public class RegressionScenarios
{
    [Fact]
    public void CallActivity_FailingOutputMapping_RaisesAnIncident_AndRetryMapsAgainWithoutRestartingTheChild()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <callActivity id="call" calledElement="child"><extensionElements><sf:out sourceExpression="${ result.total * 2 }" target="doubled" /></extensionElements></callActivity>
            <userTask id="next" /><endEvent id="end" />
            {{Chain("start", "call", "next", "end")}}
            """).Start();
        var call = s.EffectsOf<StartChildInstance>().Single();

        s.Run(new ChildCompleted(call.CallId, Scenario.Vars(new { other = 1 })));

        var incident = s.Last.Effects.OfType<RaiseIncident>().Should().ContainSingle().Subject;
        incident.ActivityId.Should().Be("call");
        incident.Message.Should().Contain("mapping to 'doubled'");
        s.State.Status.Should().Be(InstanceStatus.Running);

        s.Run(new RetryIncident(incident.IncidentId));

        s.EffectsOf<StartChildInstance>().Should().ContainSingle("a retry applies the child's output again; it does not call the child twice");
        s.Last.Effects.OfType<RaiseIncident>().Should().ContainSingle().Which.Message.Should().Contain("mapping to 'doubled'");
    }

    [Fact]
    public void CallActivity_OutputMapping_IsAppliedBeforeLeaving()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <callActivity id="call" calledElement="child"><extensionElements><sf:out sourceExpression="${ result.total * 2 }" target="doubled" /></extensionElements></callActivity>
            <exclusiveGateway id="gw" default="low" /><userTask id="high" /><userTask id="lowTask" /><endEvent id="end" />
            {{Chain("start", "call", "gw")}}{{Flow("hi", "gw", "high", "doubled > 10")}}{{Flow("low", "gw", "lowTask")}}
            {{Flow("e1", "high", "end")}}{{Flow("e2", "lowTask", "end")}}
            """).Start();

        s.Run(new ChildCompleted(s.EffectsOf<StartChildInstance>().Single().CallId, Scenario.Vars(new { result = new { total = 6 } })));

        s.OpenTasks.Should().Equal("high");
        s.State.Tokens.Single().Output.Should().BeNull();
    }

    [Fact]
    public void ExclusiveGateway_WithOneOutgoingFlow_HonoursItsCondition()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><exclusiveGateway id="gw" /><userTask id="t" /><endEvent id="end" />
            {Flow("f0", "start", "gw")}{Flow("only", "gw", "t", "amount > 100")}{Flow("f2", "t", "end")}
            """).Start(new { amount = 5 });

        s.OpenTasks.Should().BeEmpty("the only flow's condition is false");
        s.EffectsOf<RaiseIncident>().Should().ContainSingle().Which.ActivityId.Should().Be("gw");
    }

    [Fact]
    public void ExclusiveGateway_WithOneOutgoingFlow_TakesItWhenItsConditionHolds()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><exclusiveGateway id="gw" /><userTask id="t" /><endEvent id="end" />
            {Flow("f0", "start", "gw")}{Flow("only", "gw", "t", "amount > 100")}{Flow("f2", "t", "end")}
            """).Start(new { amount = 500 });

        s.OpenTasks.Should().Equal("t");
    }

    private const string RaceWithClockAndAsync = """
        <startEvent id="start" />
        <eventBasedGateway id="race" />
        <intermediateCatchEvent id="reply" sf:clock="stop:first-response" sf:async="true"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
        <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <userTask id="answered" /><userTask id="chase" /><endEvent id="end" />
        <sequenceFlow id="f0" sourceRef="start" targetRef="race" /><sequenceFlow id="f1" sourceRef="race" targetRef="reply" />
        <sequenceFlow id="f2" sourceRef="race" targetRef="timeout" /><sequenceFlow id="f3" sourceRef="reply" targetRef="answered" />
        <sequenceFlow id="f4" sourceRef="timeout" targetRef="chase" />
        <sequenceFlow id="e1" sourceRef="answered" targetRef="end" /><sequenceFlow id="e2" sourceRef="chase" targetRef="end" />
        """;

    [Fact]
    public void EventBasedGateway_WinningEvent_IsEntered_SoItsClockAndAsyncApply()
    {
        var s = Scenario.Of(RaceWithClockAndAsync, """<message id="m" name="reply" />""").Start();

        s.Correlate("reply");

        s.Last.Effects.Should().ContainEquivalentOf(new ClockAction("reply", "stop", "first-response"));
        var continuation = s.Last.Effects.OfType<ScheduleContinuation>().Should().ContainSingle().Subject;
        continuation.ActivityId.Should().Be("reply");
        s.OpenTasks.Should().BeEmpty("sf:async stops before the event completes");

        s.Run(new ContinueAsync(continuation.ContinuationId));

        s.OpenTasks.Should().Equal("answered");
        s.EffectsOf<SubscribeMessage>().Should().ContainSingle("the won event does not subscribe again");
        s.Entered.Should().ContainSingle(n => n == "reply");
    }

    [Fact]
    public void TerminateEnd_DefinedByReference_TerminatesTheInstance()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><parallelGateway id="fork" /><userTask id="slow" /><endEvent id="end" />
            <endEvent id="kill"><eventDefinitionRef>tns:ted</eventDefinitionRef></endEvent>
            {Flow("f0", "start", "fork")}{Flow("f1", "fork", "slow")}{Flow("f2", "fork", "kill")}{Flow("f3", "slow", "end")}
            """, """<terminateEventDefinition id="ted" />""").Start();

        s.State.Status.Should().Be(InstanceStatus.Terminated);
        s.EffectsOf<CancelUserTask>().Should().ContainSingle();
    }

    [Fact]
    public void MessageBoundary_WithPrefixedRefs_SubscribesToTheDeclaredMessageName()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><userTask id="work" /><userTask id="react" /><endEvent id="end" /><endEvent id="end2" />
            <boundaryEvent id="poke" attachedToRef="tns:work"><eventDefinitionRef>med</eventDefinitionRef></boundaryEvent>
            {Chain("start", "work", "end")}{Flow("b1", "poke", "react")}{Flow("b2", "react", "end2")}
            """, """<message id="m" name="customer-reply" /><messageEventDefinition id="med" messageRef="tns:m" />""").Start();

        s.EffectsOf<SubscribeMessage>().Should().ContainSingle().Which.MessageName.Should().Be("customer-reply");
        s.Correlate("poke");
        s.OpenTasks.Should().Equal("react");
    }
}
