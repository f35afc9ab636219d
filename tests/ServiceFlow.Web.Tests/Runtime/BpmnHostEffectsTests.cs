using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
            """, $"""<message id="m" name="{message}" />"""));
        var target = await api.StartAsync(key, businessKey: "SE-100");
        var other = await api.StartAsync(key, businessKey: "SE-101");

        var hit = await api.Http.PostAsJsonAsync("/api/messages", new { name = message, correlationKey = "SE-100", variables = new { text = "ok" } });

        hit.StatusCode.Should().Be(HttpStatusCode.OK, await hit.Content.ReadAsStringAsync());
        (await hit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instances").EnumerateArray().Select(e => e.GetGuid()).Should().Equal(target);
        (await api.StatusAsync(target)).Should().Be("Completed");
        (await api.StatusAsync(other)).Should().Be("Running");
    }
}
