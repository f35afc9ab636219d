using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class ConditionalScenarios
{
    private static string Cond(string expression) => $"<conditionalEventDefinition><condition>{expression}</condition></conditionalEventDefinition>";

    [Fact]
    public void ConditionalCatch_WaitsUntilAVariableChangeMakesItTrue()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><parallelGateway id="fork" />
            <intermediateCatchEvent id="approved">{{Cond("${ approval === 'yes' }")}}</intermediateCatchEvent>
            <userTask id="ship" /><userTask id="decide" /><endEvent id="end" /><endEvent id="end2" />
            {{Flow("f0", "start", "fork")}}{{Flow("f1", "fork", "approved")}}{{Flow("f2", "approved", "ship")}}{{Flow("f3", "ship", "end")}}
            {{Flow("f4", "fork", "decide")}}{{Flow("f5", "decide", "end2")}}
            """).Start();

        s.OpenTasks.Should().Equal(["decide"], "approval is not set yet: a condition that cannot be evaluated counts as false");
        s.EffectsOf<RaiseIncident>().Should().BeEmpty();
        s.State.Waits.Should().ContainSingle(w => w.Kind == WaitKind.Conditional && w.ActivityId == "approved");

        s.Complete("decide", new { approval = "yes" });

        s.OpenTasks.Should().Equal("ship");
        s.Journal.Should().Contain(j => j.NodeId == "approved" && j.Detail == "condition became true");
    }

    [Fact]
    public void ConditionalCatch_ThatHoldsOnArrival_PassesAtOnce()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><intermediateCatchEvent id="check">{{Cond("amount > 10")}}</intermediateCatchEvent><userTask id="t" /><endEvent id="end" />
            {{Chain("start", "check", "t", "end")}}
            """).Start(new { amount = 50 });

        s.OpenTasks.Should().Equal("t");
    }

    [Fact]
    public void NonInterruptingConditionalBoundary_FiresOncePerBecomingTrue()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><parallelGateway id="fork" /><userTask id="work" /><userTask id="update" />
            <boundaryEvent id="hot" attachedToRef="work" cancelActivity="false">{{Cond("priority === 1")}}</boundaryEvent>
            <userTask id="page" /><endEvent id="end" /><endEvent id="end2" /><endEvent id="end3" />
            {{Flow("f0", "start", "fork")}}{{Flow("f1", "fork", "work")}}{{Flow("f2", "fork", "update")}}{{Flow("f3", "work", "end")}}
            {{Flow("f4", "update", "end2")}}{{Flow("b1", "hot", "page")}}{{Flow("b2", "page", "end3")}}
            """).Start(new { priority = 3 });

        s.Complete("update", new { priority = 1 });
        s.OpenTasks.Should().BeEquivalentTo(["work", "page"]);

        s.Complete("page", new { note = "still priority 1" });
        s.OpenTasks.Should().Equal(["work"], "the condition stayed true: it does not fire again");

        s.Run(new CompleteUserTask(s.WaitId("work", WaitKind.UserTask)));
        s.State.Waits.Should().BeEmpty("leaving the task ends its conditional boundary");
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }

    [Fact]
    public void InterruptingConditionalEventSubProcess_CancelsTheScopeWhenTheConditionBecomesTrue()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><parallelGateway id="fork" /><userTask id="work" /><userTask id="edit" />
            <endEvent id="end" /><endEvent id="end2" />
            {{Flow("f0", "start", "fork")}}{{Flow("f1", "fork", "work")}}{{Flow("f2", "fork", "edit")}}{{Flow("f3", "work", "end")}}{{Flow("f4", "edit", "end2")}}
            <subProcess id="onWithdraw" triggeredByEvent="true">
              <startEvent id="withdrawn">{{Cond("withdrawn === true")}}</startEvent><userTask id="close" /><endEvent id="we" />
              {{ChainNamed("w", "withdrawn", "close", "we")}}
            </subProcess>
            """).Start(new { withdrawn = false });

        s.Complete("edit", new { withdrawn = true });

        s.OpenTasks.Should().Equal("close");
        s.EffectsOf<CancelUserTask>().Should().ContainSingle();
    }

    [Fact]
    public void ConditionalBranchOfAnEventBasedGateway_WinsWhenItBecomesTrue()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><parallelGateway id="fork" /><eventBasedGateway id="race" />
            <intermediateCatchEvent id="paid">{{Cond("paid === true")}}</intermediateCatchEvent>
            <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P7D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <userTask id="pay" /><userTask id="ship" /><userTask id="remind" /><endEvent id="end" /><endEvent id="end2" />
            {{Flow("f0", "start", "fork")}}{{Flow("f1", "fork", "race")}}{{Flow("f2", "fork", "pay")}}{{Flow("f3", "pay", "end2")}}
            {{Flow("r1", "race", "paid")}}{{Flow("r2", "race", "timeout")}}{{Flow("r3", "paid", "ship")}}{{Flow("r4", "timeout", "remind")}}
            {{Flow("e1", "ship", "end")}}{{Flow("e2", "remind", "end")}}
            """).Start(new { paid = false });

        s.Complete("pay", new { paid = true });

        s.OpenTasks.Should().Equal("ship");
        s.EffectsOf<CancelTimer>().Should().ContainSingle();
    }
}
