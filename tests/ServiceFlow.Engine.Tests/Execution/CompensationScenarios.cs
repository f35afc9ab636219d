using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Tests.Support;
using static ServiceFlow.Engine.Tests.Support.Bpmn;

namespace ServiceFlow.Engine.Tests.Execution;

public class CompensationScenarios
{
    /// <summary>book → charge → (check) → undo everything or finish.</summary>
    private static string Booking(string throwEvent, bool throwIsEnd = false) => $$"""
        <startEvent id="start" />
        <serviceTask id="book" sf:type="hotel" />
        <boundaryEvent id="bookComp" attachedToRef="book"><compensateEventDefinition /></boundaryEvent>
        <userTask id="cancelHotel" isForCompensation="true" />
        <association id="a1" sourceRef="bookComp" targetRef="cancelHotel" />
        <serviceTask id="charge" sf:type="card" />
        <boundaryEvent id="chargeComp" attachedToRef="charge"><compensateEventDefinition /></boundaryEvent>
        <scriptTask id="refund" isForCompensation="true" sf:resultVariable="refunded"><script>amount</script></scriptTask>
        <association id="a2" sourceRef="chargeComp" targetRef="refund" />
        <exclusiveGateway id="ok" default="fine" />
        {{throwEvent}}
        <userTask id="done" /><endEvent id="end" />{{(throwIsEnd ? "" : """<endEvent id="undone" />""")}}
        {{Chain("start", "book", "charge", "ok")}}{{Flow("fine", "ok", "done")}}{{Flow("bad", "ok", "undo", "fraud")}}
        {{Flow("f9", "done", "end")}}{{(throwIsEnd ? "" : Flow("f10", "undo", "undone"))}}
        """;

    [Fact]
    public void CompensationThrow_UndoesTheCompletedActivities_InReverseOrder_ThenContinues()
    {
        var s = Scenario.Of(Booking("""<intermediateThrowEvent id="undo"><compensateEventDefinition /></intermediateThrowEvent>"""))
            .Start(new { fraud = true, amount = 120 });
        s.CompleteJob("book").CompleteJob("charge");

        s.Var("refunded").GetInt32().Should().Be(120, "the card, charged last, is refunded first");
        s.OpenTasks.Should().Equal(["cancelHotel"], "the hotel, booked first, is cancelled after the refund");
        s.State.Tokens.Should().Contain(t => t.NodeId == "undo" && t.State == TokenState.Waiting);
        s.Journal.Where(j => j.Kind == JournalKind.EventThrown).Select(j => j.Detail)
            .Should().Equal("compensation of charge, book", "compensating 'charge'", "compensating 'book'");

        s.Complete("cancelHotel");

        s.State.Status.Should().Be(InstanceStatus.Completed);
        s.Entered.Should().EndWith(["cancelHotel", "undone"]);
        s.State.Compensations.Should().BeEmpty();
    }

    [Fact]
    public void CompensationEnd_WithActivityRef_UndoesOnlyThatActivity()
    {
        var s = Scenario.Of(Booking("""<endEvent id="undo"><compensateEventDefinition activityRef="book" /></endEvent>""", throwIsEnd: true))
            .Start(new { fraud = true, amount = 5 });
        s.CompleteJob("book").CompleteJob("charge");

        s.State.Variables.Should().NotContainKey("refunded");
        s.OpenTasks.Should().Equal("cancelHotel");
        s.Complete("cancelHotel");
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }

    [Fact]
    public void NothingCompleted_NothingToCompensate_TheThrowJustPasses()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" /><intermediateThrowEvent id="undo"><compensateEventDefinition /></intermediateThrowEvent><endEvent id="end" />
            {{Chain("start", "undo", "end")}}
            """).Start();

        s.State.Status.Should().Be(InstanceStatus.Completed);
        s.Journal.Should().Contain(j => j.Kind == JournalKind.EventThrown && j.Detail == "compensation: nothing to compensate");
    }

    [Fact]
    public void ActivitiesOfACompletedSubProcess_AreCompensatedFromTheEnclosingScope()
    {
        var s = Scenario.Of($$"""
            <startEvent id="start" />
            <subProcess id="trip">
              <startEvent id="ts" /><scriptTask id="flight" sf:resultVariable="x"><script>1</script></scriptTask><endEvent id="te" />
              <boundaryEvent id="flightComp" attachedToRef="flight"><compensateEventDefinition /></boundaryEvent>
              <userTask id="cancelFlight" isForCompensation="true" />
              <association id="a1" sourceRef="flightComp" targetRef="cancelFlight" />
              {{ChainNamed("t", "ts", "flight", "te")}}
            </subProcess>
            <intermediateThrowEvent id="undo"><compensateEventDefinition /></intermediateThrowEvent><endEvent id="end" />
            {{Chain("start", "trip", "undo", "end")}}
            """).Start();

        s.OpenTasks.Should().Equal("cancelFlight");
        s.Complete("cancelFlight");
        s.State.Status.Should().Be(InstanceStatus.Completed);
    }
}
