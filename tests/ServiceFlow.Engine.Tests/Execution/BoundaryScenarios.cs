using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class BoundaryScenarios
{
    private static string TaskWithTimer(bool interrupting, string timer) => $"""
        <startEvent id="start" />
        <userTask id="work" />
        <boundaryEvent id="late" attachedToRef="work" cancelActivity="{(interrupting ? "true" : "false")}">
          <timerEventDefinition>{timer}</timerEventDefinition>
        </boundaryEvent>
        <userTask id="escalate" />
        <endEvent id="end" /><endEvent id="end2" />
        {Flow("f1", "start", "work")}{Flow("f2", "work", "end")}{Flow("f3", "late", "escalate")}{Flow("f4", "escalate", "end2")}
        """;

    [Fact]
    public void InterruptingTimerBoundary_CancelsTheTask_AndTakesTheBoundaryPath()
    {
        var s = Scenario.Of(TaskWithTimer(true, "<timeDuration>PT4H</timeDuration>")).Start();
        var task = s.EffectsOf<CreateUserTask>().Single();
        s.EffectsOf<ScheduleTimer>().Single().DueAt.Should().Be(Scenario.T0.AddHours(4));

        s.Now = Scenario.T0.AddHours(4);
        s.Fire("late");

        s.Last.Effects.Should().ContainEquivalentOf(new CancelUserTask(task.TaskId));
        s.OpenTasks.Should().Equal("escalate");
        s.Journal.Should().Contain(j => j.Kind == JournalKind.TimerFired && j.NodeId == "late" && j.At == Scenario.T0.AddHours(4));
        s.Journal.Should().Contain(j => j.Kind == JournalKind.TokenCancelled && j.NodeId == "work");
    }

    [Fact]
    public void NonInterruptingTimerBoundary_KeepsTheTask_AndStartsAParallelPath()
    {
        var s = Scenario.Of(TaskWithTimer(false, "<timeDuration>PT4H</timeDuration>")).Start();

        s.Fire("late");

        s.OpenTasks.Should().BeEquivalentTo(["work", "escalate"]);
        s.Complete("work");
        s.State.Waits.Should().NotContain(w => w.Kind == WaitKind.Timer);
    }

    [Fact]
    public void TimerCycle_OnNonInterruptingBoundary_ReschedulesUntilRepetitionsAreUsed()
    {
        var s = Scenario.Of(TaskWithTimer(false, "<timeCycle>R3/PT10M</timeCycle>")).Start();

        for (var i = 1; i <= 3; i++)
        {
            s.Now = Scenario.T0.AddMinutes(10 * i);
            s.Fire("late");
        }

        s.EffectsOf<ScheduleTimer>().Select(t => t.DueAt).Should().Equal(
            Scenario.T0.AddMinutes(10), Scenario.T0.AddMinutes(20), Scenario.T0.AddMinutes(30));
        s.State.Waits.Should().NotContain(w => w.Kind == WaitKind.Timer, "R3 fires three times");
        s.OpenTasks.Count(t => t == "escalate").Should().Be(3);
    }

    [Fact]
    public void TimerCycle_WithStartDate_FirstFiresAtTheStart()
    {
        var s = Scenario.Of(TaskWithTimer(false, "<timeCycle>R/2026-03-03T00:00:00Z/PT1H</timeCycle>")).Start();

        s.EffectsOf<ScheduleTimer>().Single().DueAt.Should().Be(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero));
        s.Fire("late");
        s.EffectsOf<ScheduleTimer>().Last().DueAt.Should().Be(new DateTimeOffset(2026, 3, 3, 1, 0, 0, TimeSpan.Zero), "R/ repeats forever");
    }

    private const string SubProcessWithMessageBoundary = """
        <startEvent id="start" />
        <subProcess id="sub">
          <startEvent id="s1" />
          <parallelGateway id="fork" />
          <userTask id="inner" />
          <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
          <parallelGateway id="join" />
          <endEvent id="e1" />
          <sequenceFlow id="i1" sourceRef="s1" targetRef="fork" /><sequenceFlow id="i2" sourceRef="fork" targetRef="inner" />
          <sequenceFlow id="i3" sourceRef="fork" targetRef="wait" /><sequenceFlow id="i4" sourceRef="inner" targetRef="join" />
          <sequenceFlow id="i5" sourceRef="wait" targetRef="join" /><sequenceFlow id="i6" sourceRef="join" targetRef="e1" />
        </subProcess>
        <boundaryEvent id="cancelled" attachedToRef="sub"><messageEventDefinition messageRef="m" /></boundaryEvent>
        <userTask id="after" /><userTask id="handleCancel" /><endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="sub" /><sequenceFlow id="f2" sourceRef="sub" targetRef="after" />
        <sequenceFlow id="f3" sourceRef="after" targetRef="end" /><sequenceFlow id="f4" sourceRef="cancelled" targetRef="handleCancel" />
        <sequenceFlow id="f5" sourceRef="handleCancel" targetRef="end" />
        """;

    [Fact]
    public void InterruptingBoundaryOnSubProcess_CancelsInnerTasksAndTimers()
    {
        var s = Scenario.Of(SubProcessWithMessageBoundary, """<message id="m" name="cancel-request" />""").Start();
        var innerTask = s.EffectsOf<CreateUserTask>().Single();
        var innerTimer = s.EffectsOf<ScheduleTimer>().Single();
        s.State.Scopes.Should().ContainSingle();

        s.Correlate("cancelled");

        s.Last.Effects.Should().ContainEquivalentOf(new CancelUserTask(innerTask.TaskId));
        s.Last.Effects.Should().ContainEquivalentOf(new CancelTimer(innerTimer.TimerId));
        s.OpenTasks.Should().Equal("handleCancel");
        s.State.Scopes.Should().BeEmpty();
        s.State.Tokens.Should().ContainSingle();
    }

    [Fact]
    public void EmbeddedSubProcess_CompletesWhenNoTokensRemainInside_ThenContinues()
    {
        var s = Scenario.Of(SubProcessWithMessageBoundary, """<message id="m" name="cancel-request" />""").Start();

        s.Complete("inner");
        s.OpenTasks.Should().BeEmpty();
        s.Fire("wait");

        s.OpenTasks.Should().Equal("after");
        s.Last.Effects.Should().ContainSingle(e => e is UnsubscribeMessage, "leaving the sub-process removes its boundary subscription");
        s.Entered.Should().ContainInOrder("sub", "s1", "fork", "inner", "wait", "join", "e1", "after");
    }
}
