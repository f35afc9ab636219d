using System.Text;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Validation;

namespace ServiceFlow.Engine.Tests.Parsing;

/// <summary>
/// Nesting is the document's to choose; recursion depth must not be. Each hostile case runs on a thread with a
/// 256 KB stack (a sixth of a thread-pool thread's), where 3 000 recursive levels would already overflow.
/// </summary>
public class NestingLimitTests
{
    /// <summary>start → sp1 → end, where sp<i>k</i> holds start → sp<i>k+1</i> → end, and the innermost holds a user task.</summary>
    internal static string NestedSubProcesses(int depth)
    {
        var body = new StringBuilder();
        for (var i = 1; i <= depth; i++)
        {
            body.Append($"""<subProcess id="sp{i}"><startEvent id="s{i}" /><sequenceFlow id="a{i}" sourceRef="s{i}" targetRef="{(i == depth ? "work" : $"sp{i + 1}")}" />""");
        }

        body.Append("""<userTask id="work" />""");
        for (var i = depth; i >= 1; i--)
        {
            body.Append($"""<endEvent id="e{i}" /><sequenceFlow id="b{i}" sourceRef="{(i == depth ? "work" : $"sp{i + 1}")}" targetRef="e{i}" /></subProcess>""");
        }

        return Bpmn.Xml($"""<startEvent id="start" />{body}<endEvent id="end" />{Bpmn.Chain("start", "sp1", "end")}""");
    }

    /// <summary>The attack as reported: bare nested sub-processes, 60 000 of them in about 2.2 MB.</summary>
    internal static string BareNesting(int depth) => Bpmn.Xml(
        string.Concat(Enumerable.Range(1, depth).Select(i => $"<subProcess id=\"p{i}\">")) + string.Concat(Enumerable.Repeat("</subProcess>", depth)));

    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        return failure is null ? result : throw failure;
    }

    [Fact]
    public void Parse_Refuses60000NestedSubProcesses_NamingTheDepthLimit()
    {
        var xml = BareNesting(60_000);
        xml.Length.Should().BeLessThan(new BpmnParserOptions().MaxCharacters, "the size limit alone does not stop it");

        var act = () => OnSmallStack(() => BpmnParser.Parse(xml));

        act.Should().Throw<BpmnLimitException>().WithMessage("*more than 100 levels deep*at most 100 levels*")
            .Which.Line.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Parse_RefusesSubProcessesNestedDeeperThanFifty_NamingTheElement()
    {
        var act = () => BpmnParser.Parse(NestedSubProcesses(51));

        act.Should().Throw<BpmnLimitException>().WithMessage("Sub-process 'sp51' (line *) is nested more than 50 levels deep*at most 50 nested sub-processes.");
    }

    [Fact]
    public void FiftyNestedSubProcesses_ValidateRunAndCancel_OnASmallStack()
    {
        var s = OnSmallStack(() =>
        {
            var document = BpmnParser.Parse(NestedSubProcesses(50));
            BpmnValidator.Validate(document).Errors.Should().BeEmpty();
            var scenario = new Scenario(document.Processes[0]).Start();
            scenario.State.Scopes.Should().HaveCount(50);
            scenario.OpenTasks.Should().Equal("work");
            return scenario.Run(new CancelInstance("test"));
        });

        s.State.Status.Should().Be(InstanceStatus.Cancelled);
        s.State.Tokens.Should().BeEmpty();
        s.State.Scopes.Should().BeEmpty();
        s.Last.Effects.OfType<CancelUserTask>().Should().ContainSingle();
    }

    [Fact]
    public void Parse_RefusesDeepVendorExtensions_NotOnlySubProcesses()
    {
        var deep = string.Concat(Enumerable.Repeat("<x:n>", 200)) + string.Concat(Enumerable.Repeat("</x:n>", 200));
        var xml = Bpmn.Xml($"""<startEvent id="s"><extensionElements xmlns:x="urn:x">{deep}</extensionElements></startEvent>""");

        var act = () => BpmnParser.Parse(xml);

        act.Should().Throw<BpmnLimitException>().WithMessage("*'n' at line*");
    }
}
