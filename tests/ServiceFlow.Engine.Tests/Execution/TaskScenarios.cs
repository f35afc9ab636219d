using System.Text.Json;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class TaskScenarios
{
    [Fact]
    public void UserTask_CreatesInboxTask_AndCompletesInstanceWhenDone()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <userTask id="approve" name="Approve" sf:candidateGroups="managers, l2" sf:candidateUsers="ann" sf:assignee="${ requester }"
                      sf:formKey="approve-form" sf:priority="${ amount > 100 ? 1 : 3 }" sf:dueIn="PT4H"><documentation>Look at it</documentation></userTask>
            <endEvent id="end" />
            {{Chain("start", "approve", "end")}}
            """);

        s.Start(new { requester = "bob", amount = 500 });

        var task = s.EffectsOf<CreateUserTask>().Single();
        task.Should().BeEquivalentTo(new
        {
            ActivityId = "approve",
            Name = "Approve",
            CandidateGroups = new[] { "managers", "l2" },
            CandidateUsers = new[] { "ann" },
            Assignee = "bob",
            FormKey = "approve-form",
            Priority = 1,
            DueIn = TimeSpan.FromHours(4),
            DueAt = Scenario.T0.AddHours(4),
            Documentation = "Look at it",
        });
        s.State.Status.Should().Be(InstanceStatus.Running);

        s.Complete("approve", new { approved = true }, user: "ann");

        s.State.Status.Should().Be(InstanceStatus.Completed);
        s.Var("approved").GetBoolean().Should().BeTrue();
        s.Journal.Should().Contain(j => j.Kind == JournalKind.CommandReceived && j.Detail!.Contains("by ann"));
        s.Entered.Should().Equal("start", "approve", "end");
        s.Journal.Where(j => j.Kind == JournalKind.NodeLeft).Select(j => j.NodeId).Should().Equal("start", "approve", "end");
        s.Last.Effects.Should().ContainSingle().Which.Should().BeOfType<InstanceCompleted>();
    }

    [Fact]
    public void ServiceTask_EmitsJobWithSfAttributesAndEvaluatedInputs_AndWaitsForIt()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" />
            <serviceTask id="notify" sf:type="log" sf:template="ticket-created">
              <extensionElements><sf:input name="to" expression="requester.email" /><sf:input name="level" value="info" /></extensionElements>
            </serviceTask>
            <endEvent id="end" />
            {Chain("start", "notify", "end")}
            """);

        s.Start(new { requester = new { email = "a@b.c" } });

        var job = s.EffectsOf<ExecuteJob>().Single();
        job.JobType.Should().Be("log");
        job.Properties["template"].GetString().Should().Be("ticket-created");
        job.Properties["to"].GetString().Should().Be("a@b.c");
        job.Properties["level"].GetString().Should().Be("info");

        s.CompleteJob("notify", new { sent = 1 });

        s.State.Status.Should().Be(InstanceStatus.Completed);
        s.Var("sent").GetInt32().Should().Be(1);
    }

    [Fact]
    public void SendTask_DefaultsToMailJobType()
    {
        var s = Scenario.Of($"""<startEvent id="start" /><sendTask id="mail" sf:template="welcome" /><endEvent id="end" />{Chain("start", "mail", "end")}""");

        s.Start();

        s.EffectsOf<ExecuteJob>().Single().JobType.Should().Be("mail");
    }

    [Fact]
    public void ScriptTask_RunsJavaScript_AndStoresResultVariable()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" />
            <scriptTask id="calc" scriptFormat="javascript" sf:resultVariable="total"><script>items.reduce((a, b) => a + b, 0) * 2</script></scriptTask>
            <endEvent id="end" />
            {Chain("start", "calc", "end")}
            """);

        s.Start(new { items = new[] { 1, 2, 3 } });

        s.Var("total").GetInt32().Should().Be(12);
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }

    [Fact]
    public void AsyncBefore_SchedulesContinuation_AndRunsTheActivityOnlyWhenContinued()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" />
            <serviceTask id="work" sf:type="log" camunda:asyncBefore="true" />
            <endEvent id="end" />
            {Chain("start", "work", "end")}
            """);

        s.Start();
        s.EffectsOf<ExecuteJob>().Should().BeEmpty();
        var continuation = s.EffectsOf<ScheduleContinuation>().Single();

        s.Run(new ContinueAsync(continuation.ContinuationId));

        s.EffectsOf<ExecuteJob>().Should().ContainSingle();
    }

    [Fact]
    public void ClockAttribute_EmitsClockActionEffectsOnEntry()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" sf:clock="start:resolution; start:first-response" />
            <userTask id="work" sf:clock="stop:first-response" />
            <endEvent id="end" />
            {Chain("start", "work", "end")}
            """);

        s.Start();

        s.EffectsOf<ClockAction>().Should().Equal(
            new ClockAction("start", "start", "resolution"), new ClockAction("start", "start", "first-response"), new ClockAction("work", "stop", "first-response"));
        s.Journal.Should().Contain(j => j.Kind == JournalKind.ClockAction && j.Detail == "stop:first-response");
    }

    [Fact]
    public void CompletingUnknownTask_IsIgnored_AndChangesNothing()
    {
        var s = Scenario.Of($"""<startEvent id="start" /><userTask id="t" /><endEvent id="end" />{Chain("start", "t", "end")}""");
        s.Start();
        var before = InstanceStateJson.Serialize(s.State);

        s.Run(new CompleteUserTask("task-999"));

        s.Last.Ignored.Should().BeTrue();
        InstanceStateJson.Serialize(s.State).Should().Be(before);
    }

    [Fact]
    public void Ids_AreDeterministic_ForTheSameInputs()
    {
        var xml = $"""<startEvent id="start" /><userTask id="t" /><endEvent id="end" />{Chain("start", "t", "end")}""";
        var a = Scenario.Of(xml).Start(new { x = 1 });
        var b = Scenario.Of(xml).Start(new { x = 1 });

        JsonSerializer.Serialize(a.Effects, InstanceStateJson.Options).Should().Be(JsonSerializer.Serialize(b.Effects, InstanceStateJson.Options));
        InstanceStateJson.Serialize(a.State).Should().Be(InstanceStateJson.Serialize(b.State));
    }
}
