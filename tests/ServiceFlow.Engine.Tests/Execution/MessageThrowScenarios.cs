using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class MessageThrowScenarios
{
    private const string Messages = """<message id="m" name="status-update" />""";

    [Fact]
    public void MessageThrow_EmitsAMessageForTheHostToCorrelate_WithItsPayloadAndKey()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <intermediateThrowEvent id="tell" sf:correlationKey="'T-' + ticket">
              <extensionElements><sf:input name="state" expression="state" /><sf:input name="by" value="desk" /></extensionElements>
              <messageEventDefinition messageRef="m" />
            </intermediateThrowEvent>
            <userTask id="next" /><endEvent id="end" />
            {{Chain("start", "tell", "next", "end")}}
            """, Messages).Start(new { ticket = 7, state = "solved", secret = "x" });

        var thrown = s.EffectsOf<ThrowMessage>().Should().ContainSingle().Subject;
        thrown.Should().BeEquivalentTo(new { ActivityId = "tell", MessageName = "status-update", CorrelationKey = "T-7", ByBusinessKey = false });
        thrown.Variables.Keys.Should().BeEquivalentTo(["state", "by"], "only the declared inputs travel, never every variable");
        thrown.Variables["state"].GetString().Should().Be("solved");
        s.OpenTasks.Should().Equal("next");
        s.Journal.Should().Contain(j => j.Kind == JournalKind.EventThrown && j.Detail == "message 'status-update'");
    }

    [Fact]
    public void MessageEndEvent_WithoutCorrelationKey_IsKeyedByTheBusinessKey_AndEnds()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><endEvent id="done"><messageEventDefinition messageRef="m" /></endEvent>
            {{Chain("start", "done")}}
            """, Messages).Start();

        s.EffectsOf<ThrowMessage>().Single().Should().BeEquivalentTo(new { CorrelationKey = (string?)null, ByBusinessKey = true });
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }
}
