using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Validation;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

/// <summary>Camunda 7 and Flowable task attributes mean what their sf: equivalents mean; their Java behaviour is refused by name.</summary>
public class VendorModelScenarios
{
    [Fact]
    public void CamundaUserTask_AttributesMapToTheInboxTask_AndAsyncBeforeStopsFirst()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <userTask id="approve" name="Approve" camunda:assignee="${ owner }" camunda:candidateGroups="cab, l2" camunda:candidateUsers="ann"
                      camunda:formRef="approve-change" camunda:dueDate="2026-03-09T17:00:00Z" camunda:priority="7" camunda:asyncBefore="true" />
            <endEvent id="end" />
            {{Chain("start", "approve", "end")}}
            """).Start(new { owner = "bob" });

        s.EffectsOf<CreateUserTask>().Should().BeEmpty("camunda:asyncBefore is sf:async");
        s.Run(new ContinueAsync(s.EffectsOf<ScheduleContinuation>().Single().ContinuationId));

        s.EffectsOf<CreateUserTask>().Single().Should().BeEquivalentTo(new
        {
            Assignee = "bob",
            CandidateGroups = new[] { "cab", "l2" },
            CandidateUsers = new[] { "ann" },
            FormKey = "approve-change",
            Priority = 7,
            DueIn = (TimeSpan?)null,
            DueAt = new DateTimeOffset(2026, 3, 9, 17, 0, 0, TimeSpan.Zero),
        });
    }

    [Fact]
    public void ZeebeFormDefinition_NamesTheTaskForm_ByFormIdOrFormKey_AndSfFormKeyWins()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <userTask id="linked" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <extensionElements><zeebe:formDefinition formId="second-review" /></extensionElements>
            </userTask>
            <userTask id="keyed" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <extensionElements><zeebe:formDefinition formKey=" approve-change " /></extensionElements>
            </userTask>
            <userTask id="own" sf:formKey="review" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <extensionElements><zeebe:formDefinition formId="ignored" /></extensionElements>
            </userTask>
            <endEvent id="end" />
            {{Chain("start", "linked", "keyed", "own", "end")}}
            """).Start();

        s.EffectsOf<CreateUserTask>().Single().FormKey.Should().Be("second-review");
        s.Complete("linked");
        s.EffectsOf<CreateUserTask>().Last().FormKey.Should().Be("approve-change");
        s.Complete("keyed");
        s.EffectsOf<CreateUserTask>().Last().FormKey.Should().Be("review", "an sf:formKey on the task says otherwise");
    }

    [Fact]
    public void FlowableUserTask_AttributesMapLikeCamunda_AndLegacyAsyncToo()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <userTask id="review" xmlns:flowable="http://flowable.org/bpmn" flowable:assignee="kermit" flowable:candidateGroups="${ ['l1', team] }"
                      flowable:formKey="review" flowable:dueDate="${ urgent ? 'PT2H' : 'P2D' }" flowable:priority="${ urgent ? 1 : 5 }" />
            <serviceTask id="later" sf:type="log" camunda:async="true" />
            <endEvent id="end" />
            {{Chain("start", "review", "later", "end")}}
            """).Start(new { team = "l3", urgent = true });

        s.EffectsOf<CreateUserTask>().Single().Should().BeEquivalentTo(new
        {
            Assignee = "kermit",
            CandidateGroups = new[] { "l1", "l3" },
            FormKey = "review",
            Priority = 1,
            DueIn = TimeSpan.FromHours(2),
            DueAt = Scenario.T0.AddHours(2),
        });
        s.Complete("review");
        s.EffectsOf<ScheduleContinuation>().Should().ContainSingle().Which.ActivityId.Should().Be("later");
    }

    [Fact]
    public void PotentialOwnerAndHumanPerformer_BecomeCandidatesAndAssignee()
    {
        var s = Scenario.Of($"""
            <startEvent id="start" />
            <userTask id="t">
              <humanPerformer><resourceAssignmentExpression><formalExpression>kermit</formalExpression></resourceAssignmentExpression></humanPerformer>
              <potentialOwner><resourceAssignmentExpression><formalExpression>user(ann), group(cab), management</formalExpression></resourceAssignmentExpression></potentialOwner>
            </userTask>
            <endEvent id="end" />
            {Chain("start", "t", "end")}
            """).Start();

        s.EffectsOf<CreateUserTask>().Single().Should().BeEquivalentTo(new
        {
            Assignee = "kermit",
            CandidateUsers = new[] { "ann" },
            CandidateGroups = new[] { "cab", "management" },
        });
    }

    private static ValidationReport Validate(string task) =>
        BpmnValidator.Validate(BpmnParser.Parse(Xml($"""<startEvent id="s" />{task}<endEvent id="e" />{Chain("s", "t", "e")}""")));

    [Theory]
    [InlineData("""<serviceTask id="t" camunda:class="com.acme.CheckCredit" />""", "camunda:class=\"com.acme.CheckCredit\"")]
    [InlineData("""<serviceTask id="t" camunda:delegateExpression="${ checker }" />""", "camunda:delegateExpression=\"${ checker }\"")]
    [InlineData("""<serviceTask id="t" camunda:expression="${ bean.run() }" />""", "camunda:expression=")]
    [InlineData("""<serviceTask id="t" xmlns:flowable="http://flowable.org/bpmn" flowable:type="mail" />""", "flowable:type=\"mail\"")]
    [InlineData("""<userTask id="t"><extensionElements><camunda:taskListener event="create" class="com.acme.Notify" /></extensionElements></userTask>""", "camunda:taskListener")]
    [InlineData("""<userTask id="t"><extensionElements><camunda:executionListener event="start" expression="${ log.info() }" /></extensionElements></userTask>""", "camunda:executionListener")]
    [InlineData("""<serviceTask id="t"><extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></extensionElements></serviceTask>""", "camunda:connector")]
    [InlineData("""<serviceTask id="t" sf:type="log"><extensionElements><camunda:inputOutput><camunda:outputParameter name="x">${ y }</camunda:outputParameter></camunda:inputOutput></extensionElements></serviceTask>""", "camunda:outputParameter 'x'")]
    public void JavaOrListenerBehaviour_IsAValidationErrorNamingIt(string task, string named)
    {
        var report = Validate(task);

        report.Executable.Should().BeFalse();
        report.Errors.Should().ContainSingle(i => i.Code == "unsupported-extension" && i.ElementId == "t").Which.Message.Should().Contain(named);
    }

    [Fact]
    public void GroovyScript_IsAValidationErrorNamingTheFormat()
    {
        var report = Validate("""<scriptTask id="t" scriptFormat="groovy"><script>println 'hi'</script></scriptTask>""");

        report.Errors.Should().ContainSingle().Which.Message.Should().Contain("'groovy'").And.Contain("only JavaScript");
    }

    [Fact]
    public void JavaDelegateNextToAnSfType_IsOnlyAWarning()
    {
        var report = Validate("""<serviceTask id="t" sf:type="log" camunda:class="com.acme.Old" />""");

        report.Executable.Should().BeTrue();
        report.Issues.Should().ContainSingle(i => i.Severity == Severity.Warning && i.Message.Contains("camunda:class=\"com.acme.Old\""));
    }

    [Fact]
    public void ExternalTaskTopic_IsTheJobType_AndNotFlagged()
    {
        var report = Validate("""<serviceTask id="t" camunda:type="external" camunda:topic="credit-check" />""");

        report.Executable.Should().BeTrue(string.Join("; ", report.Issues));
    }
}
