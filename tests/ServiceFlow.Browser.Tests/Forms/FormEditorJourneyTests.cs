using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServiceFlow.Browser.Tests.Desk;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Forms;

/// Issue #18: a process owner adds a step with a new form in the designer (the diagram change through the designer's
/// own modeler API, the form in the form-js editor), publishes; a supervisor completes it in the form-js viewer.
/// Its own host: it changes the shipped service-exception workflow.
public sealed partial class FormEditorJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ANewStepWithANewForm_IsPublished_RefusedWithoutItsRequiredChoice_AndTakesTheChosenBranch()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        await DeskSession.CreateUserAsync(app, $"owner-{s}", "ProcessOwner");
        await DeskSession.CreateUserAsync(app, $"boss-{s}", "Supervisor");
        await DeskSession.CreateUserAsync(app, $"front-{s}", "FrontLine");
        await DeskSession.CreateUserAsync(app, $"tech-{s}", "TechSupport");
        var boss = await DeskApi.ClientAsync(app, $"boss-{s}");
        var front = await DeskApi.ClientAsync(app, $"front-{s}");

        // A ticket started before the change waits at "Arrange handling".
        var before = await DeskApi.RecordAsync(front, $"Started before {s}");
        await DeskApi.CompleteAsync(app, boss, before, "review", new { decision = "accept", groupAnalysis = false });

        // The process owner adds "Second review" after "Arrange handling", with a gateway on its decision.
        var owner = await DeskSession.SignInAsync(app, $"owner-{s}", width: 1600, height: 1100);
        await owner.GotoAsync("/workflows/service-exception/design");
        await Expect(owner.GetByTestId("draft-state")).Not.ToHaveTextAsync("Loading…");
        await owner.EvaluateAsync(AddSecondReview);
        await owner.GetByTestId("edit-form").ClickAsync();
        await Expect(owner.GetByTestId("form-editor-title")).ToHaveTextAsync("Form secondReview");
        (await owner.EvaluateAsync<string>("() => window.serviceFlowDesigner.modeler.get('elementRegistry').get('secondReview').businessObject.get('sf:formKey')"))
            .Should().Be("secondReview", "a step without a form gets one named after it");

        // Only the field types the server checks are offered; three are added from the palette with the keyboard.
        var offered = await owner.Locator(".fjs-palette-field:visible").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.fieldType)");
        offered.Should().Contain(["select", "textfield", "textarea"]).And.NotContain(["button", "iframe", "html", "image", "dynamiclist"]);
        foreach (var type in new[] { "select", "textfield", "textarea" })
            await owner.Locator($".fjs-palette-field[data-field-type={type}]").PressAsync("Enter");
        await owner.EvaluateAsync(DescribeFields);
        await owner.Locator("#form-texts input[data-english='Decision']").FillAsync("决定");
        await owner.Locator("#form-texts input[data-english='Approve']").FillAsync("批准");
        await DeskSession.ScreenshotAsync(owner, "form-editor-en");
        await owner.GetByTestId("form-save").ClickAsync();
        await Expect(owner.GetByTestId("form-status")).ToHaveTextAsync(new Regex("^Saved form draft \\d+\\.$"));
        var draft = await (await DeskApi.ClientAsync(app, $"owner-{s}")).GetFromJsonAsync<JsonElement>("/api/forms/secondReview");
        var schema = JsonDocument.Parse(draft.GetProperty("schema").GetString()!).RootElement;
        schema.GetProperty("translations").GetProperty("zh-CN").GetProperty("Decision").GetString().Should().Be("决定");
        schema.GetProperty("components")[2].GetProperty("properties").GetProperty("binding").GetString().Should().Be("ticket.description");

        owner.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await owner.GetByTestId("save").ClickAsync();
        await Expect(owner.GetByTestId("status")).ToContainTextAsync("Saved draft version");
        await Expect(owner.GetByTestId("publish")).ToBeEnabledAsync();
        await owner.GetByTestId("publish").ClickAsync();
        await Expect(owner.GetByTestId("status")).ToHaveTextAsync(PublishedVersion());
        (await (await DeskApi.ClientAsync(app, $"owner-{s}")).GetFromJsonAsync<JsonElement>("/api/forms/secondReview")).GetProperty("latestVersion").GetInt32()
            .Should().Be(1, "publishing the workflow published the form's draft");

        // A ticket recorded now reaches the new step after "Arrange handling".
        var after = await DeskApi.RecordAsync(front, $"Started after {s}");
        await DeskApi.CompleteAsync(app, boss, after, "review", new { decision = "accept", groupAnalysis = false });
        await DeskApi.CompleteAsync(app, boss, after, "arrange", new { handler = $"tech-{s}", plan = "Check the gateway" });

        var page = await DeskSession.SignInAsync(app, $"boss-{s}");
        await page.GotoAsync("/inbox?tab=groups");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = after }).GetByRole(AriaRole.Link, new() { Name = "Second review" }).ClickAsync();
        await page.GetByTestId("claim").ClickAsync();
        (await (await FormJs.ControlAsync(page, "newDescription")).InputValueAsync()).Should().Be("Customers see a timeout after 30 s when paying.", "a bound field starts from the record");

        // Without the required decision the viewer refuses, on the field.
        await page.GetByTestId("complete").ClickAsync();
        await Expect(page.Locator("[data-sf-form] .fjs-form-field-select .fjs-form-field-error")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tasks/"));

        // A value the form does not offer (as a crafted post sends it) is refused by the server, on the field and in the summary.
        await FormJs.ChooseAsync(page, "secondReview", "Approve");
        await FormJs.CraftAsync(page, "secondReview", "maybe");
        await page.GetByTestId("complete").ClickAsync();
        await Expect(page.GetByTestId("task-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("form-errors").Locator("li[data-field=secondReview]")).ToContainTextAsync("Decision");
        await Expect(page.Locator("[data-sf-form] .fjs-form-field-select .fjs-form-field-error")).ToContainTextAsync("approve, reject");

        await FormJs.ChooseAsync(page, "secondReview", "Approve");
        await FormJs.FillAsync(page, "reviewNote", "Plan checked");
        await FormJs.FillAsync(page, "newDescription", $"Payment gateway times out after 30 s {s}");
        await page.GetByTestId("complete").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/inbox"));

        // The gateway took the approve branch: the handler's task is next; the bound field changed with its history.
        var afterTasks = await OpenActivitiesAsync(boss, after);
        afterTasks.Should().Equal("execute");
        (await DeskApi.RecordOfAsync(app, after)).GetProperty("description").GetString().Should().Be($"Payment gateway times out after 30 s {s}");
        (await DeskApi.TimelineAsync(app, after)).Should().Contain(e => e.GetProperty("kind").GetString() == "Change"
            && e.GetProperty("text").GetString() == "description" && e.GetProperty("by").GetString() == $"boss-{s}");

        // The ticket started before keeps its version: arranging it goes straight to the handler, no second review.
        await DeskApi.CompleteAsync(app, boss, before, "arrange", new { handler = $"tech-{s}", plan = "Check the printer" });
        (await OpenActivitiesAsync(boss, before)).Should().Equal("execute");
    }

    static async Task<List<string>> OpenActivitiesAsync(HttpClient client, string number)
    {
        var instanceId = (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("instanceId").GetGuid();
        var tasks = await client.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instanceId}");
        return [.. tasks!.Select(t => t.GetProperty("activityId").GetString()!)];
    }

    [GeneratedRegex("^Published version \\d+\\.$")]
    private static partial Regex PublishedVersion();

    /// arrange → Second review → "Approved?" → approve: execute; otherwise (default): back to arrange. Selects the new task.
    const string AddSecondReview = """
        () => {
          const m = window.serviceFlowDesigner.modeler;
          const registry = m.get('elementRegistry'), modeling = m.get('modeling'), factory = m.get('elementFactory'), bpmn = m.get('bpmnFactory'), moddle = m.get('moddle');
          const arrange = registry.get('arrange'), execute = registry.get('execute');
          modeling.removeConnection(registry.get('f6'));
          const shape = (type, id, name) => factory.createShape({ type, businessObject: bpmn.create(type, { id, name }) });
          const task = modeling.createShape(shape('bpmn:UserTask', 'secondReview', 'Second review'), { x: arrange.x + arrange.width / 2, y: arrange.y + 200 }, arrange.parent);
          modeling.updateProperties(task, { 'sf:candidateGroups': 'Supervisor' });
          const gateway = modeling.createShape(shape('bpmn:ExclusiveGateway', 'gwSecond', 'Approved?'), { x: task.x + task.width / 2 + 160, y: task.y + task.height / 2 }, arrange.parent);
          modeling.connect(arrange, task, { type: 'bpmn:SequenceFlow' });
          modeling.connect(task, gateway, { type: 'bpmn:SequenceFlow' });
          const approve = modeling.connect(gateway, execute, { type: 'bpmn:SequenceFlow' });
          const reject = modeling.connect(gateway, arrange, { type: 'bpmn:SequenceFlow' });
          modeling.updateProperties(approve, { name: 'approve', conditionExpression: moddle.create('bpmn:FormalExpression', { body: "secondReview === 'approve'" }) });
          modeling.updateProperties(gateway, { default: reject.businessObject });
          m.get('selection').select(task);
        }
        """;

    /// What a process owner sets in the editor's properties panel: keys, labels, the options, required, the binding.
    const string DescribeFields = """
        () => {
          const editor = window.serviceFlowFormEditor.state.editor.editor;
          const modeling = editor.get('modeling');
          const [decision, note, description] = editor._getState().schema.components; // the editor's own fields, not an exported copy
          modeling.editFormField(decision, { key: 'secondReview', label: 'Decision', validate: { required: true },
            values: [ { label: 'Approve', value: 'approve' }, { label: 'Reject', value: 'reject' } ] });
          modeling.editFormField(note, { key: 'reviewNote', label: 'Note' });
          modeling.editFormField(description, { key: 'newDescription', label: 'Description', properties: { binding: 'ticket.description' } });
        }
        """;
}
