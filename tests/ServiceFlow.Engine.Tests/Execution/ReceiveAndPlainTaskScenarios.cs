using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class ReceiveAndPlainTaskScenarios
{
    private const string Reply = """<message id="m" name="customer-reply" />""";

    [Fact]
    public void PlainAndManualTasks_PassThrough()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><task id="think" /><manualTask id="phone" sf:clock="pause:resolution" /><userTask id="record" /><endEvent id="end" />
            {Chain("start", "think", "phone", "record", "end")}
            """).Start();

        s.OpenTasks.Should().Equal("record");
        s.Entered.Should().Equal("start", "think", "phone", "record");
        s.EffectsOf<ClockAction>().Should().ContainSingle().Which.ActivityId.Should().Be("phone");
    }

    [Fact]
    public void ReceiveTask_WaitsForItsMessage_WithBoundaryEvents()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" />
            <receiveTask id="wait" messageRef="m" sf:correlationKey="ticket" />
            <boundaryEvent id="late" attachedToRef="wait"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></boundaryEvent>
            <userTask id="thank" /><userTask id="chase" /><endEvent id="end" /><endEvent id="end2" />
            {Chain("start", "wait", "thank", "end")}{Flow("b1", "late", "chase")}{Flow("b2", "chase", "end2")}
            """, Reply).Start(new { ticket = "T-9" });

        s.EffectsOf<SubscribeMessage>().Single().Should().BeEquivalentTo(new { ActivityId = "wait", MessageName = "customer-reply", CorrelationKey = "T-9" });
        var timer = s.EffectsOf<ScheduleTimer>().Single();

        s.Correlate("wait", new { answer = "done" });

        s.OpenTasks.Should().Equal("thank");
        s.Var("answer").GetString().Should().Be("done");
        s.Last.Effects.Should().ContainEquivalentOf(new CancelTimer(timer.TimerId));
    }

    [Fact]
    public void ReceiveTask_CanBeABranchOfAnEventBasedGateway()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><eventBasedGateway id="race" />
            <receiveTask id="wait" messageRef="m" />
            <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <userTask id="thank" /><userTask id="chase" /><endEvent id="end" />
            {Flow("f0", "start", "race")}{Flow("f1", "race", "wait")}{Flow("f2", "race", "timeout")}
            {Flow("f3", "wait", "thank")}{Flow("f4", "timeout", "chase")}{Flow("e1", "thank", "end")}{Flow("e2", "chase", "end")}
            """, Reply).Start();

        s.Correlate("wait");

        s.OpenTasks.Should().Equal("thank");
        s.EffectsOf<CancelTimer>().Should().ContainSingle();
    }
}
