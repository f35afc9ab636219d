using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Migration;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Migration;

public class MigrationTests
{
    private static readonly string V1 = $"""<startEvent id="start" /><userTask id="review" /><endEvent id="end" />{Chain("start", "review", "end")}""";

    private static readonly string V2 = $"""
        <startEvent id="start" /><userTask id="check" /><userTask id="notify" /><endEvent id="end" />
        {Chain("start", "check", "notify", "end")}
        """;

    private static readonly Dictionary<string, string> NoMap = [];

    [Fact]
    public void Migrate_MovesTokensThroughTheNodeMap_KeepingTaskIds()
    {
        var s = new Scenario(Process(V1)).Start();
        var taskId = s.WaitId("review", WaitKind.UserTask);
        var v2 = Process(V2);

        var result = InstanceMigrator.Migrate(s.State, Process(V1), v2, new Dictionary<string, string> { ["review"] = "check" });

        result.Succeeded.Should().BeTrue();
        result.State!.Waits.Single().Should().BeEquivalentTo(new { Id = taskId, ActivityId = "check" });

        var step = ProcessInterpreter.Execute(v2, result.State, new CompleteUserTask(taskId), Scenario.T0);
        step.Effects.OfType<CreateUserTask>().Single().ActivityId.Should().Be("notify", "the instance continues on the new version");
    }

    [Fact]
    public void Migrate_ReportsTokensOnNodesMissingFromTheTarget()
    {
        var s = new Scenario(Process(V1)).Start();

        var result = InstanceMigrator.Migrate(s.State, Process(V1), Process(V2), NoMap);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainMatch("*'review' does not exist in the target version*");
    }

    [Fact]
    public void Migrate_RejectsIncompatibleNodeKinds()
    {
        var s = new Scenario(Process(V1)).Start();
        var v3 = Process($"""<startEvent id="start" /><serviceTask id="review" sf:type="log" /><endEvent id="end" />{Chain("start", "review", "end")}""");

        var result = InstanceMigrator.Migrate(s.State, Process(V1), v3, NoMap);

        result.Errors.Should().Contain(e => e.StartsWith("token ") && e.Contains("userTask") && e.Contains("serviceTask"));
    }

    [Fact]
    public void Migrate_RejectsMovingATokenOutOfItsSubProcess()
    {
        var inSub = Process("""
            <startEvent id="start" /><subProcess id="sub"><startEvent id="s1" /><userTask id="review" /><endEvent id="e1" />
              <sequenceFlow id="i1" sourceRef="s1" targetRef="review" /><sequenceFlow id="i2" sourceRef="review" targetRef="e1" /></subProcess>
            <endEvent id="end" /><sequenceFlow id="f1" sourceRef="start" targetRef="sub" /><sequenceFlow id="f2" sourceRef="sub" targetRef="end" />
            """);
        var flat = Process($"""<startEvent id="start" /><subProcess id="sub"><startEvent id="s1" /><endEvent id="e1" /><sequenceFlow id="i1" sourceRef="s1" targetRef="e1" /></subProcess><userTask id="review" /><endEvent id="end" />{Chain("start", "sub", "review", "end")}""");
        var s = new Scenario(inSub).Start();

        var result = InstanceMigrator.Migrate(s.State, inSub, flat, NoMap);

        result.Errors.Should().ContainMatch("*lies in scope '(process)'*");
    }

    [Fact]
    public void Migrate_KeepsMultiInstancePassesRunning()
    {
        const string Loop = """<multiInstanceLoopCharacteristics sf:collection="people" sf:elementVariable="who" />""";
        var v1 = Process($"""<startEvent id="start" /><userTask id="review">{Loop}</userTask><endEvent id="end" />{Chain("start", "review", "end")}""");
        var v2 = Process($"""<startEvent id="start" /><userTask id="review">{Loop}</userTask><userTask id="notify" /><endEvent id="end" />{Chain("start", "review", "notify", "end")}""");
        var s = new Scenario(v1).Start(new { people = new[] { "ann", "bob" } });

        var result = InstanceMigrator.Migrate(s.State, v1, v2, NoMap);

        result.Errors.Should().BeEmpty();
        var state = result.State!;
        foreach (var task in s.EffectsOf<CreateUserTask>())
        {
            state = ProcessInterpreter.Execute(v2, state, new CompleteUserTask(task.TaskId), Scenario.T0).State;
        }

        state.Waits.Should().ContainSingle().Which.ActivityId.Should().Be("notify");
    }
}
