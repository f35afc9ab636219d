using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class GatewayScenarios
{
    private static readonly string Exclusive = $"""
        <startEvent id="start" />
        <exclusiveGateway id="gw" default="toLow" />
        <userTask id="high" /><userTask id="mid" /><userTask id="low" />
        <endEvent id="end" />
        {Flow("f0", "start", "gw")}
        {Flow("toHigh", "gw", "high", "${ amount > 1000 }")}
        {Flow("toMid", "gw", "mid", "amount > 100")}
        {Flow("toLow", "gw", "low")}
        {Flow("e1", "high", "end")}{Flow("e2", "mid", "end")}{Flow("e3", "low", "end")}
        """;

    [Theory]
    [InlineData(5000, "high", "toHigh")]
    [InlineData(500, "mid", "toMid")]
    [InlineData(5, "low", "toLow")]
    public void ExclusiveGateway_TakesFirstTrueCondition_ElseDefaultFlow(int amount, string task, string flow)
    {
        var s = Scenario.Of(Exclusive).Start(new { amount });

        s.OpenTasks.Should().Equal(task);
        s.Journal.Should().ContainSingle(j => j.Kind == JournalKind.GatewayDecision && j.NodeId == "gw").Which.Detail.Should().Be($"took {flow}");
    }

    [Fact]
    public void ExclusiveGateway_WithoutMatchAndDefault_RaisesIncident()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><exclusiveGateway id="gw" /><endEvent id="a" /><endEvent id="b" />
            {Flow("f0", "start", "gw")}{Flow("fa", "gw", "a", "x == 1")}{Flow("fb", "gw", "b", "x == 2")}
            """).Start(new { x = 3 });

        s.EffectsOf<RaiseIncident>().Single().ActivityId.Should().Be("gw");
        s.State.Status.Should().Be(InstanceStatus.Running);
    }

    private static readonly string Parallel = $"""
        <startEvent id="start" />
        <parallelGateway id="fork" />
        <userTask id="a" /><userTask id="b" /><userTask id="c" />
        <parallelGateway id="join" />
        <userTask id="after" />
        <endEvent id="end" />
        {Flow("f0", "start", "fork")}{Flow("fa", "fork", "a")}{Flow("fb", "fork", "b")}{Flow("fc", "fork", "c")}
        {Flow("ja", "a", "join")}{Flow("jb", "b", "join")}{Flow("jc", "c", "join")}
        {Flow("f1", "join", "after")}{Flow("f2", "after", "end")}
        """;

    [Fact]
    public void ParallelJoin_WaitsForEveryIncomingToken()
    {
        var s = Scenario.Of(Parallel).Start();
        s.OpenTasks.Should().BeEquivalentTo(["a", "b", "c"]);

        s.Complete("a").Complete("c");
        s.OpenTasks.Should().Equal("b");
        s.State.Tokens.Should().Contain(t => t.NodeId == "join" && t.State == TokenState.Joining);

        s.Complete("b");

        s.OpenTasks.Should().Equal("after");
        s.State.Tokens.Should().ContainSingle();
        s.Journal.Should().Contain(j => j.Kind == JournalKind.GatewayDecision && j.NodeId == "join" && j.Detail!.StartsWith("joined"));
    }

    private static readonly string Inclusive = $"""
        <startEvent id="start" />
        <inclusiveGateway id="fork" />
        <userTask id="a" /><userTask id="b" /><userTask id="c" />
        <inclusiveGateway id="join" />
        <userTask id="after" />
        <endEvent id="end" />
        {Flow("f0", "start", "fork")}
        {Flow("fa", "fork", "a", "wantA")}{Flow("fb", "fork", "b", "wantB")}{Flow("fc", "fork", "c", "wantC")}
        {Flow("ja", "a", "join")}{Flow("jb", "b", "join")}{Flow("jc", "c", "join")}
        {Flow("f1", "join", "after")}{Flow("f2", "after", "end")}
        """;

    [Fact]
    public void InclusiveGateway_ForksOnEveryTrueCondition()
    {
        var s = Scenario.Of(Inclusive).Start(new { wantA = true, wantB = false, wantC = true });

        s.OpenTasks.Should().BeEquivalentTo(["a", "c"]);
    }

    [Fact]
    public void InclusiveJoin_WaitsOnlyForTokensThatCanStillArrive()
    {
        var s = Scenario.Of(Inclusive).Start(new { wantA = true, wantB = false, wantC = true });

        s.Complete("a");
        s.OpenTasks.Should().Equal("c");

        s.Complete("c");

        s.OpenTasks.Should().Equal(["after"], "b was never activated, so the join does not wait for it");
    }

    [Fact]
    public void InclusiveJoin_WithSingleActiveBranch_PassesImmediately()
    {
        var s = Scenario.Of(Inclusive).Start(new { wantA = false, wantB = true, wantC = false });

        s.Complete("b");

        s.OpenTasks.Should().Equal("after");
    }

    [Fact]
    public void EventBasedGateway_FirstEventWins_AndCancelsTheOthers()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" />
            <eventBasedGateway id="race" />
            <intermediateCatchEvent id="reply" sf:correlationKey="ticket"><messageEventDefinition messageRef="msgReply" /></intermediateCatchEvent>
            <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <userTask id="answered" /><userTask id="chase" /><endEvent id="end" />
            {Flow("e1", "answered", "end")}{Flow("e2", "chase", "end")}
            {Flow("f0", "start", "race")}{Flow("f1", "race", "reply")}{Flow("f2", "race", "timeout")}
            {Flow("f3", "reply", "answered")}{Flow("f4", "timeout", "chase")}
            """, """<message id="msgReply" name="customer-reply" />""").Start(new { ticket = "T-42" });

        s.EffectsOf<SubscribeMessage>().Single().Should().BeEquivalentTo(new { MessageName = "customer-reply", CorrelationKey = "T-42" });
        var timer = s.EffectsOf<ScheduleTimer>().Single();
        timer.DueAt.Should().Be(Scenario.T0.AddDays(2));

        s.Correlate("reply", new { text = "thanks" });

        s.OpenTasks.Should().Equal("answered");
        s.Last.Effects.Should().ContainEquivalentOf(new CancelTimer(timer.TimerId));
        s.Journal.Should().Contain(j => j.Kind == JournalKind.GatewayDecision && j.Detail == "reply won");
        s.Run(new FireTimer(timer.TimerId)).Last.Ignored.Should().BeTrue("the losing timer firing late changes nothing");
    }

    [Fact]
    public void InclusiveJoin_WaitsForATokenStillUpstreamOnALongerPath()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><inclusiveGateway id="fork" />
            <userTask id="a" /><userTask id="b1" /><userTask id="b2" />
            <inclusiveGateway id="join" /><userTask id="after" /><endEvent id="end" />
            {Flow("f0", "start", "fork")}{Flow("fa", "fork", "a", "true")}{Flow("fb", "fork", "b1", "true")}
            {Flow("fb2", "b1", "b2")}{Flow("ja", "a", "join")}{Flow("jb", "b2", "join")}
            {Flow("f1", "join", "after")}{Flow("f2", "after", "end")}
            """).Start();

        s.Complete("a").Complete("b1");
        s.OpenTasks.Should().Equal(["b2"], "the token at b2 can still reach the join");

        s.Complete("b2");

        s.OpenTasks.Should().Equal("after");
        s.State.Tokens.Should().ContainSingle();
    }
}
