using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class SignalScenarios
{
    private const string Signals = """<signal id="outage" name="major-outage" />""";

    private static readonly string Waiter = $$"""
        <startEvent id="start" />
        <intermediateCatchEvent id="hear"><signalEventDefinition signalRef="outage" /></intermediateCatchEvent>
        <userTask id="inform" /><endEvent id="end" />
        {{Chain("start", "hear", "inform", "end")}}
        """;

    private static readonly string Thrower = $$"""
        <startEvent id="start" />
        <intermediateThrowEvent id="shout">
          <extensionElements><sf:input name="service" expression="service" /></extensionElements>
          <signalEventDefinition signalRef="outage" />
        </intermediateThrowEvent>
        <endEvent id="end" />
        {{Chain("start", "shout", "end")}}
        """;

    [Fact]
    public void SignalThrownInOneInstance_ReachesThreeWaitingInstances_ThroughTheHostsBroadcast()
    {
        var waiters = Enumerable.Range(0, 3).Select(_ => Scenario.Of(Waiter, Signals).Start()).ToList();
        waiters.Should().OnlyContain(w => w.EffectsOf<SubscribeSignal>().Single().SignalName == "major-outage");

        var thrower = Scenario.Of(Thrower, Signals).Start(new { service = "mail" });

        var broadcast = thrower.EffectsOf<BroadcastSignal>().Should().ContainSingle().Subject;
        broadcast.Should().BeEquivalentTo(new { ActivityId = "shout", SignalName = "major-outage" });
        broadcast.Variables["service"].GetString().Should().Be("mail");
        thrower.State.Status.Should().Be(InstanceStatus.Completed);

        // What the host does with the effect: deliver it to every subscription of that name.
        foreach (var waiter in waiters)
        {
            var subscription = waiter.EffectsOf<SubscribeSignal>().Single(s => s.SignalName == broadcast.SignalName);
            waiter.Run(new ReceiveSignal(subscription.SubscriptionId, broadcast.Variables));
        }

        waiters.Should().OnlyContain(w => w.OpenTasks.SequenceEqual(new[] { "inform" }) && w.Var("service").GetString() == "mail");
    }

    [Fact]
    public void SignalThrown_TriggersTheThrowingInstancesOwnSubscriptions()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><parallelGateway id="fork" />
            <intermediateCatchEvent id="hear"><signalEventDefinition signalRef="outage" /></intermediateCatchEvent>
            <userTask id="react" />
            <intermediateThrowEvent id="shout"><signalEventDefinition signalRef="outage" /></intermediateThrowEvent>
            <endEvent id="end" /><endEvent id="end2" />
            {{Flow("f0", "start", "fork")}}{{Flow("f1", "fork", "hear")}}{{Flow("f2", "hear", "react")}}{{Flow("f3", "react", "end")}}
            {{Flow("f4", "fork", "shout")}}{{Flow("f5", "shout", "end2")}}
            """, Signals).Start();

        s.OpenTasks.Should().Equal("react");
        s.EffectsOf<UnsubscribeSignal>().Should().BeEmpty("the delivered subscription is consumed, not cancelled");
        s.State.Waits.Should().NotContain(w => w.Kind == WaitKind.Signal);
    }

    [Fact]
    public void NonInterruptingSignalBoundary_FiresEachTime_WithANewSubscription()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><userTask id="work" />
            <boundaryEvent id="alert" attachedToRef="work" cancelActivity="false"><signalEventDefinition signalRef="outage" /></boundaryEvent>
            <userTask id="note" /><endEvent id="end" /><endEvent id="end2" />
            {{Chain("start", "work", "end")}}{{Flow("b1", "alert", "note")}}{{Flow("b2", "note", "end2")}}
            """, Signals).Start();
        var first = s.EffectsOf<SubscribeSignal>().Single().SubscriptionId;

        s.Signal("alert").Signal("alert");

        s.EffectsOf<SubscribeSignal>().Select(e => e.SubscriptionId).Distinct().Should().HaveCount(3);
        s.OpenTasks.Should().BeEquivalentTo(["work", "note", "note"]);
        s.Run(new ReceiveSignal(first)).Last.Ignored.Should().BeTrue("a delivered subscription id is not reused");
        s.Complete("work");
        s.Last.Effects.OfType<UnsubscribeSignal>().Should().ContainSingle();
    }

    [Fact]
    public void SignalStartEvents_AreListedForTheHost_AndStartTheProcessThere()
    {
        var process = Process($$"""
            <startEvent id="plain" /><startEvent id="onOutage"><signalEventDefinition signalRef="outage" /></startEvent>
            <userTask id="triage" /><endEvent id="end" />
            {{Flow("f1", "plain", "triage")}}{{Flow("f2", "onOutage", "triage")}}{{Flow("f3", "triage", "end")}}
            """, Signals);

        process.SignalStartEvents.Select(n => n.Id).Should().Equal("onOutage");
        process.SignalName(process.Nodes["onOutage"].SignalRef!).Should().Be("major-outage");
        new Scenario(process).Start(startEventId: "onOutage").Entered.Should().Equal("onOutage", "triage");
    }

    [Fact]
    public void SignalEndEvent_BroadcastsAndEnds()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><endEvent id="done"><signalEventDefinition signalRef="outage" /></endEvent>
            {{Chain("start", "done")}}
            """, Signals).Start();

        s.EffectsOf<BroadcastSignal>().Should().ContainSingle();
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }
}
