using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Tests.Support;
using ServiceFlow.Engine.Validation;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Decisions;

/// <summary>How the BPMN parser reads a business rule task's decision, and what the BPMN validator demands of it.</summary>
public class BusinessRuleTaskValidationTests
{
    private static FlowNode Task(string attributes) =>
        BpmnParser.Parse(Xml($"""<startEvent id="s" /><businessRuleTask id="rule" {attributes} /><endEvent id="e" />{Chain("s", "rule", "e")}""")).Processes[0].Nodes["rule"];

    private static IEnumerable<ValidationIssue> Errors(string attributes) =>
        BpmnValidator.Validate(BpmnParser.Parse(Xml($"""<startEvent id="s" /><businessRuleTask id="rule" {attributes} /><endEvent id="e" />{Chain("s", "rule", "e")}"""))).Errors;

    [Theory]
    [InlineData("""sf:decisionRef="priority-matrix" sf:resultVariable="priority" """, DecisionResultMapping.Dmn)]
    [InlineData("""sf:decisionRef="priority-matrix" sf:resultVariable="priority" sf:mapDecisionResult="singleEntry" """, DecisionResultMapping.SingleEntry)]
    [InlineData("""camunda:decisionRef="priority-matrix" camunda:resultVariable="priority" """, DecisionResultMapping.ResultList)]
    [InlineData("""camunda:decisionRef="priority-matrix" camunda:resultVariable="priority" camunda:mapDecisionResult="singleResult" """, DecisionResultMapping.SingleResult)]
    [InlineData("""camunda:decisionRef="other" sf:decisionRef="priority-matrix" sf:resultVariable="priority" """, DecisionResultMapping.Dmn)]
    public void Parser_ReadsTheDecisionCall_SfBeforeCamunda(string attributes, DecisionResultMapping mapping)
    {
        var node = Task(attributes);

        node.Kind.Should().Be(NodeKind.BusinessRuleTask);
        node.DecisionCall.Should().Be(new DecisionCall("priority-matrix", "priority", mapping, node.DecisionCall!.MappingText));
    }

    [Fact]
    public void Parser_ReadsZeebeCalledDecision()
    {
        var node = BpmnParser.Parse(Xml("""
            <businessRuleTask id="rule" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <extensionElements><zeebe:calledDecision decisionId="routing" resultVariable="group" /></extensionElements>
            </businessRuleTask>
            """)).Processes[0].Nodes["rule"];

        node.DecisionCall.Should().Be(new DecisionCall("routing", "group", DecisionResultMapping.Dmn, null));
    }

    [Theory]
    [InlineData("", "missing-decision-ref", "business rule task 'rule' names no decision; set sf:decisionRef (camunda:decisionRef and zeebe:calledDecision are read too)")]
    [InlineData("""camunda:class="com.example.Rules" """, "missing-decision-ref", "business rule task 'rule' names no decision; set sf:decisionRef (camunda:decisionRef and zeebe:calledDecision are read too)")]
    [InlineData("""sf:decisionRef="routing" """, "missing-result-variable", "business rule task 'rule' has no resultVariable; name the variable that receives the decision's result")]
    [InlineData("""sf:decisionRef="routing" sf:resultVariable="g" sf:mapDecisionResult="firstEntry" """, "bad-result-mapping",
        "mapDecisionResult 'firstEntry' of 'rule' is not one of singleEntry, singleResult, collectEntries, resultList, dmn")]
    [InlineData("""sf:decisionRef="=table" sf:resultVariable="g" """, "invalid-expression", "decisionRef '=table' of 'rule' is a FEEL expression; name the decision id, or use ${...} JavaScript")]
    public void Validator_ReportsWhatTheTaskLacks_ByIdAndLine(string attributes, string code, string message)
    {
        // A Java delegate is also refused on its own (unsupported-extension); this test is about the decision call.
        var issue = Errors(attributes).Where(i => i.Code != "unsupported-extension").Should().ContainSingle().Which;

        (issue.Code, issue.ElementId, issue.Line, issue.Message).Should().Be((code, "rule", 9, message));
    }

    [Fact]
    public void Validator_AcceptsACompleteTask()
    {
        Errors("""sf:decisionRef="routing" sf:resultVariable="group" sf:mapDecisionResult="singleEntry" """).Should().BeEmpty();
    }
}
