using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Support;

namespace ServiceFlow.Engine.Tests.Parsing;

public class ParserTests
{
    private const string Model = """
        <startEvent id="start" />
        <userTask id="review" name="Review" sf:candidateGroups="l1, l2" camunda:assignee="${ requester }" sf:clock="start:resolution; pause:first-response"
                  sf:dueIn="PT8H" camunda:priority="3" vendor:color="red" xmlns:vendor="urn:vendor">
          <documentation>Check the ticket</documentation>
          <extensionElements><camunda:properties><camunda:property name="x" value="y"/></camunda:properties></extensionElements>
        </userTask>
        <boundaryEvent id="late" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeCycle>R3/PT1H</timeCycle></timerEventDefinition></boundaryEvent>
        <endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="review" />
        <sequenceFlow id="f2" sourceRef="review" targetRef="end"><conditionExpression>${ ok }</conditionExpression></sequenceFlow>
        """;

    [Fact]
    public void Parse_ReadsNodesFlowsExtensionsAndLines()
    {
        var process = BpmnParser.Parse(Bpmn.Xml(Model)).Processes.Single();

        var review = process.Nodes["review"];
        review.Kind.Should().Be(NodeKind.UserTask);
        review.Ext("candidateGroups").Should().Be("l1, l2");
        review.Ext("assignee").Should().Be("${ requester }", "camunda:assignee is folded into the sf: names");
        review.Ext("priority").Should().Be("3");
        review.Documentation.Should().Be("Check the ticket");
        review.VendorAttributes.Should().ContainKey("vendor:color");
        review.ExtensionElements.Should().ContainSingle(x => x.Name == "properties");
        review.ClockActions.Should().Equal(new ClockActionSpec("start", "resolution"), new ClockActionSpec("pause", "first-response"));
        review.Line.Should().Be(10, "the userTask starts on line 10 of the generated document");
        process.Flows["f2"].Condition.Should().Be("${ ok }");
        process.Outgoing("review").Select(f => f.Id).Should().Equal("f2");
    }

    [Fact]
    public void Parse_ReadsBoundaryTimerCycle()
    {
        var late = BpmnParser.Parse(Bpmn.Xml(Model)).Processes.Single().Nodes["late"];

        late.Kind.Should().Be(NodeKind.BoundaryEvent);
        late.CancelActivity.Should().BeFalse();
        late.AttachedToRef.Should().Be("review");
        late.Timer.Should().Be(new TimerDefinition(TimerKind.Cycle, "R3/PT1H"));
    }

    [Fact]
    public void Parse_ReadsCallActivityMappings_FromSfAndCamunda()
    {
        var body = """
            <callActivity id="call" calledElement="child">
              <extensionElements>
                <sf:in source="a" target="x" />
                <camunda:in sourceExpression="${ a + 1 }" target="y" />
                <sf:out source="r" target="result" />
              </extensionElements>
            </callActivity>
            """;

        var call = BpmnParser.Parse(Bpmn.Xml(body)).Processes.Single().Nodes["call"];

        call.InMappings.Should().Equal(new VariableMapping("a", "x", false), new VariableMapping("${ a + 1 }", "y", true));
        call.OutMappings.Should().Equal(new VariableMapping("r", "result", false));
    }

    [Fact]
    public void Parse_KeepsSubProcessChildrenInTheirScope()
    {
        var body = """
            <subProcess id="sub"><startEvent id="s2" /><endEvent id="e2" /><sequenceFlow id="i1" sourceRef="s2" targetRef="e2" /></subProcess>
            """;

        var process = BpmnParser.Parse(Bpmn.Xml(body)).Processes.Single();

        process.Nodes["s2"].ScopeId.Should().Be("sub");
        process.Flows["i1"].ScopeId.Should().Be("sub");
        process.NodesInScope("sub").Select(n => n.Id).Should().Equal("s2", "e2");
    }

    [Fact]
    public void ParseStream_HonoursTheDeclaredEncoding()
    {
        var xml = Bpmn.Xml("""<startEvent id="s" name="Prüfung" />""").Replace("UTF-8", "ISO-8859-1");
        using var stream = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(xml));

        var document = BpmnParser.Parse(stream);

        document.Processes[0].Nodes["s"].Name.Should().Be("Prüfung");
    }

    private const string SharedDefinitions = """
        <terminateEventDefinition id="ted" />
        <timerEventDefinition id="tmr"><timeDuration>PT1H</timeDuration></timerEventDefinition>
        <messageEventDefinition id="med" messageRef="tns:reply" />
        <message id="reply" name="customer-reply" />
        """;

    [Fact]
    public void Parse_ResolvesEventDefinitionRef_ToDefinitionsLevelEventDefinitions()
    {
        var process = BpmnParser.Parse(Bpmn.Xml("""
            <startEvent id="s" /><userTask id="t" />
            <boundaryEvent id="late" attachedToRef="t"><eventDefinitionRef>tmr</eventDefinitionRef></boundaryEvent>
            <boundaryEvent id="msg" attachedToRef="tns:t"><eventDefinitionRef>tns:med</eventDefinitionRef></boundaryEvent>
            <endEvent id="kill"><eventDefinitionRef>ted</eventDefinitionRef></endEvent>
            """, SharedDefinitions)).Processes[0];

        process.Nodes["kill"].EventKind.Should().Be(EventKind.Terminate);
        process.Nodes["late"].Timer.Should().Be(new TimerDefinition(TimerKind.Duration, "PT1H"));
        process.Nodes["msg"].EventKind.Should().Be(EventKind.Message);
        process.Nodes["msg"].MessageRef.Should().Be("reply");
        process.Nodes["msg"].AttachedToRef.Should().Be("t");
    }

    [Fact]
    public void Parse_ReadsPrefixedReferences_AsTheIdTheyName()
    {
        var process = BpmnParser.Parse(Bpmn.Xml("""
            <startEvent id="s"><messageEventDefinition messageRef="tns:reply" /></startEvent>
            <callActivity id="c" calledElement="tns:child" /><callActivity id="x" calledElement="${ kind == 'a' ? 'p1' : 'p2' }" />
            <endEvent id="e"><errorEventDefinition errorRef="bpmn2:err" /></endEvent>
            """, SharedDefinitions)).Processes[0];

        process.Nodes["s"].MessageRef.Should().Be("reply");
        process.Nodes["c"].CalledElement.Should().Be("child");
        process.Nodes["x"].CalledElement.Should().Be("${ kind == 'a' ? 'p1' : 'p2' }", "an expression is not a QName");
        process.Nodes["e"].ErrorRef.Should().Be("err");
    }
}
