using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Designer;

public sealed class DraftApiTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly DesignerClient designer = new(app.CreateAdminApiClient());
    readonly RuntimeClient runtime = new(app.CreateAdminApiClient());

    [Fact]
    public async Task SaveDraft_OnAStaleVersion_Is409NamingWhoSaved_AndKeepsTheFirstSave()
    {
        var key = Models.Unique("draft");
        var loaded = DesignerClient.Version(await designer.SaveOkAsync(key, Models.Approval(key), baseVersion: 0));

        var first = await designer.SaveOkAsync(key, Models.Approval(key).Replace("Approve", "First editor", StringComparison.Ordinal), loaded);
        var second = await designer.SaveAsync(key, Models.Approval(key).Replace("Approve", "Second editor", StringComparison.Ordinal), loaded);

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        second.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Contain("saved by admin at").And.Contain("reload to see their changes");
        var draft = await designer.DraftAsync(key);
        draft.GetProperty("xml").GetString().Should().Contain("First editor").And.NotContain("Second editor");
        DesignerClient.Version(draft).Should().Be(DesignerClient.Version(first)).And.NotBe(loaded);
    }

    [Fact]
    public async Task SaveDraft_WithoutABaseVersion_Is428_AndAForeignProcessIdIs400NamingBoth()
    {
        var key = Models.Unique("draft");
        (await designer.SaveAsync(key, Models.Approval(key), baseVersion: null)).StatusCode.Should().Be((HttpStatusCode)428);

        var other = await designer.SaveAsync(key, Models.Approval("someone-else"), baseVersion: 0);
        other.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await other.Content.ReadAsStringAsync()).Should().Contain("'someone-else'").And.Contain($"'{key}'");
    }

    [Fact]
    public async Task GetDraft_WithoutADraft_StartsFromTheLatestPublishedVersion()
    {
        var key = Models.Unique("draft");
        await runtime.PublishAsync(Models.Approval(key));

        var draft = await designer.DraftAsync(key);

        DesignerClient.Version(draft).Should().Be(0);
        draft.GetProperty("fromPublished").GetBoolean().Should().BeTrue();
        draft.GetProperty("publishedVersion").GetInt32().Should().Be(1);
        draft.GetProperty("xml").GetString().Should().Be(Models.Approval(key));
        (await designer.Http.GetAsync($"/api/workflows/{Models.Unique("none")}/draft")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PublishDraft_ThatIsInvalid_Is400ListingTheElementId()
    {
        var key = Models.Unique("draft");
        var xml = Models.Wrap(key, """
            <startEvent id="start" />
            <userTask id="orphan" name="Nobody reaches me" sf:candidateGroups="Supervisor" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
            """);

        var saved = await designer.SaveOkAsync(key, xml, 0);
        saved.GetProperty("executable").GetBoolean().Should().BeFalse();
        saved.GetProperty("errors").EnumerateArray().Should().Contain(e => e.GetProperty("elementId").GetString() == "orphan");

        var response = await designer.PublishAsync(key);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty("orphan", out _).Should().BeTrue(problem.ToString());
        (await designer.Http.GetAsync($"/api/workflows/{key}/versions")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PublishDraft_CreatesVersionNPlus1_WhileARunningInstanceStaysOnN()
    {
        var key = Models.Unique("draft");
        await runtime.PublishAsync(Models.Approval(key));
        var before = await runtime.StartAsync(key);
        var draft = await designer.DraftAsync(key);
        var edited = draft.GetProperty("xml").GetString()!.Replace("\"approve\"", "\"review\"", StringComparison.Ordinal);
        await designer.SaveOkAsync(key, edited, DesignerClient.Version(draft));

        (await designer.PublishedVersionAsync(key)).Should().Be(2);
        (await designer.PublishedVersionAsync(key, HttpStatusCode.OK)).Should().Be(2, "publishing an unchanged draft is not a new version");
        var after = await runtime.StartAsync(key);

        (await runtime.InstanceAsync(before)).GetProperty("version").GetInt32().Should().Be(1);
        (await runtime.InstanceAsync(before)).GetProperty("activeNodes")[0].GetString().Should().Be("approve");
        (await runtime.InstanceAsync(after)).GetProperty("version").GetInt32().Should().Be(2);
        (await runtime.InstanceAsync(after)).GetProperty("activeNodes")[0].GetString().Should().Be("review");
        (await designer.DraftAsync(key)).GetProperty("unpublishedChanges").GetBoolean().Should().BeFalse();
    }
}
