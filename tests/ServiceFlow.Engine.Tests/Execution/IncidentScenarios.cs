using System.Diagnostics;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class IncidentScenarios
{
    [Fact]
    public void LoopWithoutWaitState_IsStoppedAfterMaxSteps_AsIncident()
    {
        var options = new InterpreterOptions { MaxStepsPerCommand = 50 };
        var s = Scenario.Of($"""
            <startEvent id="start" /><exclusiveGateway id="gw" default="back" /><scriptTask id="count" sf:resultVariable="n"><script>n + 1</script></scriptTask>
            <endEvent id="end" />
            {Flow("f0", "start", "count")}{Flow("f1", "count", "gw")}{Flow("back", "gw", "count")}{Flow("out", "gw", "end", "n > 1000000")}
            """, options: options).Start(new { n = 0 });

        s.EffectsOf<RaiseIncident>().Single().Message.Should().Contain("50 steps");
        s.State.Status.Should().Be(InstanceStatus.Running);
        s.State.Incidents.Should().ContainSingle();
    }

    [Theory]
    [InlineData("(function(){ while(true){} })()")]
    [InlineData("/^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')")]
    public void EndlessExpression_BecomesIncident_WithinTheTimeLimit(string endless)
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><exclusiveGateway id="gw" default="b" /><endEvent id="a" /><endEvent id="bEnd" />
            {Flow("f0", "start", "gw")}{Flow("fa", "gw", "a", endless)}{Flow("b", "gw", "bEnd")}
            """);
        var watch = Stopwatch.StartNew();

        s.Start();

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        s.EffectsOf<RaiseIncident>().Single().Should().BeEquivalentTo(new { ActivityId = "gw" });
    }

    [Theory]
    [InlineData("undefinedVariable > 1")]
    [InlineData("(() => { throw new Error('nope'); })()")]
    [InlineData("function f(){ return f(); } f()")]
    [InlineData("let a = []; while (true) { a.push('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'); }")]
    public void FailingExpression_BecomesIncident_NeverAnException(string condition)
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><exclusiveGateway id="gw" default="b" /><endEvent id="a" /><endEvent id="bEnd" />
            {Flow("f0", "start", "gw")}{Flow("fa", "gw", "a", condition)}{Flow("b", "gw", "bEnd")}
            """);

        s.Start();

        s.EffectsOf<RaiseIncident>().Should().ContainSingle();
    }

    [Fact]
    public void ScriptCannotReachTheClr()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><scriptTask id="evil" sf:resultVariable="r"><script>System.IO.File.ReadAllText('/etc/passwd')</script></scriptTask><endEvent id="end" />
            {Chain("start", "evil", "end")}
            """);

        s.Start();

        s.EffectsOf<RaiseIncident>().Should().ContainSingle();
        s.State.Variables.Should().NotContainKey("r");
    }

    [Fact]
    public void FailedJob_RaisesIncident_AndRetryRunsTheActivityAgain()
    {
        var s = Scenario.Of($"""<startEvent id="start" /><serviceTask id="call" sf:type="http" /><endEvent id="end" />{Chain("start", "call", "end")}""").Start();
        var firstJob = s.EffectsOf<ExecuteJob>().Single();

        s.Run(new FailJob(firstJob.JobId, "503 from upstream"));
        var incident = s.EffectsOf<RaiseIncident>().Single();
        incident.Message.Should().Be("503 from upstream");
        s.State.Tokens.Single().State.Should().Be(TokenState.Incident);

        s.Run(new RetryIncident(incident.IncidentId));

        var secondJob = s.EffectsOf<ExecuteJob>().Last();
        secondJob.JobId.Should().NotBe(firstJob.JobId);
        s.State.Incidents.Should().BeEmpty();
        s.CompleteJob("call");
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }

    [Fact]
    public void IncidentOnLeavingCondition_RetryReevaluatesOnlyTheOutgoingFlows()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" /><userTask id="t" /><endEvent id="end" />
            {Flow("f0", "start", "t")}{Flow("f1", "t", "end", "decision == 'ok'")}
            """).Start();

        s.Complete("t");
        var incident = s.EffectsOf<RaiseIncident>().Single();

        s.Run(new RetryIncident(incident.IncidentId));
        s.EffectsOf<CreateUserTask>().Should().ContainSingle("a leave retry does not recreate the task");
    }
}
