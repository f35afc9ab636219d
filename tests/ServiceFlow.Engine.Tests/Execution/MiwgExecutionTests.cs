using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Parsing;
using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Execution;

public class MiwgExecutionTests
{
    public static TheoryData<string> Models() => MiwgModelTests.Models();

    /// <summary>Real-world models full of unsupported elements must produce incidents, never exceptions or hangs.</summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void MiwgProcess_RunsToAWaitOrIncident_WithoutThrowing(string file)
    {
        var document = BpmnParser.Parse(File.ReadAllText(Path.Combine(RepoPaths.MiwgFolder, file)));

        foreach (var process in document.Processes.Where(p => p.NodesInScope(null).Any(n => n.Kind == NodeKind.StartEvent)))
        {
            var s = new Scenario(process).Start(new { approved = true, amount = 10 });
            for (var round = 0; round < 20 && s.State.Waits.Count > 0; round++)
            {
                var wait = s.State.Waits[0];
                s.Run(wait.Kind switch
                {
                    WaitKind.UserTask => new CompleteUserTask(wait.Id),
                    WaitKind.Job => new CompleteJob(wait.Id),
                    WaitKind.Timer => new FireTimer(wait.Id),
                    WaitKind.Message => new CorrelateMessage(wait.Id),
                    WaitKind.Continuation => new ContinueAsync(wait.Id),
                    _ => new ChildCompleted(wait.Id),
                });
            }

            s.Journal.Should().NotBeEmpty();
        }
    }
}
