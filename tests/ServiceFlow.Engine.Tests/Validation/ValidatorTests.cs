using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Validation;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Validation;

public class ValidatorTests
{
    private static ValidationReport Validate(string body, string extra = "") => BpmnValidator.Validate(BpmnParser.Parse(Xml(body, extra)));

    [Fact]
    public void ValidModel_IsExecutable()
    {
        var report = Validate($"""<startEvent id="s" /><userTask id="t" /><endEvent id="e" />{Chain("s", "t", "e")}""");

        report.Executable.Should().BeTrue();
        report.Issues.Should().BeEmpty();
    }

    [Fact]
    public void UnsupportedElement_IsListedById()
    {
        var report = Validate($"""<startEvent id="s" /><complexGateway id="Gateway_1" /><endEvent id="e" />{Chain("s", "Gateway_1", "e")}""");

        report.Executable.Should().BeFalse();
        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            ElementId = "Gateway_1",
            Code = "unsupported-element",
            Message = "complexGateway 'Gateway_1' is not executable in ServiceFlow",
        });
        report.Errors.Single().Line.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("""<userTask id="t" /><endEvent id="e" /><sequenceFlow id="f" sourceRef="t" targetRef="e" />""", "no-start-event")]
    [InlineData("""<startEvent id="s" /><userTask id="t" /><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="e" />""", "no-incoming-flow")]
    [InlineData("""<startEvent id="s" /><exclusiveGateway id="g" /><sequenceFlow id="f" sourceRef="s" targetRef="g" />""", "no-outgoing-flow")]
    [InlineData("""<startEvent id="s" /><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="ghost" />""", "missing-flow-node")]
    [InlineData("""<startEvent id="s" /><endEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="s" />""", "duplicate-id")]
    [InlineData("""<startEvent id="s" /><callActivity id="c" /><endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="c" /><sequenceFlow id="f2" sourceRef="c" targetRef="e" />""", "missing-called-element")]
    [InlineData("""<startEvent id="s"><messageEventDefinition /></startEvent><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="e" />""", "missing-message-ref")]
    [InlineData("""<startEvent id="s"><timerEventDefinition><timeDuration>four hours</timeDuration></timerEventDefinition></startEvent><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="e" />""", "bad-timer")]
    [InlineData("""<startEvent id="s"><timerEventDefinition><timeCycle>0 0 * * *</timeCycle></timerEventDefinition></startEvent><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="e" />""", "bad-timer")]
    // A month cycle counts calendar months from its start, so it needs one.
    [InlineData("""<startEvent id="s"><timerEventDefinition><timeCycle>R/P1M</timeCycle></timerEventDefinition></startEvent><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="e" />""", "bad-timer")]
    [InlineData("""<startEvent id="s" /><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="e"><conditionExpression>amount &gt;&gt;&gt; (</conditionExpression></sequenceFlow>""", "invalid-expression")]
    [InlineData("""<startEvent id="s" /><userTask id="t" sf:assignee="${ a b }" /><endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />""", "invalid-expression")]
    [InlineData("""<startEvent id="s" /><exclusiveGateway id="g" /><endEvent id="a" /><endEvent id="b" /><sequenceFlow id="f" sourceRef="s" targetRef="g" /><sequenceFlow id="ga" sourceRef="g" targetRef="a" /><sequenceFlow id="gb" sourceRef="g" targetRef="b" />""", "missing-condition")]
    [InlineData("""<startEvent id="s" /><userTask id="t"><multiInstanceLoopCharacteristics /></userTask><endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />""", "bad-loop")]
    [InlineData("""<startEvent id="s" /><userTask id="t"><standardLoopCharacteristics /></userTask><endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />""", "bad-loop")]
    [InlineData("""<startEvent id="s" /><userTask id="t"><multiInstanceLoopCharacteristics sf:collection="x" sf:outputCollection="y" /></userTask><endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />""", "bad-loop")]
    [InlineData("""<startEvent id="s" /><intermediateThrowEvent id="sig"><signalEventDefinition /></intermediateThrowEvent><endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="sig" /><sequenceFlow id="f2" sourceRef="sig" targetRef="e" />""", "missing-signal-ref")]
    [InlineData("""<startEvent id="s" /><intermediateThrowEvent id="sig"><cancelEventDefinition /></intermediateThrowEvent><endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="sig" /><sequenceFlow id="f2" sourceRef="sig" targetRef="e" />""", "unsupported-element")]
    [InlineData("""<startEvent id="s"><conditionalEventDefinition><condition>x</condition></conditionalEventDefinition></startEvent><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="e" />""", "unsupported-element")]
    [InlineData("""<startEvent id="s" /><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="e" /><subProcess id="esp" triggeredByEvent="true"><startEvent id="es" /></subProcess>""", "unsupported-element")]
    [InlineData("""<startEvent id="s" /><intermediateThrowEvent id="go"><linkEventDefinition name="A" /></intermediateThrowEvent><sequenceFlow id="f" sourceRef="s" targetRef="go" />""", "bad-link")]
    public void InvalidModel_ReportsError(string body, string code)
    {
        var report = Validate(body);

        report.Executable.Should().BeFalse();
        report.Errors.Should().Contain(i => i.Code == code, "expected {0} in {1}", code, string.Join("; ", report.Issues));
    }

    [Fact]
    public void NotExecutableFlag_IsOnlyAWarning()
    {
        var xml = Xml($"""<startEvent id="s" /><endEvent id="e" />{Chain("s", "e")}""").Replace("isExecutable=\"true\"", "isExecutable=\"false\"");

        var report = BpmnValidator.Validate(BpmnParser.Parse(xml));

        report.Executable.Should().BeTrue();
        report.Issues.Should().ContainSingle(i => i.Severity == Severity.Warning);
    }

    [Fact]
    public void FeelCondition_GetsAnActionableMessage()
    {
        var report = Validate($"""<startEvent id="s" /><endEvent id="e" />{Flow("f", "s", "e", "= amount > 100")}""");

        report.Errors.Should().ContainSingle().Which.Message.Should().Contain("FEEL").And.Contain("JavaScript");
    }

    [Theory]
    [InlineData("P2000000W")]
    [InlineData("P99999999999W")]
    [InlineData("P200Y")]
    [InlineData("P99999999999999999999D")]
    public void OutOfRangeTimerDuration_IsAnErrorNamingTheElement_NotACrash(string duration)
    {
        var report = Validate($"""
            <startEvent id="s" /><intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <userTask id="t" sf:dueIn="{duration}" /><endEvent id="e" />{Chain("s", "wait", "t", "e")}
            """);

        report.Errors.Should().Contain(i => i.Code == "bad-timer" && i.ElementId == "wait" && i.Message.Contains("'wait'") && i.Message.Contains(duration));
        report.Errors.Should().Contain(i => i.Code == "bad-due-in" && i.ElementId == "t" && i.Message.Contains("'t'"));
    }

    [Fact]
    public void LongestAcceptedDuration_IsOneHundredYears()
    {
        Validate($"""<startEvent id="s" /><userTask id="t" sf:dueIn="P5200W" /><endEvent id="e" />{Chain("s", "t", "e")}""").Executable.Should().BeTrue();
        Validate($"""<startEvent id="s" /><userTask id="t" sf:dueIn="P5300W" /><endEvent id="e" />{Chain("s", "t", "e")}""").Errors
            .Should().ContainSingle().Which.Message.Should().Contain("longer than 100 years");
    }

    [Fact]
    public void MessageRefToAnUndeclaredMessage_IsAnErrorNamingBoth()
    {
        var report = Validate($"""
            <startEvent id="s" /><intermediateCatchEvent id="wait"><messageEventDefinition messageRef="tns:nope" /></intermediateCatchEvent><endEvent id="e" />
            {Chain("s", "wait", "e")}
            """, """<message id="reply" name="customer-reply" />""");

        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { ElementId = "wait", Code = "unknown-message" });
        report.Errors.Single().Message.Should().Contain("'nope'");
    }

    [Fact]
    public void EventDefinitionRefToNothing_IsAnError()
    {
        var report = Validate($"""<startEvent id="s" /><endEvent id="e"><eventDefinitionRef>ghost</eventDefinitionRef></endEvent>{Chain("s", "e")}""");

        report.Errors.Should().ContainSingle(i => i.Code == "unknown-reference" && i.ElementId == "e" && i.Message.Contains("'ghost'"));
    }

    [Fact]
    public void ActivityWithoutOutgoingFlow_IsAnImplicitEnd_NotAnError()
    {
        var report = Validate("""<startEvent id="s" /><userTask id="t" /><sequenceFlow id="f" sourceRef="s" targetRef="t" />""");

        report.Executable.Should().BeTrue(string.Join("; ", report.Issues));
    }

    [Fact]
    public void InclusiveGateway_UnconditionedFlows_AreValid()
    {
        var report = Validate($"""
            <startEvent id="s" /><inclusiveGateway id="g" /><userTask id="a" /><userTask id="b" /><endEvent id="e" /><endEvent id="e2" />
            {Flow("f0", "s", "g")}{Flow("fa", "g", "a")}{Flow("fb", "g", "b", "wantB")}{Flow("fe", "a", "e")}{Flow("fe2", "b", "e2")}
            """);

        report.Executable.Should().BeTrue(string.Join("; ", report.Issues));
    }

    [Fact]
    public void Collaboration_ValidatesOnlyTheExecutablePool_AndWarnsAboutTheOthers()
    {
        var xml = Xml($"""<startEvent id="s" /><userTask id="t" /><endEvent id="e" />{Chain("s", "t", "e")}""",
            """
            <collaboration id="c"><participant id="pCustomer" processRef="customer" /><participant id="pDesk" processRef="p" /><participant id="pEmpty" /></collaboration>
            <process id="customer" isExecutable="false"><task id="call" /><complexGateway id="cg" /><intermediateThrowEvent id="ask"><messageEventDefinition /></intermediateThrowEvent></process>
            """);

        var report = BpmnValidator.Validate(BpmnParser.Parse(xml));

        report.Executable.Should().BeTrue(string.Join("; ", report.Issues));
        report.Issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Severity = Severity.Warning, ElementId = "customer", Code = "not-executable" });
    }
}
