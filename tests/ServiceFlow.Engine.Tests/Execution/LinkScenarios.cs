using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Validation;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class LinkScenarios
{
    [Fact]
    public void LinkThrow_ContinuesAtTheCatchOfTheSameName()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><userTask id="first" />
            <intermediateThrowEvent id="goPage2"><linkEventDefinition name="page2" /></intermediateThrowEvent>
            <intermediateCatchEvent id="fromPage1"><linkEventDefinition name="page2" /></intermediateCatchEvent>
            <intermediateCatchEvent id="elsewhere"><linkEventDefinition name="page3" /></intermediateCatchEvent>
            <userTask id="second" /><userTask id="never" /><endEvent id="end" /><endEvent id="end2" />
            {{Chain("start", "first", "goPage2")}}{{Flow("p1", "fromPage1", "second")}}{{Flow("p2", "second", "end")}}
            {{Flow("p3", "elsewhere", "never")}}{{Flow("p4", "never", "end2")}}
            """).Start();

        s.Complete("first");

        s.OpenTasks.Should().Equal("second");
        s.Journal.Should().Contain(j => j.Kind == JournalKind.EventThrown && j.Detail == "link 'page2' to 'fromPage1'");
        s.Entered.Should().Equal("start", "first", "goPage2", "fromPage1", "second");
        s.Complete("second").State.Status.Should().Be(InstanceStatus.Completed);
    }

    [Fact]
    public void LinkThrow_WithoutACatchInItsScope_IsAValidationError()
    {
        var report = BpmnValidator.Validate(BpmnParser.Parse(Xml($$"""
            <startEvent id="start" /><intermediateThrowEvent id="go"><linkEventDefinition name="nowhere" /></intermediateThrowEvent>
            <subProcess id="sub"><startEvent id="ss" /><intermediateCatchEvent id="c"><linkEventDefinition name="nowhere" /></intermediateCatchEvent><endEvent id="se" />
              {{ChainNamed("s", "ss", "se")}}{{Flow("s9", "c", "se")}}</subProcess>
            {{Chain("start", "go")}}{{Flow("f9", "sub", "go")}}
            """)));

        report.Errors.Should().Contain(i => i.Code == "bad-link" && i.ElementId == "go" && i.Message.Contains("same scope"));
    }
}
