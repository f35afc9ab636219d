using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class EscalationScenarios
{
    private const string Escalations = """<escalation id="late" escalationCode="LATE" /><escalation id="vip" escalationCode="VIP" />""";

    private static string Handling(string throwEvent, string boundary) => $$"""
        <startEvent id="start" />
        <subProcess id="handle">
          <startEvent id="hs" />{{throwEvent}}<userTask id="work" /><endEvent id="he" />
          {{ChainNamed("h", "hs", "raise", "work", "he")}}
        </subProcess>
        {{boundary}}
        <userTask id="manager" /><endEvent id="end" /><endEvent id="end2" />
        {{Chain("start", "handle", "end")}}{{Flow("b1", "caught", "manager")}}{{Flow("b2", "manager", "end2")}}
        """;

    [Fact]
    public void EscalationThrow_CaughtByANonInterruptingBoundary_StartsItsPath_AndTheThrowerGoesOn()
    {
        var s = Scenario.Of(Handling(
            """<intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="late" /></intermediateThrowEvent>""",
            """<boundaryEvent id="caught" attachedToRef="handle" cancelActivity="false"><escalationEventDefinition escalationRef="late" /></boundaryEvent>"""),
            Escalations).Start();

        s.OpenTasks.Should().BeEquivalentTo(["work", "manager"]);
        s.Journal.Should().Contain(j => j.Kind == JournalKind.EventThrown && j.Detail == "escalation 'LATE'");
    }

    [Fact]
    public void EscalationThrow_CaughtByAnInterruptingBoundary_CancelsTheSubProcess()
    {
        var s = Scenario.Of(Handling(
            """<intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="late" /></intermediateThrowEvent>""",
            """<boundaryEvent id="caught" attachedToRef="handle"><escalationEventDefinition /></boundaryEvent>"""),
            Escalations).Start();

        s.OpenTasks.Should().Equal(["manager"], "a boundary without escalationRef catches every escalation");
        s.State.Scopes.Should().BeEmpty();
    }

    [Fact]
    public void EscalationWithAnotherCode_IsNotCaught_AndChangesNothing()
    {
        var s = Scenario.Of(Handling(
            """<intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="vip" /></intermediateThrowEvent>""",
            """<boundaryEvent id="caught" attachedToRef="handle"><escalationEventDefinition escalationRef="late" /></boundaryEvent>"""),
            Escalations).Start();

        s.OpenTasks.Should().Equal("work");
        s.Journal.Should().Contain(j => j.Detail == "escalation 'VIP' not caught");
    }

    [Fact]
    public void EscalationEnd_CaughtByANonInterruptingEventSubProcess()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><parallelGateway id="fork" /><userTask id="work" /><endEvent id="end" />
            <endEvent id="raise"><escalationEventDefinition escalationRef="vip" /></endEvent>
            {{Flow("f0", "start", "fork")}}{{Flow("f1", "fork", "work")}}{{Flow("f2", "fork", "raise")}}{{Flow("f3", "work", "end")}}
            <subProcess id="onVip" triggeredByEvent="true">
              <startEvent id="vipStart" isInterrupting="false"><escalationEventDefinition escalationRef="vip" /></startEvent>
              <userTask id="greet" /><endEvent id="ve" />
              {{ChainNamed("v", "vipStart", "greet", "ve")}}
            </subProcess>
            """, Escalations).Start();

        s.OpenTasks.Should().BeEquivalentTo(["work", "greet"]);
        s.Complete("work").Complete("greet");
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }
}
