using ServiceFlow.Engine.Parsing;

namespace ServiceFlow.Engine.Tests.Parsing;

/// The attributes the host's authorization reads: who may start a process, who may send a message.
public class AccessAttributeTests
{
    private static string Document(string processAttributes) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sf="https://serviceflow.dev/bpmn"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <message id="m1" name="customer-called" sf:candidateSenderGroups="Supervisor, FrontLine" />
          <message id="m2" name="survey-answer" />
          <process id="p" isExecutable="true" {{processAttributes}}>
            <startEvent id="s" />
          </process>
        </definitions>
        """;

    [Fact]
    public void Parse_ReadsStarterGroupsOnTheProcess_FromSf()
    {
        var process = BpmnParser.Parse(Document("""sf:candidateStarterGroups="FrontLine" sf:candidateStarterUsers="ann" """)).Processes.Single();

        process.Ext("candidateStarterGroups").Should().Be("FrontLine");
        process.Ext("candidateStarterUsers").Should().Be("ann");
    }

    [Fact]
    public void Parse_FoldsCamundaStarterGroups_AndSfWins()
    {
        var camunda = BpmnParser.Parse(Document("""camunda:candidateStarterGroups="Supervisor" """)).Processes.Single();
        var both = BpmnParser.Parse(Document("""camunda:candidateStarterGroups="Supervisor" sf:candidateStarterGroups="Admin" """)).Processes.Single();

        camunda.Ext("candidateStarterGroups").Should().Be("Supervisor");
        both.Ext("candidateStarterGroups").Should().Be("Admin");
    }

    [Fact]
    public void Parse_ReadsMessageSenderGroups_AndFindsMessagesByName()
    {
        var process = BpmnParser.Parse(Document("")).Processes.Single();

        process.Ext("candidateStarterGroups").Should().BeNull("a process without starter groups names nobody");
        process.MessageNamed("customer-called")!.Extensions["candidateSenderGroups"].Should().Be("Supervisor, FrontLine");
        process.MessageNamed("survey-answer")!.Extensions.Should().BeEmpty();
        process.MessageNamed("no-such-message").Should().BeNull();
    }
}
