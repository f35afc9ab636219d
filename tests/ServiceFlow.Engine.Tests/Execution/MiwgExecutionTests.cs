using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Parsing;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Validation;

namespace ServiceFlow.Engine.Tests.Execution;

/// <summary>
/// The MIWG reference models, run: every process a host would run from each file is driven by answering its waits
/// (tasks done, jobs done, timers fired, messages and signals delivered) until it ends or stops on an incident. It
/// must never throw, and once it has ended nothing it asked the host for may be left open.
/// </summary>
public class MiwgExecutionTests
{
    public static TheoryData<string> Models() => MiwgModelTests.Models();

    [Theory]
    [MemberData(nameof(Models))]
    public void MiwgProcess_RunsToAnEndOrAClearIncident_LeavingNothingBehind(string file)
    {
        var document = BpmnParser.Parse(File.ReadAllText(Path.Combine(RepoPaths.MiwgFolder, file)));
        BpmnValidator.Validate(document); // must not throw, whatever it finds

        foreach (var process in BpmnValidator.Runnable(document).Where(p => p.NodesInScope(null).Any(n => n.Kind == Model.NodeKind.StartEvent)))
        {
            // A valid model must end or stop on an incident; an invalid one (a host refuses to publish it) may also
            // loop on its unconditioned gateways, but must not throw either.
            var valid = !BpmnValidator.ValidateProcess(process).Any(i => i.Severity == Severity.Error);
            var (s, answered) = Drive(process);

            if (s.State.Status == InstanceStatus.Running && !valid)
            {
                continue;
            }

            if (s.State.Status == InstanceStatus.Running)
            {
                s.State.Incidents.Should().NotBeEmpty($"{file} / {process.Id} neither ended nor stopped on an incident; waits: "
                    + string.Join(", ", s.State.Waits.Select(w => $"{w.Kind}@{w.ActivityId}")));
                s.State.Incidents.Should().OnlyContain(i => i.Message.Length > 0 && process.Nodes.ContainsKey(i.ActivityId));
                continue;
            }

            s.State.Tokens.Should().BeEmpty();
            s.State.Waits.Should().BeEmpty();
            s.State.Scopes.Should().BeEmpty();
            OpenBookmarks(s, answered).Should().BeEmpty($"{file} / {process.Id} ended; the host must have been told to drop everything it still holds");
        }
    }

    [Fact]
    public void MiwgModelsThatValidate_RunToTheirEnd()
    {
        var valid = Directory.GetFiles(RepoPaths.MiwgFolder, "*.bpmn").Order(StringComparer.Ordinal)
            .SelectMany(f => BpmnValidator.Runnable(BpmnParser.Parse(File.ReadAllText(f))).Select(p => (File: Path.GetFileName(f), Process: p)))
            .Where(x => !BpmnValidator.ValidateProcess(x.Process).Any(i => i.Severity == Severity.Error))
            .ToList();

        valid.Select(x => x.File).Should().Contain(["A.1.0.bpmn", "A.4.0.bpmn", "A.4.1.bpmn", "B.1.0.bpmn", "C.2.0.bpmn", "C.9.1.bpmn"]);
        valid.Select(x => (x.File, Drive(x.Process).Scenario.State.Status)).Should().OnlyContain(x => x.Status == InstanceStatus.Completed);
    }

    private static (Scenario Scenario, HashSet<string> Answered) Drive(Model.ProcessDefinition process)
    {
        var s = new Scenario(process).Start(new { approved = true, amount = 10 });
        var answered = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < 60 && s.State.Status == InstanceStatus.Running && NextWait(s, answered) is { } wait; round++)
        {
            answered.Add(wait.Id);
            s.Run(Answer(wait));
        }

        return (s, answered);
    }

    /// <summary>The first wait the host would answer: conditions and compensations are the engine's own.</summary>
    private static WaitItem? NextWait(Scenario s, HashSet<string> answered) =>
        s.State.Waits.FirstOrDefault(w => w.Kind is not (WaitKind.Conditional or WaitKind.Compensation) && !answered.Contains(w.Id));

    private static EngineCommand Answer(WaitItem wait) => wait.Kind switch
    {
        WaitKind.UserTask => new CompleteUserTask(wait.Id),
        WaitKind.Job => new CompleteJob(wait.Id),
        WaitKind.Timer => new FireTimer(wait.Id),
        WaitKind.Message => new CorrelateMessage(wait.Id),
        WaitKind.Signal => new ReceiveSignal(wait.Id),
        WaitKind.Continuation => new ContinueAsync(wait.Id),
        _ => new ChildCompleted(wait.Id),
    };

    /// <summary>Tasks, timers and subscriptions the host was asked to create and never told to drop, nor answered.</summary>
    private static List<string> OpenBookmarks(Scenario s, HashSet<string> answered)
    {
        var opened = s.Effects.Select(e => e switch
        {
            CreateUserTask t => t.TaskId,
            ScheduleTimer t => t.TimerId,
            SubscribeMessage m => m.SubscriptionId,
            SubscribeSignal m => m.SubscriptionId,
            StartChildInstance c => c.CallId,
            _ => null,
        }).OfType<string>();
        var closed = s.Effects.Select(e => e switch
        {
            CancelUserTask t => t.TaskId,
            CancelTimer t => t.TimerId,
            UnsubscribeMessage m => m.SubscriptionId,
            UnsubscribeSignal m => m.SubscriptionId,
            CancelChildInstance c => c.CallId,
            _ => null,
        }).OfType<string>().Concat(answered).ToHashSet(StringComparer.Ordinal);
        return [.. opened.Where(id => !closed.Contains(id))];
    }
}
