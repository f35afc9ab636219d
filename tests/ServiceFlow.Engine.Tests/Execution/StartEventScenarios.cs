using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Timers;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class StartEventScenarios
{
    private static readonly string Model = $"""
        <startEvent id="plain" /><startEvent id="byMail"><messageEventDefinition messageRef="m" /></startEvent>
        <startEvent id="nightly"><timerEventDefinition><timeCycle>R/PT24H</timeCycle></timerEventDefinition></startEvent>
        <userTask id="t" /><endEvent id="e" />
        {Flow("f1", "plain", "t")}{Flow("f2", "byMail", "t")}{Flow("f3", "nightly", "t")}{Flow("f4", "t", "e")}
        """;

    [Theory]
    [InlineData(null, "plain")]
    [InlineData("byMail", "byMail")]
    [InlineData("nightly", "nightly")]
    public void StartInstance_UsesNamedStartEvent_OrTheNoneStart(string? startEventId, string expected)
    {
        var s = Scenario.Of(Model, """<message id="m" name="mail-received" />""").Start(startEventId: startEventId);

        s.Entered.First().Should().Be(expected);
        s.OpenTasks.Should().Equal("t");
    }

    [Fact]
    public void Definition_ListsMessageAndTimerStartEvents_ForTheHost()
    {
        var def = Process(Model, """<message id="m" name="mail-received" />""");

        def.MessageStartEvents.Select(n => def.MessageName(n.MessageRef!)).Should().Equal("mail-received");
        def.TimerStartEvents.Select(n => n.Id).Should().Equal("nightly");
    }

    [Fact]
    public void StartingTwice_IsIgnored()
    {
        var s = Scenario.Of(Model, """<message id="m" name="mail-received" />""").Start().Start();

        s.Last.Ignored.Should().BeTrue();
        s.OpenTasks.Should().ContainSingle();
    }

    private sealed class DoubleTime : IBusinessTime
    {
        public List<string?> Calendars { get; } = [];

        public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration, string? calendar)
        {
            Calendars.Add(calendar);
            return start + duration + duration;
        }
    }

    [Fact]
    public void TimerDueTimes_GoThroughBusinessTime_WithTheNodesCalendar()
    {
        var time = new DoubleTime();
        var s = Scenario.Of($"""
            <startEvent id="s" /><intermediateCatchEvent id="wait" sf:calendar="support-hours"><timerEventDefinition><timeDuration>PT4H</timeDuration></timerEventDefinition></intermediateCatchEvent><endEvent id="e" />
            {Chain("s", "wait", "e")}
            """, options: new InterpreterOptions { BusinessTime = time }).Start();

        s.EffectsOf<ScheduleTimer>().Single().DueAt.Should().Be(Scenario.T0.AddHours(8));
        time.Calendars.Should().Equal("support-hours");
    }

    [Fact]
    public void ANodeNamingACalendar_WithoutCalendars_IsAnIncident_NotWallClockTime()
    {
        var s = Scenario.Of($"""
            <startEvent id="s" /><intermediateCatchEvent id="wait" sf:calendar="support-hours"><timerEventDefinition><timeDuration>PT4H</timeDuration></timerEventDefinition></intermediateCatchEvent><endEvent id="e" />
            {Chain("s", "wait", "e")}
            """).Start();

        s.EffectsOf<ScheduleTimer>().Should().BeEmpty();
        s.EffectsOf<RaiseIncident>().Single().Message.Should().Contain("'support-hours'");
    }

    [Fact]
    public void WithoutCalendars_ANodeNamingNone_CountsWallClockTime()
    {
        var s = Scenario.Of($"""
            <startEvent id="s" /><intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT4H</timeDuration></timerEventDefinition></intermediateCatchEvent><endEvent id="e" />
            {Chain("s", "wait", "e")}
            """).Start();

        s.EffectsOf<ScheduleTimer>().Single().DueAt.Should().Be(Scenario.T0.AddHours(4));
    }
}
