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

    [Fact]
    public void StateStoredBeforeLoopsAndCompensation_StillReads_WithTheDefaults()
    {
        const string Stored = """
            {"status":"Running","counter":4,"variables":{"a":1},
             "tokens":[{"id":"token-1","nodeId":"inner","scopeId":"scope-2","state":"Waiting"},{"id":"token-0","nodeId":"sub","state":"InScope"}],
             "scopes":[{"id":"scope-2","activityId":"sub","ownerTokenId":"token-0"}],
             "waits":[{"id":"task-3","kind":"UserTask","tokenId":"token-1","activityId":"inner"}],"incidents":[]}
            """;

        var state = InstanceStateJson.Deserialize(Stored);

        state.Scopes.Single().Should().BeEquivalentTo(new { Kind = ScopeKind.SubProcess, Items = (object?)null });
        state.Scopes.Single().Variables.Should().BeEmpty();
        state.Compensations.Should().BeEmpty();
        state.Tokens.Should().OnlyContain(t => !t.Caught && t.Output == null && t.CompensationFor == null);
    }

    [Fact]
    public void LoopState_RoundTripsThroughJson_WithScopeLocalVariables()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <userTask id="t"><multiInstanceLoopCharacteristics isSequential="true" sf:collection="items" sf:elementVariable="item" /></userTask>
            <endEvent id="end" />
            {{Chain("start", "t", "end")}}
            """).Start(new { items = new[] { "a", "b" } });

        var json = InstanceStateJson.Serialize(s.State);

        json.Should().Contain("\"kind\":\"LoopItem\"").And.Contain("\"item\":\"a\"").And.Contain("\"items\":[\"a\",\"b\"]");
        InstanceStateJson.Serialize(InstanceStateJson.Deserialize(json)).Should().Be(json);
    }
}
