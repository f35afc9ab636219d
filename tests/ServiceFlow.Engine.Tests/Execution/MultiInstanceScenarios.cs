using System.Text.Json;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class MultiInstanceScenarios
{
    private static string Approvals(string loop, string extra = "") => $$"""
        <startEvent id="start" />
        <userTask id="approve" sf:assignee="${ approver }">{{loop}}</userTask>
        {{extra}}
        <userTask id="after" /><endEvent id="end" />
        {{Chain("start", "approve", "after", "end")}}
        """;

    [Fact]
    public void ParallelOverACollection_CompletionCondition_CancelsTheRest_AndCollectsOutputs()
    {
        var s = Scenario.Of(Approvals("""
            <multiInstanceLoopCharacteristics sf:collection="approvers" sf:elementVariable="approver"
                sf:outputCollection="votes" sf:outputElement="${ approver + ':' + vote }">
              <completionCondition>${ nrOfCompletedInstances >= 2 }</completionCondition>
            </multiInstanceLoopCharacteristics>
            """)).Start(new { approvers = new[] { "ann", "bob", "cy" } });

        var tasks = s.EffectsOf<CreateUserTask>().ToList();
        tasks.Select(t => t.Assignee).Should().Equal("ann", "bob", "cy");
        s.Journal.Should().Contain(j => j.Kind == JournalKind.GatewayDecision && j.Detail == "parallel multi-instance of 3");

        s.Run(new CompleteUserTask(tasks[2].TaskId, Scenario.Vars(new { vote = "yes" })));
        s.OpenTasks.Should().BeEquivalentTo(["approve", "approve"]);
        s.Run(new CompleteUserTask(tasks[0].TaskId, Scenario.Vars(new { vote = "no" })));

        s.Last.Effects.Should().ContainEquivalentOf(new CancelUserTask(tasks[1].TaskId), "two of three is enough");
        s.OpenTasks.Should().Equal("after");
        s.Var("votes").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString())
            .Should().Equal("ann:no", null, "cy:yes");
        s.State.Variables.Should().NotContainKeys("approver", "loopCounter", "nrOfInstances");
        s.State.Scopes.Should().BeEmpty();
    }

    [Fact]
    public void Sequential_RunsOneInstanceAtATime_WithItsOwnLoopCounterAndElement()
    {
        var s = Scenario.Of(Approvals("""
            <multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${ approvers }" camunda:elementVariable="approver" />
            """)).Start(new { approvers = new[] { "ann", "bob" } });

        s.EffectsOf<CreateUserTask>().Select(t => t.Assignee).Should().Equal("ann");
        s.Complete("approve");
        s.EffectsOf<CreateUserTask>().Select(t => t.Assignee).Should().Equal("ann", "bob");
        s.Complete("approve");

        s.OpenTasks.Should().Equal("after");
        s.Journal.Where(j => j.Kind == JournalKind.NodeLeft && j.NodeId == "approve").Select(j => j.Detail)
            .Should().Equal("pass 1 done", "pass 2 done", "f2");
    }

    [Fact]
    public void LoopCardinality_OnAScriptTask_GivesEachPassItsLoopCounter()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <scriptTask id="square" sf:resultVariable="last">
              <multiInstanceLoopCharacteristics isSequential="true" sf:outputCollection="squares" sf:outputElement="loopCounter * loopCounter">
                <loopCardinality>${ size }</loopCardinality>
              </multiInstanceLoopCharacteristics>
              <script>loopCounter + ' of ' + nrOfInstances</script>
            </scriptTask>
            <endEvent id="end" />
            {{Chain("start", "square", "end")}}
            """).Start(new { size = 4 });

        s.State.Status.Should().Be(InstanceStatus.Completed);
        s.Var("squares").EnumerateArray().Select(v => v.GetInt32()).Should().Equal(0, 1, 4, 9);
        s.Var("last").GetString().Should().Be("3 of 4");
    }

    [Fact]
    public void EmptyCollection_SkipsTheActivity()
    {
        var s = Scenario.Of(Approvals("""<multiInstanceLoopCharacteristics sf:collection="approvers" sf:elementVariable="approver" />"""))
            .Start(new { approvers = Array.Empty<string>() });

        s.OpenTasks.Should().Equal("after");
        s.EffectsOf<CreateUserTask>().Should().ContainSingle();
    }

    [Fact]
    public void CollectionThatIsNotAnArray_IsAnIncident_AndRetryStartsOver()
    {
        var s = Scenario.Of(Approvals("""<multiInstanceLoopCharacteristics sf:collection="approvers" sf:elementVariable="approver" />"""))
            .Start(new { approvers = "ann" });

        var incident = s.EffectsOf<RaiseIncident>().Should().ContainSingle().Subject;
        incident.Message.Should().Contain("collection of 'approve' is not an array");
        s.State.Scopes.Should().BeEmpty();
    }

    [Fact]
    public void MultiInstanceSubProcess_EachInstanceSeesItsOwnElement_AndAnInterruptingTimerCancelsThemAll()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <subProcess id="each">
              <multiInstanceLoopCharacteristics sf:collection="tickets" sf:elementVariable="ticket" />
              <startEvent id="s2" /><userTask id="handle" sf:assignee="${ ticket.owner }" /><endEvent id="e2" />
              {{Chain("s2", "handle", "e2")}}
            </subProcess>
            <boundaryEvent id="late" attachedToRef="each"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            <userTask id="escalate" /><endEvent id="end" /><endEvent id="end2" />
            {{Flow("o1", "start", "each")}}{{Flow("o2", "each", "end")}}{{Flow("o3", "late", "escalate")}}{{Flow("o4", "escalate", "end2")}}
            """).Start(new { tickets = new[] { new { owner = "ann" }, new { owner = "bob" } } });

        s.EffectsOf<CreateUserTask>().Select(t => t.Assignee).Should().Equal("ann", "bob");
        s.EffectsOf<ScheduleTimer>().Should().ContainSingle("the boundary belongs to the activity, not to each instance");

        s.Fire("late");

        s.OpenTasks.Should().Equal("escalate");
        s.Last.Effects.OfType<CancelUserTask>().Should().HaveCount(2);
        s.State.Scopes.Should().BeEmpty();
        s.State.Tokens.Should().ContainSingle();
    }

    [Fact]
    public void MultiInstanceCallActivity_StartsAChildPerItem_AndWaitsForAll()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <callActivity id="call" calledElement="assess"><multiInstanceLoopCharacteristics sf:collection="items" sf:elementVariable="item" /></callActivity>
            <userTask id="after" /><endEvent id="end" />
            {{Chain("start", "call", "after", "end")}}
            """).Start(new { items = new[] { 10, 20 } });

        var calls = s.EffectsOf<StartChildInstance>().ToList();
        calls.Select(c => c.Variables["item"].GetInt32()).Should().Equal(10, 20);
        calls.Select(c => c.Variables["loopCounter"].GetInt32()).Should().Equal(0, 1);

        s.Run(new ChildCompleted(calls[1].CallId));
        s.OpenTasks.Should().BeEmpty();
        s.Run(new ChildCompleted(calls[0].CallId));

        s.OpenTasks.Should().Equal("after");
    }

    private static readonly string Retry = $$"""
        <startEvent id="start" />
        <scriptTask id="retry" sf:resultVariable="tries">
          <standardLoopCharacteristics loopMaximum="5"><loopCondition>tries &lt; limit</loopCondition></standardLoopCharacteristics>
          <script>tries + 1</script>
        </scriptTask>
        <endEvent id="end" />
        {{Chain("start", "retry", "end")}}
        """;

    [Theory]
    [InlineData(3, 3)]
    [InlineData(99, 5)]
    public void StandardLoop_RepeatsWhileTheConditionHolds_UpToLoopMaximum(int limit, int tries)
    {
        var s = Scenario.Of(Retry).Start(new { tries = 0, limit });

        s.Var("tries").GetInt32().Should().Be(tries);
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }

    [Fact]
    public void StandardLoop_WithTestBefore_MaySkipTheActivity()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <userTask id="again"><standardLoopCharacteristics testBefore="true"><loopCondition>more</loopCondition></standardLoopCharacteristics></userTask>
            <userTask id="after" /><endEvent id="end" />
            {{Chain("start", "again", "after", "end")}}
            """).Start(new { more = false });

        s.OpenTasks.Should().Equal("after");
    }

    [Fact]
    public void ErrorInOneInstanceOfAMultiInstanceSubProcess_IsCaughtByTheActivitysBoundary_CancellingTheOthers()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <subProcess id="each">
              <multiInstanceLoopCharacteristics sf:collection="items" sf:elementVariable="item" />
              <startEvent id="s2" /><exclusiveGateway id="ok" default="fine" /><userTask id="handle" /><endEvent id="e2" />
              <endEvent id="bad"><errorEventDefinition errorRef="broken" /></endEvent>
              {{Flow("i1", "s2", "ok")}}{{Flow("fine", "ok", "handle")}}{{Flow("i2", "ok", "bad", "item < 0")}}{{Flow("i3", "handle", "e2")}}
            </subProcess>
            <boundaryEvent id="failed" attachedToRef="each"><errorEventDefinition errorRef="broken" /></boundaryEvent>
            <userTask id="repair" /><endEvent id="end" /><endEvent id="end2" />
            {{Flow("o1", "start", "each")}}{{Flow("o2", "each", "end")}}{{Flow("o3", "failed", "repair")}}{{Flow("o4", "repair", "end2")}}
            """, """<error id="broken" errorCode="BROKEN" />""").Start(new { items = new[] { 1, -1, 2 } });

        s.OpenTasks.Should().Equal("repair");
        s.EffectsOf<CreateUserTask>().Select(t => t.ActivityId).Should().Equal(["handle", "repair"], "instance 3 was cancelled before it ran");
        s.EffectsOf<CancelUserTask>().Should().ContainSingle("the error in instance 2 cancels instance 1's task");
        s.State.Scopes.Should().BeEmpty();
    }
}
