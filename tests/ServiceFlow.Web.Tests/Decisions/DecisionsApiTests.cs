using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Decisions;

/// Decisions as versioned data through /api/decisions: validated on save, published as versions, pinned by the
/// workflow versions that call them.
public sealed class DecisionsApiTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly HttpClient admin = app.CreateAdminApiClient();
    readonly RuntimeClient runtime = new(app.CreateAdminApiClient());

    [Fact]
    public async Task ShippedDecisions_AreDeployedAtStart_AsVersionOne()
    {
        var list = await admin.GetFromJsonAsync<JsonElement[]>("/api/decisions");

        var keys = list!.Select(d => d.GetProperty("key").GetString()).ToList();
        keys.Should().Contain(["priority-matrix", "routing"]);
        var matrix = list!.Single(d => d.GetProperty("key").GetString() == "priority-matrix");
        matrix.GetProperty("decisionIds").EnumerateArray().Select(i => i.GetString()).Should().Equal("priority-matrix");
        var xml = await admin.GetStringAsync("/api/decisions/routing/versions/1/xml");
        xml.Should().Be(DecisionTables.Shipped("routing"), "version 1 is the shipped file as written");
    }

    [Fact]
    public async Task SaveDraft_RefusesAnInvalidCell_With400NamingTheElementAndLine()
    {
        var key = Models.Unique("bad-cell");
        var xml = DecisionTables.Shipped("priority-matrix").Replace("priority-matrix", key, StringComparison.Ordinal)
            .Replace("<inputEntry id=\"rule-high-low-urgency\"><text>\"low\"</text>", "<inputEntry id=\"rule-high-low-urgency\"><text>[1..</text>", StringComparison.Ordinal);

        var response = await DecisionTables.SaveAsync(admin, key, xml, 0);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var line = xml.Split('\n').ToList().FindIndex(l => l.Contains("rule-high-low-urgency", StringComparison.Ordinal)) + 1;
        problem.GetProperty("errors").GetProperty("rule-high-low-urgency")[0].GetString().Should().EndWith($"(line {line})");
        (await admin.GetAsync($"/api/decisions/{key}/draft")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was saved");
    }

    [Fact]
    public async Task SaveDraft_RefusesXmlThatIsNotDmn_AndADtd_With400()
    {
        var malformed = await DecisionTables.SaveAsync(admin, Models.Unique("broken"), "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">\n<decision", 0);
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadAsStringAsync()).Should().Contain("line 2");

        var dtd = await DecisionTables.SaveAsync(admin, Models.Unique("dtd"), "<!DOCTYPE x [<!ENTITY e \"boom\">]><definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"x\" />", 0);
        dtd.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SaveDraft_RefusesADecisionIdAnotherKeyDeclares()
    {
        var response = await DecisionTables.SaveAsync(admin, Models.Unique("copy"), DecisionTables.Shipped("priority-matrix"), 0);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("already declared by 'priority-matrix'");
    }

    [Fact]
    public async Task Draft_IsSavedOnlyOverTheVersionItWasBasedOn_AndCanBeDiscarded()
    {
        var key = Models.Unique("drafted");
        var xml = Standalone(key, "\"a\"");
        (await DecisionTables.SaveAsync(admin, key, xml, 0)).StatusCode.Should().Be(HttpStatusCode.OK);
        var draftVersion = await DecisionTables.DraftVersionAsync(admin, key);

        (await DecisionTables.SaveAsync(admin, key, xml, 0)).StatusCode.Should().Be(HttpStatusCode.Conflict, "someone saved since version 0");
        (await admin.PutAsync($"/api/decisions/{key}/draft", new StringContent(xml, Encoding.UTF8, "application/xml"))).StatusCode
            .Should().Be(HttpStatusCode.PreconditionRequired);
        (await admin.DeleteAsync($"/api/decisions/{key}/draft?baseVersion={draftVersion}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.GetAsync($"/api/decisions/{key}/draft")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Publish_MakesTheDraftAVersion_AndRepublishesTheWorkflowsThatCallDecisions()
    {
        var before = await admin.GetFromJsonAsync<JsonElement[]>("/api/workflows/service-exception/versions");

        var published = await DecisionTables.PublishAsync(admin, "routing", DecisionTables.RoutingWith("consultation", "Supervisor"));

        var version = published.GetProperty("version").GetInt32();
        version.Should().BeGreaterThan(1);
        published.GetProperty("workflows").EnumerateArray().Select(w => w.GetProperty("key").GetString()).Should().Contain("service-exception");
        (await admin.GetFromJsonAsync<JsonElement[]>("/api/workflows/service-exception/versions"))!.Length.Should().Be(before!.Length + 1);
        (await admin.GetStringAsync($"/api/decisions/routing/versions/{version}/xml")).Should().Contain("rule-test-consultation");
        (await admin.GetFromJsonAsync<JsonElement>("/api/decisions/routing/draft")).GetProperty("fromPublished").GetBoolean()
            .Should().BeTrue("the published draft is gone; editing starts from the new version");
    }

    [Fact]
    public async Task PublishingAWorkflow_IsRefused_WhenItCallsADecisionNobodyPublished()
    {
        var key = Models.Unique("no-decision");
        var response = await admin.PostAsync("/api/workflows", new StringContent(Models.Wrap(key, """
            <startEvent id="start" />
            <businessRuleTask id="decide" name="Decide" sf:decisionRef="nowhere-to-be-found" sf:resultVariable="x" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
            <sequenceFlow id="f2" sourceRef="decide" targetRef="end" />
            """), Encoding.UTF8, "application/xml"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("decide")[0].GetString().Should().Contain("'nowhere-to-be-found'").And.Contain("not published");
    }

    [Fact]
    public async Task AnInstanceStartedBeforeAPublish_KeepsTheDecisionVersionItsWorkflowVersionPinned()
    {
        var key = Models.Unique("pinned");
        var decisionKey = $"{key}-table";
        await DecisionTables.PublishAsync(admin, decisionKey, Standalone(decisionKey, "\"old\""));
        await runtime.PublishAsync(Models.Wrap(key, $"""
            <startEvent id="start" />
            <userTask id="wait" name="Wait" sf:candidateGroups="Supervisor" />
            <businessRuleTask id="decide" name="Decide" sf:decisionRef="{decisionKey}" sf:resultVariable="answer" sf:mapDecisionResult="singleEntry" />
            <userTask id="done" name="Done" sf:candidateGroups="Supervisor" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <sequenceFlow id="f2" sourceRef="wait" targetRef="decide" />
            <sequenceFlow id="f3" sourceRef="decide" targetRef="done" />
            <sequenceFlow id="f4" sourceRef="done" targetRef="end" />
            """));
        var before = await runtime.StartAsync(key);

        var published = await DecisionTables.PublishAsync(admin, decisionKey, Standalone(decisionKey, "\"new\""));
        published.GetProperty("workflows").EnumerateArray().Should().Contain(w => w.GetProperty("key").GetString() == key && w.GetProperty("version").GetInt32() == 2);
        var after = await runtime.StartAsync(key);
        foreach (var id in new[] { before, after })
            (await runtime.CompleteAsync((await runtime.TasksAsync(id)).Single().GetProperty("id").GetGuid())).EnsureSuccessStatusCode();

        (await runtime.InstanceAsync(before)).GetProperty("variables").GetProperty("answer").GetString().Should().Be("old");
        (await runtime.InstanceAsync(after)).GetProperty("variables").GetProperty("answer").GetString().Should().Be("new");
        (await runtime.JournalAsync(before)).Should().Contain(j => j.GetProperty("kind").GetString() == "DecisionEvaluated"
            && j.GetProperty("detail").GetString()!.StartsWith($"{decisionKey} v1 (UNIQUE)", StringComparison.Ordinal));
        (await runtime.JournalAsync(after)).Should().Contain(j => j.GetProperty("detail").GetString()!.StartsWith($"{decisionKey} v2 (UNIQUE)", StringComparison.Ordinal));
    }

    /// A one-rule table (any input → `output`), declaring decision `id`.
    internal static string Standalone(string id, string output) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="{id}-definitions" name="{id}" namespace="https://serviceflow.dev/tests">
          <decision id="{id}" name="{id}">
            <decisionTable id="{id}-table">
              <input id="{id}-input"><inputExpression id="{id}-expression" typeRef="string"><text>anything</text></inputExpression></input>
              <output id="{id}-output" name="answer" typeRef="string" />
              <rule id="{id}-rule"><inputEntry id="{id}-in"><text>-</text></inputEntry><outputEntry id="{id}-out"><text>{output}</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;
}
