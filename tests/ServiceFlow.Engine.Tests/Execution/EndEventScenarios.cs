using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class EndEventScenarios
{
    [Fact]
    public void TerminateEnd_EndsTheWholeInstance_AndCancelsEverything()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><parallelGateway id="fork" />
            <userTask id="slow" /><intermediateCatchEvent id="t"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <endEvent id="end" /><endEvent id="kill"><terminateEventDefinition /></endEvent>
            {Flow("f0", "start", "fork")}{Flow("f1", "fork", "slow")}{Flow("f2", "fork", "t")}{Flow("f3", "slow", "end")}{Flow("f4", "t", "kill")}
            """).Start();
        var task = s.EffectsOf<CreateUserTask>().Single();

        s.Fire("t");

        s.State.Status.Should().Be(InstanceStatus.Terminated);
        s.State.Tokens.Should().BeEmpty();
        s.State.Waits.Should().BeEmpty();
        s.Last.Effects.Should().ContainEquivalentOf(new CancelUserTask(task.TaskId));
        s.Last.Effects.Should().ContainSingle(e => e is InstanceTerminated);
        s.Run(new CompleteUserTask(task.TaskId)).Last.Ignored.Should().BeTrue();
    }

    private static string ErrorModel(string boundaryErrorRef) => $$"""
        <startEvent id="start" />
        <subProcess id="outer">
          <startEvent id="os" />
          <subProcess id="inner">
            <startEvent id="is" /><parallelGateway id="fork" /><userTask id="other" />
            <endEvent id="fail"><errorEventDefinition errorRef="errCredit" /></endEvent>
            <sequenceFlow id="i1" sourceRef="is" targetRef="fork" /><sequenceFlow id="i2" sourceRef="fork" targetRef="other" />
            <sequenceFlow id="i3" sourceRef="fork" targetRef="fail" /><sequenceFlow id="i4" sourceRef="other" targetRef="ie" />
            <endEvent id="ie" />
          </subProcess>
          <endEvent id="oe" />
          <sequenceFlow id="o1" sourceRef="os" targetRef="inner" /><sequenceFlow id="o2" sourceRef="inner" targetRef="oe" />
        </subProcess>
        <boundaryEvent id="caught" attachedToRef="outer">{{boundaryErrorRef}}</boundaryEvent>
        <userTask id="handle" /><endEvent id="end" />
        {{Chain("start", "outer", "end")}}{{Flow("c1", "caught", "handle")}}{{Flow("c2", "handle", "end")}}
        """;

    private const string Errors = """<error id="errCredit" errorCode="CREDIT" /><error id="errOther" errorCode="OTHER" />""";

    [Theory]
    [InlineData("""<errorEventDefinition errorRef="errCredit" />""")]
    [InlineData("""<errorEventDefinition />""")]
    public void ErrorEnd_IsCaughtByNearestMatchingBoundary_WalkingUpSubProcesses(string definition)
    {
        var s = Scenario.Of(ErrorModel(definition), Errors).Start();

        s.OpenTasks.Should().Equal("handle");
        s.State.Scopes.Should().BeEmpty();
        s.EffectsOf<CancelUserTask>().Should().ContainSingle("the sibling task inside the inner sub-process is cancelled");
        s.Journal.Should().Contain(j => j.Kind == JournalKind.ErrorThrown && j.NodeId == "fail" && j.Detail == "CREDIT");
    }

    [Fact]
    public void ErrorEnd_Uncaught_FailsTheInstanceWithAnIncident()
    {
        var s = Scenario.Of(ErrorModel("""<errorEventDefinition errorRef="errOther" />"""), Errors).Start();

        s.State.Status.Should().Be(InstanceStatus.Failed);
        s.EffectsOf<InstanceFailed>().Single().Message.Should().Contain("CREDIT");
        s.EffectsOf<RaiseIncident>().Single().ActivityId.Should().Be("fail");
        s.State.Tokens.Should().BeEmpty();
    }
}
