using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Designer;

/// The diff warns when a draft loses settings the published version had: the guard against a tool that
/// drops what it does not understand (the designer once removed the mail inputs of "Tell the customer").
public sealed class LostSettingsTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly DesignerClient designer = new(app.CreateAdminApiClient());
    readonly RuntimeClient runtime = new(app.CreateAdminApiClient());

    const string Published = """
        <startEvent id="start" />
        <sendTask id="notify" name="Tell the customer" sf:template="ticket-resolved" sf:clock="stop:resolution" camunda:priority="5"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
          <documentation>Mails the resolution.</documentation>
          <extensionElements>
            <sf:input name="reopen_days" value="7" />
            <sf:input name="resolution" expression="solution" />
            <zeebe:taskDefinition xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" type="mail" />
          </extensionElements>
        </sendTask>
        <serviceTask id="log" sf:type="log" />
        <endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="notify" />
        <sequenceFlow id="f2" sourceRef="notify" targetRef="log" />
        <sequenceFlow id="f3" sourceRef="log" targetRef="end" />
        """;

    [Fact]
    public async Task Diff_WarnsAboutEveryInputAttributeExtensionAndDocumentationTheDraftDropped()
    {
        var key = Models.Unique("lost");
        await runtime.PublishAsync(Models.Wrap(key, Published));
        // What the old designer saved: the element without what it did not understand; "log" removed on purpose.
        await designer.SaveOkAsync(key, Models.Wrap(key, """
            <startEvent id="start" />
            <sendTask id="notify" name="Tell the customer" sf:template="ticket-resolved">
              <extensionElements><sf:input name="resolution" expression="solution" /></extensionElements>
            </sendTask>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="notify" />
            <sequenceFlow id="f2" sourceRef="notify" targetRef="end" />
            """), 0);

        var diff = await designer.Http.GetFromJsonAsync<JsonElement>($"/api/workflows/{key}/diff?from=1&to=draft");

        var warning = diff.GetProperty("warnings").EnumerateArray().Should().ContainSingle().Subject;
        warning.GetProperty("id").GetString().Should().Be("notify");
        warning.GetProperty("type").GetString().Should().Be("sendTask");
        warning.GetProperty("name").GetString().Should().Be("Tell the customer");
        warning.GetProperty("lost").EnumerateArray().Select(l => l.GetString()).Should().BeEquivalentTo(
            "sf:input reopen_days", "sf:clock", "camunda:priority", "<taskDefinition> (http://camunda.org/schema/zeebe/1.0)", "documentation");
        diff.GetProperty("removed").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Should().Contain("log", "a removed element is a change, not a loss");
    }

    [Fact]
    public async Task Diff_HasNoWarnings_WhenTheDraftKeepsEverything()
    {
        var key = Models.Unique("kept");
        var xml = Models.Wrap(key, Published);
        await runtime.PublishAsync(xml);
        await designer.SaveOkAsync(key, xml.Replace("Tell the customer", "Tell the requester", StringComparison.Ordinal), 0);

        var diff = await designer.Http.GetFromJsonAsync<JsonElement>($"/api/workflows/{key}/diff?from=1&to=draft");

        diff.GetProperty("warnings").EnumerateArray().Should().BeEmpty();
        diff.GetProperty("changed").EnumerateArray().Single().GetProperty("id").GetString().Should().Be("notify");
    }
}
