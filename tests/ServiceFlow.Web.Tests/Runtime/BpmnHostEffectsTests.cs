using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

/// Engine effects only the host can carry out: correlation on the business key, signals broadcast to other
/// instances, messages thrown from one process to another.
public sealed class BpmnHostEffectsTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly RuntimeClient api = new(app.CreateAdminApiClient());

    [Fact]
    public async Task MessageCatchWithoutCorrelationKey_IsReachedByTheInstancesBusinessKey()
    {
        var key = Models.Unique("bk");
        var message = $"reply-{key}";
        await api.PublishAsync(Models.Wrap(key, """
            <startEvent id="start" />
            <intermediateCatchEvent id="reply"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="reply" /><sequenceFlow id="f2" sourceRef="reply" targetRef="end" />
            """, $"""<message id="m" name="{message}" sf:candidateSenderGroups="Admin" />"""));
        var target = await api.StartAsync(key, businessKey: "SE-100");
        var other = await api.StartAsync(key, businessKey: "SE-101");

        var hit = await api.Http.PostAsJsonAsync("/api/messages", new { name = message, correlationKey = "SE-100", variables = new { text = "ok" } });

        hit.StatusCode.Should().Be(HttpStatusCode.OK, await hit.Content.ReadAsStringAsync());
        (await hit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instances").EnumerateArray().Select(e => e.GetGuid()).Should().Equal(target);
        (await api.StatusAsync(target)).Should().Be("Completed");
        (await api.StatusAsync(other)).Should().Be("Running");
    }

    [Fact]
    public async Task SignalThrownInOneInstance_ReachesEveryWaitingInstance_AndStartsSignalStartProcesses()
    {
        var signal = $"outage-{Guid.NewGuid():N}";
        var declarations = $"""<signal id="sig" name="{signal}" />""";
        var waiterKey = Models.Unique("hear");
        await api.PublishAsync(Models.Wrap(waiterKey, """
            <startEvent id="start" />
            <intermediateCatchEvent id="hear"><signalEventDefinition signalRef="sig" /></intermediateCatchEvent>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="hear" /><sequenceFlow id="f2" sourceRef="hear" targetRef="end" />
            """, declarations));
        var starterKey = Models.Unique("onsig");
        await api.PublishAsync(Models.Wrap(starterKey, """
            <startEvent id="start"><signalEventDefinition signalRef="sig" /></startEvent>
            <userTask id="triage" name="Triage" sf:candidateGroups="Supervisor" /><endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="triage" /><sequenceFlow id="f2" sourceRef="triage" targetRef="end" />
            """, declarations));
        var throwerKey = Models.Unique("shout");
        await api.PublishAsync(Models.Wrap(throwerKey, """
            <startEvent id="start" />
            <intermediateThrowEvent id="shout">
              <extensionElements><sf:input name="service" expression="service" /></extensionElements>
              <signalEventDefinition signalRef="sig" />
            </intermediateThrowEvent>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="shout" /><sequenceFlow id="f2" sourceRef="shout" targetRef="end" />
            """, declarations));
        var waiters = new List<Guid>();
        for (var i = 0; i < 3; i++)
            waiters.Add(await api.StartAsync(waiterKey, businessKey: $"SE-{i}"));
        foreach (var waiter in waiters)
            (await api.StatusAsync(waiter)).Should().Be("Running");

        var thrower = await api.StartAsync(throwerKey, new { service = "mail" });

        (await api.StatusAsync(thrower)).Should().Be("Completed");
        foreach (var waiter in waiters)
        {
            var instance = await api.InstanceAsync(waiter);
            instance.GetProperty("status").GetString().Should().Be("Completed");
            instance.GetProperty("variables").GetProperty("service").GetString().Should().Be("mail");
        }
        (await InstancesOf(starterKey)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Status = InstanceStatus.Running, BusinessKey = (string?)null });
    }

    async Task<List<ProcessInstance>> InstancesOf(string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        return await db.ProcessInstances.AsNoTracking().Where(i => i.WorkflowKey == key).ToListAsync();
    }

    [Fact]
    public async Task MessageEndEvent_ReachesTheInstanceWithTheSameBusinessKey_AndStartsAMessageStartProcess()
    {
        var reply = $"reply-{Guid.NewGuid():N}";
        var open = $"open-{Guid.NewGuid():N}";
        var declarations = $"""<message id="reply" name="{reply}" sf:candidateSenderGroups="Admin" /><message id="open" name="{open}" sf:candidateSenderGroups="Admin" />""";
        var waiterKey = Models.Unique("waiter");
        await api.PublishAsync(Models.Wrap(waiterKey, """
            <startEvent id="start" />
            <intermediateCatchEvent id="hear"><messageEventDefinition messageRef="reply" /></intermediateCatchEvent>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="hear" /><sequenceFlow id="f2" sourceRef="hear" targetRef="end" />
            """, declarations));
        var openedKey = Models.Unique("opened");
        await api.PublishAsync(Models.Wrap(openedKey, """
            <startEvent id="start"><messageEventDefinition messageRef="open" /></startEvent>
            <userTask id="look" name="Look" sf:candidateGroups="Supervisor" /><endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="look" /><sequenceFlow id="f2" sourceRef="look" targetRef="end" />
            """, declarations));
        var senderKey = Models.Unique("sender");
        await api.PublishAsync(Models.Wrap(senderKey, """
            <startEvent id="start" />
            <intermediateThrowEvent id="tell">
              <extensionElements><sf:input name="answer" value="yes" /></extensionElements>
              <messageEventDefinition messageRef="reply" />
            </intermediateThrowEvent>
            <endEvent id="done"><messageEventDefinition messageRef="open" /></endEvent>
            <sequenceFlow id="f1" sourceRef="start" targetRef="tell" /><sequenceFlow id="f2" sourceRef="tell" targetRef="done" />
            """, declarations));
        var sameTicket = await api.StartAsync(waiterKey, businessKey: "SE-500");
        var otherTicket = await api.StartAsync(waiterKey, businessKey: "SE-501");

        var sender = await api.StartAsync(senderKey, businessKey: "SE-500");

        (await api.StatusAsync(sender)).Should().Be("Completed");
        var reached = await api.InstanceAsync(sameTicket);
        reached.GetProperty("status").GetString().Should().Be("Completed");
        reached.GetProperty("variables").GetProperty("answer").GetString().Should().Be("yes");
        (await api.StatusAsync(otherTicket)).Should().Be("Running");
        (await InstancesOf(openedKey)).Should().ContainSingle().Which.BusinessKey.Should().Be("SE-500", "the message's key, the sender's business key, keys the new instance");
    }

    [Fact]
    public async Task NonInterruptingMessageBoundary_IsReachedByEveryMessage_NotOnlyTheFirst()
    {
        var key = Models.Unique("nudge");
        var message = $"nudge-{key}";
        await api.PublishAsync(Models.Wrap(key, """
            <startEvent id="start" />
            <userTask id="work" name="Work" sf:candidateGroups="Supervisor" />
            <boundaryEvent id="nudged" attachedToRef="work" cancelActivity="false"><messageEventDefinition messageRef="m" /></boundaryEvent>
            <endEvent id="end" /><endEvent id="noted" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="work" /><sequenceFlow id="f2" sourceRef="work" targetRef="end" />
            <sequenceFlow id="f3" sourceRef="nudged" targetRef="noted" />
            """, $"""<message id="m" name="{message}" sf:candidateSenderGroups="Admin" />"""));
        var id = await api.StartAsync(key, businessKey: "SE-900");

        for (var i = 1; i <= 2; i++)
        {
            var response = await api.Http.PostAsJsonAsync("/api/messages", new { name = message, correlationKey = "SE-900", variables = new { nudges = i } });
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"message {i}: {await response.Content.ReadAsStringAsync()}");
        }

        var instance = await api.InstanceAsync(id);
        instance.GetProperty("status").GetString().Should().Be("Running");
        instance.GetProperty("variables").GetProperty("nudges").GetInt32().Should().Be(2);
    }
}
