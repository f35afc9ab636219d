using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Browser.Tests.Designer;

public sealed partial class DesignerPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string Key = "service-exception";

    [Fact]
    public async Task ProcessOwner_AddsAUserTask_FixesTheValidationError_AndPublishes_WhileOldInstancesStayOnTheirVersion()
    {
        // With Kestrel the factory's in-memory client has no server; talk to the real socket.
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new("Bearer", ServiceFlowApp.AdminToken);
        var published = await api.PostAsync("/api/workflows", new StringContent(ServiceException, Encoding.UTF8, "application/xml"));
        published.IsSuccessStatusCode.Should().BeTrue(await published.Content.ReadAsStringAsync());
        var n = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var before = await StartAsync(api);

        var page = await SignInAsync();
        await page.GotoAsync("/workflows");
        await page.GetByTestId($"open-{Key}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("No unsaved changes");
        await Assertions.Expect(page.GetByTestId("publish")).ToBeDisabledAsync(); // nothing saved yet

        // Modelling on the canvas through the page's designer (drag-and-drop is impractical headless);
        // the property, save, validation and publish go through the page's UI.
        await page.EvaluateAsync("""
            () => {
              const m = window.serviceFlowDesigner.modeler;
              const task = m.get('bpmnFactory').create('bpmn:UserTask', { id: 'review', name: 'Review' });
              const shape = m.get('elementFactory').createShape({ type: 'bpmn:UserTask', businessObject: task });
              m.get('modeling').createShape(shape, { x: 460, y: 280 }, m.get('canvas').getRootElement());
              window.serviceFlowDesigner.selectElement('review');
            }
            """);
        await page.Locator("#bio-properties-panel-sf-candidateGroups").SelectOptionAsync("Supervisor");
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("Unsaved changes");
        await page.GetByTestId("save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("problems to fix before publishing");
        await Assertions.Expect(page.Locator("[data-testid=problems] li[data-element-id=review]").First).ToContainTextAsync("no incoming sequence flow");
        await Assertions.Expect(page.Locator(".djs-element[data-element-id=review] .sf-error, g.sf-error[data-element-id=review]").First).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("publish")).ToBeDisabledAsync();

        await page.EvaluateAsync("""
            () => {
              const m = window.serviceFlowDesigner.modeler;
              const registry = m.get('elementRegistry');
              const review = registry.get('review');
              m.get('modeling').reconnectEnd(registry.get('f2'), review, { x: review.x, y: review.y + review.height / 2 });
              m.get('modeling').connect(review, registry.get('end'));
            }
            """);
        await page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync(SavedVersion());
        await Assertions.Expect(page.GetByTestId("problems")).ToContainTextAsync("No problems found.");
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync($"Published version {n + 1}.");
        // Listed in the desk's time (Asia/Shanghai) to the minute, whatever zone the browser is in.
        await Assertions.Expect(page.Locator($"[data-testid=versions] li[data-version='{n + 1}']"))
            .ToContainTextAsync(new Regex($@"^v{n + 1} · \d{{4}}-\d\d-\d\d \d\d:\d\d UTC\+8 · "));

        var after = await StartAsync(api);
        (await VersionOfAsync(api, before)).Should().Be(n);
        (await VersionOfAsync(api, after)).Should().Be(n + 1);
        var triage = (await api.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={after}&status=Open"))!.Single();
        (await api.PostAsJsonAsync($"/api/tasks/{triage.GetProperty("id").GetGuid()}/complete", new { variables = new { } })).StatusCode.Should().Be(HttpStatusCode.OK);
        var review = (await api.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={after}&status=Open"))!.Single();
        review.GetProperty("activityId").GetString().Should().Be("review");
        review.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()).Should().Equal("Supervisor");
    }

    [Fact]
    public async Task InstancePage_MarksActiveAndCompletedNodes_AndTheApiRefusesCookieWritesWithoutTheToken()
    {
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new("Bearer", ServiceFlowApp.AdminToken);
        var key = "instance-view-" + Guid.NewGuid().ToString("N")[..8];
        var xml = ServiceException.Replace("\"service-exception\"", $"\"{key}\"", StringComparison.Ordinal);
        (await api.PostAsync("/api/workflows", new StringContent(xml, Encoding.UTF8, "application/xml"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var started = await api.PostAsJsonAsync("/api/instances", new { workflowKey = key, variables = new { } });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await SignInAsync();
        await page.GotoAsync($"/instances/{id}");

        await Assertions.Expect(page.Locator("#diagram .djs-element.sf-active[data-element-id=triage]")).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#diagram .djs-element.sf-completed[data-element-id=start]")).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("[data-testid=journal] li[data-kind=NodeEntered]").First).ToContainTextAsync("Entered");
        await Assertions.Expect(page.GetByTestId("journal")).Not.ToContainTextAsync("NodeEntered"); // the kind in words, not its enum name

        var statuses = await page.EvaluateAsync<int[]>("""
            async (key) => {
              const token = document.querySelector('meta[name="request-verification-token"]').content;
              const put = (headers) => fetch(`/api/workflows/${key}/draft?baseVersion=0`, { method: 'PUT', body: document.getElementById('instance-config') && JSON.parse(document.getElementById('instance-config').textContent).xml, headers: { 'Content-Type': 'application/xml', ...headers } });
              return [(await put({})).status, (await put({ RequestVerificationToken: token })).status];
            }
            """, key);
        statuses.Should().Equal(400, 200);
    }

    [Fact]
    public async Task NewWorkflow_FromACopy_OpensTheCopyUnderTheNewKey_AndSavesItAsItsDraft()
    {
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new("Bearer", ServiceFlowApp.AdminToken);
        var source = "copy-source-" + Guid.NewGuid().ToString("N")[..8];
        var copy = source.Replace("source", "target", StringComparison.Ordinal);
        var xml = ServiceException.Replace("\"service-exception\"", $"\"{source}\"", StringComparison.Ordinal);
        (await api.PostAsync("/api/workflows", new StringContent(xml, Encoding.UTF8, "application/xml"))).StatusCode.Should().Be(HttpStatusCode.Created);

        var page = await SignInAsync();
        await page.GotoAsync("/workflows");
        await page.Locator($"[data-key='{source}'] [data-copy]").ClickAsync();
        await page.Locator("#new-key").FillAsync(copy);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/workflows/{copy}/design"));
        await Assertions.Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("Not saved yet");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync(SavedVersion());
        var draft = await api.GetFromJsonAsync<JsonElement>($"/api/workflows/{copy}/draft");
        draft.GetProperty("xml").GetString().Should().Contain($"id=\"{copy}\"").And.Contain("name=\"Triage\"").And.NotContain(source);
    }

    async Task<IPage> SignInAsync()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(ServiceFlowApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync("admin");
        return page;
    }

    /// The lifecycle instance of a newly recorded ticket: tickets start `service-exception` (POST /api/instances refuses it).
    static async Task<Guid> StartAsync(HttpClient api)
    {
        var response = await api.PostAsJsonAsync("/api/tickets", new
        {
            title = "Designer test",
            description = "A ticket whose lifecycle runs the workflow under test.",
            serviceType = "system-operations",
            serviceObject = "designer",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority = "P3",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        return (await api.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("instanceId").GetGuid();
    }

    static async Task<int> VersionOfAsync(HttpClient api, Guid id) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/instances/{id}")).GetProperty("version").GetInt32();

    [GeneratedRegex(@"^Saved draft version \d+\.$")]
    private static partial Regex SavedVersion();

    /// start → triage → end, with diagram interchange so the designer can draw it.
    const string ServiceException = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
            xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:sf="https://serviceflow.dev/bpmn"
            id="Definitions_se" targetNamespace="https://serviceflow.dev/bpmn/processes">
          <bpmn:process id="service-exception" name="Service exception" isExecutable="true">
            <bpmn:startEvent id="start" name="Exception logged" />
            <bpmn:userTask id="triage" name="Triage" sf:candidateGroups="FrontLine" />
            <bpmn:endEvent id="end" name="Closed" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="triage" />
            <bpmn:sequenceFlow id="f2" sourceRef="triage" targetRef="end" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="BPMNDiagram_1">
            <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="service-exception">
              <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="triage_di" bpmnElement="triage"><dc:Bounds x="250" y="80" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="652" y="102" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="250" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="350" y="120" /><di:waypoint x="652" y="120" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}
