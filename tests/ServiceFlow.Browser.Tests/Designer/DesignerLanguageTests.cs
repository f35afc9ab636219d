using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Designer;

/// The designer and the diagram viewer speak the user's language: bpmn-js's palette, context pad and
/// menus, the properties panel and the page around them, with no string left untranslated.
[Collection(DesignerCollection.Name)]
public sealed partial class DesignerLanguageTests(BrowserApp app)
{
    readonly DesignerSession session = new(app);

    [Theory]
    [InlineData("zh-CN", "创建开始事件", "常规", "保存草稿", "放大")]
    [InlineData("en-US", "Create start event", "General", "Save draft", "Zoom in")]
    public async Task Designer_ShowsPalettePanelAndPageInTheUsersLanguage(string locale, string createStart, string general, string save, string zoomIn)
    {
        var chinese = locale.StartsWith("zh", StringComparison.Ordinal);
        await session.DiscardDraftAsync("service-exception");
        var page = await session.SignInAsync(locale);
        await DesignerSession.OpenDesignerAsync(page, "service-exception");

        await Expect(page.GetByTestId("save")).ToHaveTextAsync(save);
        await Expect(page.Locator(".djs-palette .entry[data-action='create.start-event']")).ToHaveAttributeAsync("aria-label", createStart);
        var paletteTitles = await page.Locator(".djs-palette .entry[aria-label]").EvaluateAllAsync<string[]>("es => es.map(e => e.getAttribute('aria-label'))");
        paletteTitles.Should().HaveCountGreaterThan(8).And.OnlyContain(t => Han().IsMatch(t) == chinese, "every palette entry is in the user's language");

        (await page.EvaluateAsync<bool>("() => window.serviceFlowDesigner.selectElement('notify')")).Should().BeTrue();
        await Expect(page.Locator(".bio-properties-panel-group-header-title").First).ToHaveTextAsync(general);
        var headers = await page.Locator(".bio-properties-panel-group-header-title").AllTextContentsAsync();
        var labels = await page.Locator(".bio-properties-panel-label").AllTextContentsAsync();
        headers.Concat(labels).Where(t => t.Trim() is not ("ServiceFlow" or "ID"))
            .Should().OnlyContain(t => Han().IsMatch(t) == chinese, "group headers and labels are in the user's language");
        await DesignerSession.ScreenshotAsync(page, $"designer-{locale}");

        await VisitMenusAsync(page, ["notify", "review", "gwReview", "start", "f1", "end", "survey"]);
        (await page.EvaluateAsync<string[]>("() => window.serviceFlowDesigner.translate.missing()"))
            .Should().BeEmpty("every string bpmn-js and the panel asked for has a translation");

        // The instance view's diagram: its zoom buttons too.
        // A ticket's lifecycle instance (features start their own workflows; POST /api/instances refuses them).
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
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var id = (await session.Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("instanceId").GetGuid();
        await page.GotoAsync($"/instances/{id}");
        await Expect(page.Locator("#diagram [data-testid=zoom-in]")).ToHaveAttributeAsync("title", zoomIn);
        await DesignerSession.ScreenshotAsync(page, $"instance-{locale}");
    }

    [Theory]
    [InlineData("zh-CN", "没有连线通向此元素")]
    [InlineData("en-US", "has no incoming sequence flow")]
    public async Task Problems_AreSaidInTheUsersLanguage_WithTheValidatorsDetail(string locale, string expected)
    {
        var key = await session.ImportAsDraftAsync("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
              <process id="problem-words" name="Problem words" isExecutable="true">
                <startEvent id="start" /><sequenceFlow id="f1" sourceRef="start" targetRef="end" /><endEvent id="end" />
                <userTask id="lonely" name="Lonely" />
              </process>
            </definitions>
            """);
        var page = await session.SignInAsync(locale);
        await DesignerSession.OpenDesignerAsync(page, key);
        var problem = page.Locator("[data-testid=problems] li[data-element-id=lonely]").First;
        await Expect(problem).ToContainTextAsync(expected);
        // the detail names the element as the validator wrote it, in both languages
        await Expect(problem).ToContainTextAsync("'lonely'");
        await DesignerSession.ScreenshotAsync(page, $"designer-problems-{locale}");
        await session.DiscardDraftAsync(key);
    }

    /// Selects each element and opens its context pad and "Change element" menu, and the panel's groups,
    /// so bpmn-js asks for the strings of all of them.
    static async Task VisitMenusAsync(IPage page, string[] ids)
    {
        foreach (var id in ids)
        {
            (await page.EvaluateAsync<bool>("id => window.serviceFlowDesigner.selectElement(id)", id)).Should().BeTrue();
            var closed = page.Locator(".bio-properties-panel-group-header:not(.open)");
            for (var i = 0; i < 20 && await closed.CountAsync() > 0; i++)
                await closed.First.ClickAsync();
            var replace = page.Locator(".djs-context-pad .entry[data-action=replace]");
            if (await replace.CountAsync() > 0)
            {
                await replace.ClickAsync();
                await Expect(page.Locator(".djs-popup")).ToBeVisibleAsync();
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
