using System.Net;
using System.Text;
using System.Text.Json;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Forms;

/// `"properties": { "prefill": "<variable>" }` (docs/forms.md): a task form's field starts from an instance variable,
/// only with a value the field accepts; emptying it clears the variable; publishing refuses a prefill that names no
/// variable, sits on a file field or competes with a binding.
public sealed class FormPrefillTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    static string Form(string prefill) => $$"""
        { "components": [
          { "type": "textarea", "key": "note", "label": "Note", "properties": { "prefill": {{prefill}} }, "validate": { "maxLength": 200 } },
          { "type": "textfield", "key": "other", "label": "Other" },
          { "type": "checkbox", "key": "again", "label": "Again" } ] }
        """;

    static Dictionary<string, JsonElement> Vars(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void Prefill_StartsFromTheNamedVariable_OnlyWithAValueTheFieldAccepts()
    {
        var form = FormSchema.Parse("prefill", Form("\"earlier\""));
        form.Problems.Should().BeEmpty();
        form.Field("note")!.Prefill.Should().Be("earlier");

        FormPrefill.Values(form, Vars("""{ "earlier": "from the last pass", "other": "not asked for" }"""))
            .Should().ContainSingle().Which.Value.GetString().Should().Be("from the last pass", "only the field that asks is prefilled");
        FormPrefill.Values(form, Vars("""{ "earlier": 42 }""")).Should().BeEmpty("a number is not text: the field starts empty rather than refused");
        FormPrefill.Values(form, Vars($$"""{ "earlier": "{{new string('x', 201)}}" }""")).Should().BeEmpty("longer than the field takes");
        FormPrefill.Values(form, Vars("""{ "earlier": null }""")).Should().BeEmpty();
    }

    [Theory]
    [InlineData("\"ticket.description\"", "which is not a variable name")]
    [InlineData("\"\"", "which is not a variable name")]
    [InlineData("42", "which is not a variable name")]
    [InlineData("{ \"from\": \"note\" }", "which is not a variable name")]
    public void Parse_RefusesAPrefillThatNamesNoVariable(string prefill, string problem) =>
        FormSchema.Parse("prefill", Form(prefill)).Problems.Should().ContainSingle().Which.Should().Contain("Field 'note'").And.Contain(problem);

    [Fact]
    public void Parse_RefusesAPrefilledFileField_AndAPrefillBesideABinding()
    {
        FormSchema.Parse("f", """{ "components": [ { "type": "filepicker", "key": "shot", "properties": { "prefill": "shot" } } ] }""")
            .Problems.Should().ContainSingle().Which.Should().Contain("cannot be prefilled");
        FormSchema.Parse("f", """{ "components": [ { "type": "textarea", "key": "d", "properties": { "prefill": "d", "binding": "ticket.description" } } ] }""")
            .Problems.Should().ContainSingle().Which.Should().Contain("both binds to 'ticket.description' and prefills");
    }

    [Fact]
    public void Check_AnEmptiedPrefilledField_ClearsItsVariable_ALeftOutOneChangesNothing_ARequiredOneIsStillRequired()
    {
        var form = FormSchema.Parse("prefill", Form("\"note\""));
        FormValidator.Check(form, Vars("""{ "note": "" }"""), "u").Variables["note"].ValueKind.Should().Be(JsonValueKind.Null);
        FormValidator.Check(form, Vars("""{ "other": "" }"""), "u").Variables.Should().NotContainKey("note").And.NotContainKey("other");
        var required = FormSchema.Parse("r", """{ "components": [ { "type": "textarea", "key": "c", "properties": { "prefill": "c" }, "validate": { "required": true } } ] }""");
        FormValidator.Check(required, Vars("""{ "c": "" }"""), "u").Errors.Should().ContainSingle(e => e.Key == "c");
    }

    [Fact]
    public void PageWithoutScripts_SendsAnEmptiedPrefilledField_SoItIsCleared_AndLeavesOtherEmptyFieldsOut()
    {
        var form = FormSchema.Parse("prefill", Form("\"note\""));
        var posted = new Microsoft.AspNetCore.Http.FormCollection(new() { ["note"] = "", ["other"] = "" });
        var sent = ServiceFlow.Web.Features.Inbox.TaskFormView.FromPost(form, posted);
        sent.Should().ContainKey("note").And.NotContainKey("other");
        FormValidator.Check(form, sent, "u").Variables["note"].ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task TaskPage_FillsTheFieldFromTheInstance_Escaped_AndAgainAfterEachPass_UntilItIsEmptied()
    {
        var runtime = new RuntimeClient(app.CreateAdminApiClient());
        var key = "prefill-" + Guid.NewGuid().ToString("N")[..6];
        (await runtime.Http.PutAsync($"/api/forms/{key}/draft?baseVersion=0", new StringContent(Form("\"note\""), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await PublishAsync(runtime, key)).StatusCode.Should().Be(HttpStatusCode.Created);
        const string Hostile = "</script><img src=x onerror=alert(1)> 第一稿";
        var instance = await runtime.StartAsync(key, new { note = Hostile, other = "kept out" });
        var supervisor = new RuntimeClient(await Tickets.People.CreateAsync(app, key, "Supervisor"));

        var first = await PageDataAsync(supervisor, instance);
        first.GetProperty("note").GetString().Should().Be(Hostile);
        first.TryGetProperty("other", out _).Should().BeFalse("a field without prefill starts empty, whatever the instance holds");

        (await supervisor.CompleteAsync(await TaskAsync(runtime, instance), new { note = "second pass", again = true })).EnsureSuccessStatusCode();
        (await PageDataAsync(supervisor, instance)).GetProperty("note").GetString().Should().Be("second pass");

        (await supervisor.CompleteAsync(await TaskAsync(runtime, instance), new { note = "", again = true })).EnsureSuccessStatusCode();
        (await PageDataAsync(supervisor, instance)).TryGetProperty("note", out _).Should().BeFalse("the person emptied it: the old text does not come back");
        (await runtime.InstanceAsync(instance)).GetProperty("variables").GetProperty("note").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Publishing_RefusesAWorkflowWhoseFormPrefillsFromSomethingThatIsNoVariable()
    {
        var runtime = new RuntimeClient(app.CreateAdminApiClient());
        var key = "prefill-bad-" + Guid.NewGuid().ToString("N")[..6];
        var saved = await runtime.Http.PutAsync($"/api/forms/{key}/draft?baseVersion=0", new StringContent(Form("\"ticket.plan\""), Encoding.UTF8, "application/json"));
        (await saved.Content.ReadAsStringAsync()).Should().Contain("ticket.plan").And.Contain("which is not a variable name");
        var refused = await PublishAsync(runtime, key);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("which is not a variable name");
    }

    static string Loop(string key) => $"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sf="https://serviceflow.dev/bpmn" targetNamespace="t">
          <process id="{key}" isExecutable="true">
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="edit" />
            <userTask id="edit" name="Edit the note" sf:candidateGroups="Supervisor" sf:formKey="{key}" />
            <sequenceFlow id="f2" sourceRef="edit" targetRef="gw" />
            <exclusiveGateway id="gw" default="done" />
            <sequenceFlow id="back" sourceRef="gw" targetRef="edit"><conditionExpression>again === true</conditionExpression></sequenceFlow>
            <sequenceFlow id="done" sourceRef="gw" targetRef="end" /><endEvent id="end" />
          </process>
        </definitions>
        """;

    /// The workflow's draft published with the form drafts it names (as the designer does).
    static async Task<HttpResponseMessage> PublishAsync(RuntimeClient runtime, string key)
    {
        (await runtime.Http.PutAsync($"/api/workflows/{key}/draft?baseVersion=0", new StringContent(Loop(key), Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        return await runtime.Http.PostAsync($"/api/workflows/{key}/publish", null);
    }

    static async Task<Guid> TaskAsync(RuntimeClient runtime, Guid instance) => (await runtime.TasksAsync(instance)).Single().GetProperty("id").GetGuid();

    /// The data the task page gives the form-js viewer (its `sf-form-config` JSON), as the browser reads it.
    static async Task<JsonElement> PageDataAsync(RuntimeClient runtime, Guid instance)
    {
        var html = await runtime.Http.GetStringAsync($"/tasks/{await TaskAsync(runtime, instance)}");
        html.Should().NotContain("<img src=x", "what a person wrote is never markup on the page");
        return TaskPageData.Of(html);
    }
}
