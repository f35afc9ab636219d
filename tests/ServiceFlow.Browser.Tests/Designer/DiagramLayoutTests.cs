using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Designer;

/// Every shipped workflow opens in the designer and is readable where people look at it: the designer
/// (clear of the palette), the instance view and the ticket page, also when the file has no diagram.
[Collection(DesignerCollection.Name)]
public sealed partial class DiagramLayoutTests(BrowserApp app)
{
    static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    readonly DesignerSession session = new(app);

    [Theory]
    [InlineData("service-exception")]
    [InlineData("email-intake")]
    [InlineData("callback-survey")]
    public async Task EveryShippedWorkflow_Opens_WithItsShapesVisibleAndClearOfThePalette(string key)
    {
        await session.DiscardDraftAsync(key);
        var page = await session.SignInAsync();
        await DesignerSession.OpenDesignerAsync(page, key);

        var xml = await File.ReadAllTextAsync(DesignerSession.Shipped(key + ".bpmn"));
        var topLevel = BpmnSemantics.Parse(xml).Descendants(Bpmn + "process").Single().Elements()
            .Where(e => e.Name.LocalName is "startEvent" or "endEvent" or "userTask" or "serviceTask" or "sendTask" or "subProcess" or "exclusiveGateway" or "intermediateCatchEvent")
            .Select(e => (string)e.Attribute("id")!).ToList();
        topLevel.Should().NotBeEmpty();
        var palette = (await page.Locator(".djs-palette").BoundingBoxAsync())!;
        var canvas = (await page.Locator("#canvas").BoundingBoxAsync())!;
        foreach (var id in topLevel)
        {
            var shape = page.Locator($"#canvas g.djs-shape[data-element-id='{id}']");
            await Expect(shape).ToBeVisibleAsync();
            var box = (await shape.BoundingBoxAsync())!;
            box.X.Should().BeGreaterThanOrEqualTo(palette.X + palette.Width, $"{id} must not sit under the palette");
            (box.X + box.Width).Should().BeLessThanOrEqualTo(canvas.X + canvas.Width, $"{id} fits the canvas");
            (box.Y + box.Height).Should().BeLessThanOrEqualTo(canvas.Y + canvas.Height, $"{id} fits the canvas");
        }
        await WatermarkIsVisibleAsync(page, "#canvas");
    }

    [Fact]
    public async Task AWorkflowWithoutDiagram_IsLaidOut_AndTheSavedLayoutOpensTheSameNextTime()
    {
        var key = "callback-survey";
        await session.DiscardDraftAsync(key);
        var page = await session.SignInAsync();
        await DesignerSession.OpenDesignerAsync(page, key);

        await Expect(page.GetByTestId("status")).ToContainTextAsync("no diagram layout");
        await DesignerSession.ScreenshotAsync(page, "designer-generated-layout");
        await Expect(page.GetByTestId("draft-state")).ToHaveTextAsync("Unsaved changes");
        await DesignerSession.SaveAsync(page);
        var saved = BpmnSemantics.Parse(await session.DraftXmlAsync(key));
        var shapes = saved.Descendants(Di + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, s => s.ToString());
        shapes.Keys.Should().Contain(["resolved", "delay", "waitForAnswer", "reminderDue", "answer", "expire"]);

        await DesignerSession.OpenDesignerAsync(page, key); // reload: the stored layout, not a new one
        await Expect(page.GetByTestId("draft-state")).ToHaveTextAsync(new Regex("^(Draft is valid|Draft has problems)$"));
        await Expect(page.GetByTestId("status")).Not.ToContainTextAsync("no diagram layout");
        var reopened = BpmnSemantics.Parse(await page.EvaluateAsync<string>("() => window.serviceFlowDesigner.saveXml()"));
        reopened.Descendants(Di + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, s => s.ToString())
            .Should().BeEquivalentTo(shapes);
        await session.DiscardDraftAsync(key);
    }

    [Fact]
    public async Task InstanceView_DrawsAWorkflowWithoutDiagram_AndMarksWhereItWaits()
    {
        // The survey feature starts its workflow (POST /api/instances refuses it): an administrator's survey by hand.
        var started = await session.Api.PostAsJsonAsync("/api/surveys", new { businessKey = $"LAYOUT-{Guid.NewGuid():N}"[..15], variables = new { customerEmail = "layout@example.com" } });
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetGuid();
        var page = await session.SignInAsync();

        await page.GotoAsync($"/instances/{id}");

        await Expect(page.Locator("#diagram g.djs-shape[data-element-id=delay].sf-active")).ToBeVisibleAsync();
        await Expect(page.Locator("#diagram g.djs-shape[data-element-id=resolved].sf-completed")).ToBeVisibleAsync();
        await DesignerSession.ScreenshotAsync(page, "instance-generated-layout");
        await WatermarkIsVisibleAsync(page, "#diagram");
    }

    [Fact]
    public async Task TicketPage_ShowsTheLifecycleAcrossThePage_WithZoom_EvenWhenTheVersionHasNoDiagram()
    {
        // The running lifecycle version without its diagram interchange, as a tool that writes none would publish it.
        var shipped = BpmnSemantics.Parse(await File.ReadAllTextAsync(DesignerSession.Shipped("service-exception.bpmn")));
        shipped.Descendants(Di + "BPMNDiagram").Remove();
        var published = await session.Api.PostAsync("/api/workflows", new StringContent(shipped.ToString(), Encoding.UTF8, "application/xml"));
        published.StatusCode.Should().Be(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        var version = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        string number;
        try
        {
            number = await RecordTicketAsync();
        }
        finally
        {
            // the other designer tests expect a lifecycle with its diagram as the latest version
            (await session.Api.PostAsync($"/api/workflows/service-exception/versions/{version - 1}/republish", null)).EnsureSuccessStatusCode();
        }
        var page = await session.SignInAsync();

        await page.GotoAsync($"/tickets/{number}");

        var diagram = page.GetByTestId("diagram");
        await Expect(diagram.Locator("g.djs-shape[data-element-id=review].sf-active")).ToBeVisibleAsync();
        var box = (await diagram.BoundingBoxAsync())!;
        var main = (await page.Locator("main, .page").First.BoundingBoxAsync())!;
        box.Width.Should().BeGreaterThan(main.Width * 0.85f, "the diagram spans the page, not half of it");
        box.Height.Should().BeGreaterThanOrEqualTo(320);
        await DesignerSession.ScreenshotAsync(page, "ticket-page");
        var review = (await diagram.Locator("g.djs-shape[data-element-id=review]").BoundingBoxAsync())!;
        review.Width.Should().BeGreaterThanOrEqualTo(45, "a task is drawn large enough to read its name");

        var scale = await Zoom(page);
        await diagram.GetByTestId("zoom-in").ClickAsync();
        (await Zoom(page)).Should().BeApproximately(scale * 1.25, 0.01);
        await diagram.GetByTestId("zoom-out").ClickAsync();
        await diagram.GetByTestId("zoom-out").ClickAsync();
        (await Zoom(page)).Should().BeLessThan(scale);
        await diagram.GetByTestId("zoom-fit").ClickAsync();
        (await Zoom(page)).Should().BeApproximately(scale, 0.01);
        await WatermarkIsVisibleAsync(page, "[data-testid=diagram]");
    }

    [Fact]
    public async Task SaveDraftButton_IsReadable()
    {
        var page = await session.SignInAsync();
        await DesignerSession.OpenDesignerAsync(page, "email-intake");

        var colours = await page.GetByTestId("save").EvaluateAsync<string[]>("b => { const s = getComputedStyle(b); return [s.color, s.backgroundColor]; }");

        Contrast(colours[0], colours[1]).Should().BeGreaterThanOrEqualTo(4.5, $"text {colours[0]} on {colours[1]}");
    }

    /// The bpmn.io watermark (bpmn-js licence) is shown and nothing covers it.
    static async Task WatermarkIsVisibleAsync(IPage page, string container)
    {
        var mark = page.Locator($"{container} .bjs-powered-by");
        await Expect(mark).ToBeVisibleAsync();
        var covered = await mark.EvaluateAsync<bool>("m => { m.scrollIntoView({ block: 'center' }); const r = m.getBoundingClientRect(); const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return !(top === m || m.contains(top)); }");
        covered.Should().BeFalse("the bpmn.io watermark must stay visible");
    }

    /// The viewer's scale, read from the SVG the page shows.
    static Task<double> Zoom(IPage page) =>
        page.EvaluateAsync<double>("() => document.querySelector('[data-testid=diagram] .djs-container svg g.viewport').transform.baseVal.consolidate().matrix.a");

    async Task<string> RecordTicketAsync()
    {
        var created = await session.Api.PostAsJsonAsync("/api/tickets", new
        {
            title = "Printer offline",
            description = "The 3rd floor printer is offline.",
            serviceType = "system-operations",
            serviceObject = "printer",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority = "P3",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    static double Contrast(string a, string b)
    {
        static double Luminance(string css)
        {
            var c = Rgb().Match(css).Groups.Values.Skip(1).Take(3).Select(g => double.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture) / 255)
                .Select(v => v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        }
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    [GeneratedRegex(@"rgba?\((\d+),\s*(\d+),\s*(\d+)")]
    private static partial Regex Rgb();
}
