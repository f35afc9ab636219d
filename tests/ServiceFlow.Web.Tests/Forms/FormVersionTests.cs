using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Forms;

/// Forms as versions through the API: the form version a workflow version pinned is the one its tasks are
/// checked against (only declared keys, types, options, required), a form edited and published later does
/// not change running instances, and publishing refuses a task whose form does not exist.
public sealed class FormVersionTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    const string V1 = """
        { "components": [
          { "type": "select", "key": "verdict", "label": "Verdict", "validate": { "required": true },
            "values": [ { "label": "Approve", "value": "approve" }, { "label": "Reject", "value": "reject" } ] },
          { "type": "number", "key": "amount", "label": "Amount", "validate": { "min": 0, "max": 1000 } } ] }
        """;

    const string V2 = """
        { "components": [
          { "type": "select", "key": "verdict", "label": "Verdict", "validate": { "required": true },
            "values": [ { "label": "Approve", "value": "approve" }, { "label": "Reject", "value": "reject" } ] },
          { "type": "textfield", "key": "reason", "label": "Reason", "validate": { "required": true, "pattern": "[A-Z].*" } } ] }
        """;

    static string Workflow(string key, string form) => $"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sf="https://serviceflow.dev/bpmn" targetNamespace="t">
          <process id="{key}" isExecutable="true">
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="second" />
            <userTask id="second" name="Second review" sf:candidateGroups="Supervisor" sf:formKey="{form}" />
            <sequenceFlow id="f2" sourceRef="second" targetRef="gw" />
            <exclusiveGateway id="gw" default="no" />
            <sequenceFlow id="yes" sourceRef="gw" targetRef="approved"><conditionExpression>verdict === 'approve'</conditionExpression></sequenceFlow>
            <sequenceFlow id="no" sourceRef="gw" targetRef="rejected" />
            <endEvent id="approved" /><endEvent id="rejected" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task Completing_IsCheckedAgainstTheFormVersion_UndeclaredKeysAndWrongTypesAre400NamingThem()
    {
        var (runtime, key, form) = await PublishedAsync(V1);
        var task = await OpenTaskAsync(runtime, await runtime.StartAsync(key));

        var undeclared = await runtime.CompleteAsync(task, new { verdict = "approve", supervisor = "mallory", priority = 1 });
        var wrongType = await runtime.CompleteAsync(task, new { verdict = "approve", amount = "lots" });
        var outOfRange = await runtime.CompleteAsync(task, new { verdict = "approve", amount = 5000 });
        var notAnOption = await runtime.CompleteAsync(task, new { verdict = "maybe" });
        var missing = await runtime.CompleteAsync(task, new { amount = 10 });

        foreach (var (response, says) in new[] { (undeclared, $"priority, supervisor are not a field of form '{form}'"), (wrongType, "amount must be a number"),
            (outOfRange, "amount must be at most 1000"), (notAnOption, "verdict must be one of approve, reject"), (missing, "verdict is required") })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain(says);
        }
        var done = await runtime.CompleteAsync(task, new { verdict = "approve", amount = 10 });
        done.StatusCode.Should().Be(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AFormEditedInADraftAndPublished_DoesNotChangeRunningInstances()
    {
        var (runtime, key, form) = await PublishedAsync(V1);
        var before = await runtime.StartAsync(key);

        // The process owner edits the form in the workflow's draft and publishes the workflow again.
        var admin = runtime.Http;
        var draft = await admin.GetFromJsonAsync<JsonElement>($"/api/forms/{form}");
        (await admin.PutAsync($"/api/forms/{form}/draft?baseVersion={draft.GetProperty("draftVersion").GetUInt32()}", Json(V2))).EnsureSuccessStatusCode();
        var published = await admin.PostAsync($"/api/workflows/{key}/publish", null);
        published.StatusCode.Should().Be(HttpStatusCode.Created, "the BPMN is unchanged, but the version pins a new form: " + await published.Content.ReadAsStringAsync());
        var after = await runtime.StartAsync(key);

        // The instance started before keeps version 1: no reason asked, the amount still a field.
        var oldTask = await OpenTaskAsync(runtime, before);
        (await runtime.CompleteAsync(oldTask, new { verdict = "reject", reason = "Too expensive" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await runtime.CompleteAsync(oldTask, new { verdict = "reject", amount = 20 })).StatusCode.Should().Be(HttpStatusCode.OK);
        // The new one asks version 2's fields, with its pattern.
        var newTask = await OpenTaskAsync(runtime, after);
        (await runtime.CompleteAsync(newTask, new { verdict = "approve", amount = 20 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var lowercase = await runtime.CompleteAsync(newTask, new { verdict = "approve", reason = "cheap" });
        (await lowercase.Content.ReadAsStringAsync()).Should().Contain("reason does not match the pattern");
        (await runtime.CompleteAsync(newTask, new { verdict = "approve", reason = "Cheap enough" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await runtime.JournalAsync(after)).Select(e => e.GetProperty("nodeId").GetString()).Should().Contain("approved", "the gateway decides on the form's select");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/forms/{form}")).GetProperty("latestVersion").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Publishing_RefusesATaskWhoseFormDoesNotExist_AndWarnsOfAConditionNoFormSets()
    {
        var runtime = new RuntimeClient(app.CreateAdminApiClient());
        var key = "forms-missing-" + Guid.NewGuid().ToString("N")[..6];

        var refused = await runtime.Http.PostAsync("/api/workflows", new StringContent(Workflow(key, "no-such-form"), Encoding.UTF8, "application/xml"));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("names the form 'no-such-form', which does not exist");
        var form = "forms-typo-" + Guid.NewGuid().ToString("N")[..6];
        (await runtime.Http.PutAsync($"/api/forms/{form}/draft?baseVersion=0", Json(V1.Replace("\"verdict\"", "\"verdikt\"", StringComparison.Ordinal)))).EnsureSuccessStatusCode();
        var saved = await runtime.Http.PutAsync($"/api/workflows/{key}/draft?baseVersion=0", new StringContent(Workflow(key, form), Encoding.UTF8, "application/xml"));
        (await saved.Content.ReadAsStringAsync()).Should().Contain("reads verdict, which no form");
        var badKey = await runtime.Http.PutAsync($"/api/forms/{form}/draft?baseVersion=0", Json(V1));
        badKey.StatusCode.Should().Be(HttpStatusCode.Conflict, "a save names the draft version it edited");
    }

    async Task<(RuntimeClient Runtime, string Key, string Form)> PublishedAsync(string schema)
    {
        var runtime = new RuntimeClient(app.CreateAdminApiClient());
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (key, form) = ($"second-review-{suffix}", $"second-review-{suffix}");
        (await runtime.Http.PutAsync($"/api/forms/{form}/draft?baseVersion=0", Json(schema))).EnsureSuccessStatusCode();
        (await runtime.Http.PutAsync($"/api/workflows/{key}/draft?baseVersion=0", new StringContent(Workflow(key, form), Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        var published = await runtime.Http.PostAsync($"/api/workflows/{key}/publish", null);
        published.StatusCode.Should().Be(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        return (runtime, key, form);
    }

    static async Task<Guid> OpenTaskAsync(RuntimeClient runtime, Guid instance) => (await runtime.TasksAsync(instance)).Single().GetProperty("id").GetGuid();

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
