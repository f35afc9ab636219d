using System.Text.Json;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class StateJsonTests
{
    [Fact]
    public void InstanceState_RoundTripsThroughJson_WithTokensScopesWaitsAndVariables()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <subProcess id="sub"><startEvent id="s1" /><userTask id="inner" /><endEvent id="e1" />
              <sequenceFlow id="i1" sourceRef="s1" targetRef="inner" /><sequenceFlow id="i2" sourceRef="inner" targetRef="e1" /></subProcess>
            <boundaryEvent id="late" attachedToRef="sub" cancelActivity="false"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></boundaryEvent>
            <endEvent id="end" /><endEvent id="end2" />
            {{Chain("start", "sub", "end")}}{{Flow("b", "late", "end2")}}
            """).Start(new { nested = new { list = new object[] { 1, "two", null!, true } }, amount = 12.5m });

        var json = InstanceStateJson.Serialize(s.State);
        var back = InstanceStateJson.Deserialize(json);

        InstanceStateJson.Serialize(back).Should().Be(json);
        back.Tokens.Should().HaveCount(2);
        back.Scopes.Should().ContainSingle();
        back.Waits.Should().HaveCount(2);
        back.Variables["nested"].GetProperty("list")[1].GetString().Should().Be("two");
        json.Should().Contain("\"status\":\"Running\"");
    }

    [Fact]
    public void Effects_SerializeWithTypeDiscriminator()
    {
        EngineEffect effect = new ScheduleTimer("timer-1", "late", Scenario.T0);

        var json = JsonSerializer.Serialize(effect, InstanceStateJson.Options);

        json.Should().Contain("\"$type\":\"scheduleTimer\"");
        JsonSerializer.Deserialize<EngineEffect>(json, InstanceStateJson.Options).Should().Be(effect);
    }
}
