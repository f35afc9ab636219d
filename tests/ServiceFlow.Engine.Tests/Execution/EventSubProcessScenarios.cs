using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class EventSubProcessScenarios
{
    private const string Messages = """<message id="cancelMsg" name="cancel-request" /><error id="credit" errorCode="CREDIT" />""";

    [Fact]
    public void InterruptingMessageEventSubProcess_CancelsTheScope_AndTheInstanceEndsWithIt()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><parallelGateway id="fork" /><userTask id="work" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <endEvent id="end" /><endEvent id="end2" />
            {{Flow("f0", "start", "fork")}}{{Flow("f1", "fork", "work")}}{{Flow("f2", "fork", "wait")}}{{Flow("f3", "work", "end")}}{{Flow("f4", "wait", "end2")}}
            <subProcess id="onCancel" triggeredByEvent="true">
              <startEvent id="cancelled" sf:correlationKey="ticket"><messageEventDefinition messageRef="cancelMsg" /></startEvent>
              <userTask id="confirm" /><endEvent id="cEnd" />
              {{ChainNamed("e", "cancelled", "confirm", "cEnd")}}
            </subProcess>
            """, Messages).Start(new { ticket = "T-1" });
        var work = s.EffectsOf<CreateUserTask>().Single();
        s.EffectsOf<SubscribeMessage>().Single().Should().BeEquivalentTo(new { ActivityId = "cancelled", CorrelationKey = "T-1" });

        s.Correlate("cancelled", new { reason = "duplicate" });

        s.Last.Effects.Should().ContainEquivalentOf(new CancelUserTask(work.TaskId));
        s.Last.Effects.OfType<CancelTimer>().Should().ContainSingle();
        s.OpenTasks.Should().Equal("confirm");
        s.Var("reason").GetString().Should().Be("duplicate");
        s.Journal.Should().Contain(j => j.Kind == JournalKind.TokenCancelled && j.NodeId == "work" && j.Detail == "interrupted by event sub-process 'onCancel'");

        s.Complete("confirm");

        s.State.Status.Should().Be(InstanceStatus.Completed);
        s.State.Waits.Should().BeEmpty();
        s.State.Tokens.Should().BeEmpty();
        s.State.Scopes.Should().BeEmpty();
    }

    [Fact]
    public void NonInterruptingTimerEventSubProcess_RunsBesideTheFlow_AndTheInstanceWaitsForIt()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><userTask id="work" /><endEvent id="end" />
            {{Chain("start", "work", "end")}}
            <subProcess id="reminder" triggeredByEvent="true">
              <startEvent id="tick" isInterrupting="false"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></startEvent>
              <userTask id="remind" /><endEvent id="rEnd" />
              {{ChainNamed("e", "tick", "remind", "rEnd")}}
            </subProcess>
            """).Start();

        s.Now = Scenario.T0.AddHours(1);
        s.Fire("tick");
        s.OpenTasks.Should().BeEquivalentTo(["work", "remind"]);
        s.EffectsOf<ScheduleTimer>().Select(t => t.DueAt).Should().Equal(Scenario.T0.AddHours(1), Scenario.T0.AddHours(2));

        s.Complete("work");
        s.State.Status.Should().Be(InstanceStatus.Running, "the running event sub-process keeps its scope open");

        s.Complete("remind");

        s.State.Status.Should().Be(InstanceStatus.Completed);
        s.Last.Effects.OfType<CancelTimer>().Should().ContainSingle("the second reminder is no longer due");
        s.State.Waits.Should().BeEmpty();
    }

    [Fact]
    public void ErrorEventSubProcessInsideASubProcess_CatchesItsError_AndTheProcessContinuesAfterIt()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <subProcess id="order">
              <startEvent id="os" /><parallelGateway id="fork" /><userTask id="pack" /><endEvent id="fail"><errorEventDefinition errorRef="credit" /></endEvent><endEvent id="oe" />
              {{Flow("i0", "os", "fork")}}{{Flow("i1", "fork", "pack")}}{{Flow("i2", "fork", "fail")}}{{Flow("i3", "pack", "oe")}}
              <subProcess id="onCredit" triggeredByEvent="true">
                <startEvent id="caught"><errorEventDefinition errorRef="credit" /></startEvent><userTask id="callCustomer" /><endEvent id="ce" />
                {{ChainNamed("e", "caught", "callCustomer", "ce")}}
              </subProcess>
            </subProcess>
            <userTask id="after" /><endEvent id="end" />
            {{Flow("o1", "start", "order")}}{{Flow("o2", "order", "after")}}{{Flow("o3", "after", "end")}}
            """, Messages).Start();

        s.OpenTasks.Should().Equal("callCustomer");
        s.Journal.Should().Contain(j => j.Kind == JournalKind.TokenCancelled && j.NodeId == "pack");

        s.Complete("callCustomer");

        s.OpenTasks.Should().Equal(["after"], "the sub-process completes after its interrupting event sub-process");
    }

    [Fact]
    public void ProcessLevelErrorEventSubProcess_CatchesAnErrorInsteadOfFailingTheInstance()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><endEvent id="fail"><errorEventDefinition errorRef="credit" /></endEvent>
            {{Chain("start", "fail")}}
            <subProcess id="onAnyError" triggeredByEvent="true">
              <startEvent id="caught"><errorEventDefinition /></startEvent><userTask id="review" /><endEvent id="ce" />
              {{ChainNamed("e", "caught", "review", "ce")}}
            </subProcess>
            """, Messages).Start();

        s.State.Status.Should().Be(InstanceStatus.Running);
        s.OpenTasks.Should().Equal("review");
    }

    [Fact]
    public void EventSubProcessOfASubProcess_StopsWaitingWhenItsSubProcessCompletes()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <subProcess id="sub">
              <startEvent id="ss" /><userTask id="inner" /><endEvent id="se" />
              {{ChainNamed("s", "ss", "inner", "se")}}
              <subProcess id="slow" triggeredByEvent="true">
                <startEvent id="late" isInterrupting="false"><timerEventDefinition><timeDuration>PT8H</timeDuration></timerEventDefinition></startEvent>
                <userTask id="chase" /><endEvent id="le" />
                {{ChainNamed("e", "late", "chase", "le")}}
              </subProcess>
            </subProcess>
            <userTask id="after" /><endEvent id="end" />
            {{Flow("o1", "start", "sub")}}{{Flow("o2", "sub", "after")}}{{Flow("o3", "after", "end")}}
            """).Start();
        var timer = s.EffectsOf<ScheduleTimer>().Single();
        timer.ActivityId.Should().Be("late");

        s.Complete("inner");

        s.Last.Effects.Should().ContainEquivalentOf(new CancelTimer(timer.TimerId));
        s.OpenTasks.Should().Equal("after");
    }
}
