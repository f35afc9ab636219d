using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Designer;

public sealed class VersionApiTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly DesignerClient designer = new(app.CreateAdminApiClient());
    readonly RuntimeClient runtime = new(app.CreateAdminApiClient());

    [Fact]
    public async Task Diff_ListsAddedRemovedAndChangedElements_WithTheChangedProperties()
    {
        var key = Models.Unique("diff");
        await runtime.PublishAsync(Models.Wrap(key, """
            <startEvent id="start" />
            <userTask id="approve" name="Approve" sf:candidateGroups="Supervisor" />
            <serviceTask id="log" sf:type="log" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <sequenceFlow id="f2" sourceRef="approve" targetRef="log" />
            <sequenceFlow id="f3" sourceRef="log" targetRef="end" />
            """));
        await runtime.PublishAsync(Models.Wrap(key, """
            <startEvent id="start" />
            <userTask id="approve" name="Approve change" sf:candidateGroups="ProcessOwner" />
            <userTask id="review" name="Review" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <sequenceFlow id="f2" sourceRef="approve" targetRef="review" />
            <sequenceFlow id="f4" sourceRef="review" targetRef="end" />
            """));

        var diff = await designer.Http.GetFromJsonAsync<JsonElement>($"/api/workflows/{key}/diff?from=1&to=2");

        Ids(diff, "added").Should().BeEquivalentTo("review", "f4");
        Ids(diff, "removed").Should().BeEquivalentTo("log", "f3");
        var changed = diff.GetProperty("changed").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        changed.Keys.Should().BeEquivalentTo("approve", "f2");
        Changes(changed["approve"]).Should().Contain(("name", "Approve", "Approve change"))
            .And.Contain(("sf:candidateGroups", "Supervisor", "ProcessOwner"));
        Changes(changed["f2"]).Should().Equal(("targetRef", "log", "review"));
        (await designer.Http.GetAsync($"/api/workflows/{key}/diff?from=1&to=9")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Republish_AnOlderVersion_RollsBackAsANewVersion_AndTheDraftFollows()
    {
        var key = Models.Unique("rollback");
        var v1 = Models.Approval(key);
        await runtime.PublishAsync(v1);
        await designer.SaveOkAsync(key, v1.Replace("\"approve\"", "\"review\"", StringComparison.Ordinal), 0);
        (await designer.PublishedVersionAsync(key)).Should().Be(2);

        var rollback = await designer.Http.PostAsync($"/api/workflows/{key}/versions/1/republish", null);

        rollback.StatusCode.Should().Be(HttpStatusCode.Created, await rollback.Content.ReadAsStringAsync());
        var body = await rollback.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("version").GetInt32().Should().Be(3);
        body.GetProperty("draftUpdated").GetBoolean().Should().BeTrue();
        (await designer.Http.GetStringAsync($"/api/workflows/{key}/versions/3/xml")).Should().Be(v1);
        (await designer.DraftAsync(key)).GetProperty("xml").GetString().Should().Be(v1);
        var started = await runtime.StartAsync(key);
        (await runtime.InstanceAsync(started)).GetProperty("activeNodes")[0].GetString().Should().Be("approve");

        var again = await designer.Http.PostAsync($"/api/workflows/{key}/versions/3/republish", null);
        again.StatusCode.Should().Be(HttpStatusCode.OK, "republishing the latest version changes nothing");
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task ExportAndImport_RoundTrip_KeepsOtherVendorsExtensions()
    {
        var key = Models.Unique("vendor");
        var xml = Models.Wrap(key, """
            <startEvent id="start" />
            <userTask id="approve" name="Approve" camunda:candidateGroups="Supervisor" camunda:formKey="embedded:app:approve.html">
              <extensionElements><camunda:properties><camunda:property name="color" value="blue" /></camunda:properties></extensionElements>
            </userTask>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
            """).Replace("xmlns:sf=", "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:sf=", StringComparison.Ordinal);

        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(xml)) { Headers = { ContentType = new MediaTypeHeaderValue("application/xml") } }, "file", $"{key}.bpmn");
        var imported = await designer.Http.PostAsync("/api/workflows/import", form);
        imported.StatusCode.Should().Be(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString().Should().Be(key);
        (await designer.DraftAsync(key)).GetProperty("xml").GetString().Should().Be(xml);
        (await designer.PublishedVersionAsync(key)).Should().Be(1);

        var export = await designer.Http.GetAsync($"/api/workflows/{key}/versions/1/xml?download=1");
        export.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        export.Content.Headers.ContentDisposition.FileNameStar.Should().Be($"{key}-v1.bpmn");
        var exported = await export.Content.ReadAsStringAsync();
        exported.Should().Be(xml).And.Contain("<camunda:property name=\"color\" value=\"blue\" />");

        // The exported file imports again as raw XML; replacing a draft without unpublished changes needs no version.
        var reimported = await designer.Http.PostAsync("/api/workflows/import", new StringContent(exported, Encoding.UTF8, "application/xml"));
        reimported.StatusCode.Should().Be(HttpStatusCode.OK, await reimported.Content.ReadAsStringAsync());
        var task = (await runtime.TasksAsync(await runtime.StartAsync(key))).Single();
        task.GetProperty("candidateGroups")[0].GetString().Should().Be("Supervisor");
    }

    [Fact]
    public async Task Import_OverADraftWithUnpublishedChanges_Is409UnlessTheVersionIsGiven()
    {
        var key = Models.Unique("import");
        var saved = await designer.SaveOkAsync(key, Models.Approval(key), 0);

        var refused = await designer.Http.PostAsync("/api/workflows/import", new StringContent(Models.Approval(key).Replace("Approve", "Imported", StringComparison.Ordinal), Encoding.UTF8, "application/xml"));
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).Should().Contain($"baseVersion={DesignerClient.Version(saved)}");

        var replaced = await designer.Http.PostAsync($"/api/workflows/import?baseVersion={DesignerClient.Version(saved)}",
            new StringContent(Models.Approval(key).Replace("Approve", "Imported", StringComparison.Ordinal), Encoding.UTF8, "application/xml"));
        replaced.StatusCode.Should().Be(HttpStatusCode.OK);
        (await designer.DraftAsync(key)).GetProperty("xml").GetString().Should().Contain("Imported");
    }

    static IEnumerable<string> Ids(JsonElement diff, string list) =>
        diff.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("id").GetString()!);

    static List<(string, string?, string?)> Changes(JsonElement element) =>
        element.GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("property").GetString()!, c.GetProperty("from").GetString(), c.GetProperty("to").GetString()))
            .ToList();
}
