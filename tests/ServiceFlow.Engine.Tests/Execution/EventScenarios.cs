using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Timers;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class EventScenarios
{
    private const string Messages = """<message id="m" name="customer-reply" />""";

    [Fact]
    public void IntermediateMessageCatch_SubscribesWithCorrelationKey_AndMergesPayload()
    {
        var s = Scenario.Of($"""
            <startEvent id="s" /><intermediateThrowEvent id="note" />
            <intermediateCatchEvent id="reply" sf:correlationKey="'T-' + ticket"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <endEvent id="e" />{Chain("s", "note", "reply", "e")}
            """, Messages).Start(new { ticket = 7 });

        s.EffectsOf<SubscribeMessage>().Single().Should().BeEquivalentTo(new { ActivityId = "reply", MessageName = "customer-reply", CorrelationKey = "T-7" });
        s.Entered.Should().Equal("s", "note", "reply");

        s.Correlate("reply", new { text = "hi" });

        s.Var("text").GetString().Should().Be("hi");
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }

    [Fact]
    public void MessageCatchWithoutCorrelationKey_AsksTheHostToCorrelateOnTheBusinessKey()
    {
        var s = Scenario.Of($"""
            <startEvent id="s" /><intermediateCatchEvent id="plain"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <intermediateCatchEvent id="keyed" sf:correlationKey="ticket"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <endEvent id="e" />{Chain("s", "plain", "keyed", "e")}
            """, Messages).Start(new { ticket = "T-1" });

        s.EffectsOf<SubscribeMessage>().Single().Should().BeEquivalentTo(new { ActivityId = "plain", CorrelationKey = (string?)null, ByBusinessKey = true });
        s.Correlate("plain");
        s.EffectsOf<SubscribeMessage>().Last().Should().BeEquivalentTo(new { ActivityId = "keyed", CorrelationKey = "T-1", ByBusinessKey = false });
    }

    [Fact]
    public void NonInterruptingMessageBoundary_KeepsSubscription_AndForksEachTime()
    {
        var s = Scenario.Of($"""
            <startEvent id="s" /><userTask id="work" />
            <boundaryEvent id="nudge" attachedToRef="work" cancelActivity="false"><messageEventDefinition messageRef="m" /></boundaryEvent>
            <serviceTask id="log" sf:type="log" /><endEvent id="e" /><endEvent id="e2" />
            {Chain("s", "work", "e")}{Flow("b1", "nudge", "log")}{Flow("b2", "log", "e2")}
            """, Messages).Start();

        s.Correlate("nudge").Correlate("nudge");

        s.EffectsOf<ExecuteJob>().Should().HaveCount(2);
        s.OpenTasks.Should().Equal("work");
        s.Complete("work");
        s.Last.Effects.Should().Contain(e => e is UnsubscribeMessage, "leaving the task removes its boundary subscription");
    }

    [Fact]
    public void TerminateEndInsideSubProcess_EndsOnlyTheSubProcess()
    {
        var s = Scenario.Of($$"""
            <startEvent id="s" />
            <subProcess id="sub"><startEvent id="s1" /><parallelGateway id="fork" /><userTask id="inner" /><endEvent id="stop"><terminateEventDefinition /></endEvent><endEvent id="e1" />
              <sequenceFlow id="i1" sourceRef="s1" targetRef="fork" /><sequenceFlow id="i2" sourceRef="fork" targetRef="inner" />
              <sequenceFlow id="i3" sourceRef="fork" targetRef="stop" /><sequenceFlow id="i4" sourceRef="inner" targetRef="e1" /></subProcess>
            <userTask id="after" /><endEvent id="e" />
            {{Chain("s", "sub", "after", "e")}}
            """).Start();

        s.OpenTasks.Should().Equal("after");
        s.EffectsOf<CancelUserTask>().Should().ContainSingle();
        s.State.Status.Should().Be(InstanceStatus.Running);
    }

    [Fact]
    public void TimerStarts_GiveFirstAndNextDueTimes_UntilRepetitionsAreUsed()
    {
        var def = Process($"""
            <startEvent id="tick"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></startEvent><endEvent id="e" />{Chain("tick", "e")}
            """);
        var tick = def.TimerStartEvents.Single();

        var first = TimerStarts.FirstDue(tick, Scenario.T0);

        first.Should().Be(Scenario.T0.AddHours(1));
        TimerStarts.NextDue(tick, first!.Value, firedCount: 1).Should().Be(Scenario.T0.AddHours(2));
        TimerStarts.NextDue(tick, Scenario.T0.AddHours(2), firedCount: 2).Should().BeNull();
    }

    [Fact]
    public void MonthCycles_StepInCalendarMonths_FromTheirStart_InItsOffset()
    {
        var def = Process($"""
            <startEvent id="monthly"><timerEventDefinition><timeCycle>R/2026-01-31T01:00:00+08:00/P1M</timeCycle></timerEventDefinition></startEvent>
            <startEvent id="quarterly"><timerEventDefinition><timeCycle>R/2026-01-01T01:30:00+08:00/P3M</timeCycle></timerEventDefinition></startEvent>
            <endEvent id="e" />{Chain("monthly", "e")}<sequenceFlow id="q" sourceRef="quarterly" targetRef="e" />
            """);
        var monthly = def.TimerStartEvents.Single(n => n.Id == "monthly");
        var quarterly = def.TimerStartEvents.Single(n => n.Id == "quarterly");
        var shanghai = TimeSpan.FromHours(8);

        // Deployed mid-May: the next step of each cycle, not "now plus 30 days".
        var deployed = new DateTimeOffset(2026, 5, 14, 9, 0, 0, shanghai);
        TimerStarts.FirstDue(monthly, deployed).Should().Be(new DateTimeOffset(2026, 5, 31, 1, 0, 0, shanghai));
        TimerStarts.FirstDue(quarterly, deployed).Should().Be(new DateTimeOffset(2026, 7, 1, 1, 30, 0, shanghai));
        // From the start, not from the last firing: the 31st clamps to 30 June, and July is the 31st again.
        TimerStarts.NextDue(monthly, new DateTimeOffset(2026, 5, 31, 1, 0, 0, shanghai), 1)
            .Should().Be(new DateTimeOffset(2026, 6, 30, 1, 0, 0, shanghai));
        TimerStarts.NextDue(monthly, new DateTimeOffset(2026, 6, 30, 1, 0, 0, shanghai), 2)
            .Should().Be(new DateTimeOffset(2026, 7, 31, 1, 0, 0, shanghai));
        TimerStarts.NextDue(quarterly, new DateTimeOffset(2026, 10, 1, 1, 30, 0, shanghai), 1)
            .Should().Be(new DateTimeOffset(2027, 1, 1, 1, 30, 0, shanghai));
    }

    [Fact]
    public void TimeDate_IsAbsolute()
    {
        var s = Scenario.Of($"""
            <startEvent id="s" /><intermediateCatchEvent id="t"><timerEventDefinition><timeDate>2026-12-24T18:00:00+01:00</timeDate></timerEventDefinition></intermediateCatchEvent><endEvent id="e" />
            {Chain("s", "t", "e")}
            """).Start();

        s.EffectsOf<ScheduleTimer>().Single().DueAt.Should().Be(new DateTimeOffset(2026, 12, 24, 17, 0, 0, TimeSpan.Zero));
    }
}
