using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Designer;

/// The form-js editor behind "Edit form" speaks the reader's language like the rest of the designer: its palette,
/// search box and properties panel are in Chinese for a Chinese reader, in English otherwise, while the form's own
/// texts (what the process owner typed) stay as written.
[Collection(DesignerCollection.Name)]
public sealed partial class FormEditorLanguageTests(BrowserApp app)
{
    readonly DesignerSession session = new(app);

    [Theory]
    [InlineData("zh-CN", "输入", "文本框", "搜索组件", "常规", "字段标签")]
    [InlineData("en-US", "Input", "Text field", "Search components", "General", "Field label")]
    public async Task FormEditor_ShowsPaletteAndPropertiesInTheUsersLanguage_AndLeavesTheFormsTexts(
        string locale, string inputGroup, string textField, string search, string general, string fieldLabel)
    {
        var chinese = locale.StartsWith("zh", StringComparison.Ordinal);
        var page = await session.SignInAsync(locale);
        await DesignerSession.OpenDesignerAsync(page, "service-exception");
        (await page.EvaluateAsync<bool>("() => window.serviceFlowDesigner.selectElement('review')")).Should().BeTrue();
        await page.GetByTestId("edit-form").ClickAsync();
        await Expect(page.Locator(".fjs-palette-group-title").First).ToHaveTextAsync(inputGroup);

        var groups = await page.Locator(".fjs-palette-group-title").AllTextContentsAsync();
        var entries = await page.Locator(".fjs-palette-field:visible .fjs-palette-field-text").AllTextContentsAsync();
        var entryTitles = await page.Locator(".fjs-palette-field:visible").EvaluateAllAsync<string[]>("es => es.map(e => e.title)");
        groups.Should().HaveCountGreaterThan(3).And.OnlyContain(t => Han().IsMatch(t) == chinese, "every palette group is in the user's language");
        entries.Should().Contain(textField).And.HaveCountGreaterThan(8).And.OnlyContain(t => Han().IsMatch(t) == chinese, "every palette entry is");
        entryTitles.Should().OnlyContain(t => Han().IsMatch(t) == chinese, "the entries' tooltips are");
        await Expect(page.Locator(".fjs-palette-search")).ToHaveAttributeAsync("placeholder", search);

        // The select field "Severity": the panel's chrome is translated, the field's label in it and on the canvas is not.
        await page.Locator("#form-canvas .fjs-form .fjs-element").Filter(new() { HasText = "Severity" }).Last.ClickAsync();
        await Expect(page.Locator("#form-properties .bio-properties-panel-header-label")).ToHaveTextAsync("Severity");
        await Expect(page.Locator("#form-properties .bio-properties-panel-group-header-title").First).ToHaveTextAsync(general);
        var closed = page.Locator("#form-properties .bio-properties-panel-group-header:not(.open)");
        for (var i = 0; i < 20 && await closed.CountAsync() > 0; i++)
            await closed.First.ClickAsync();
        var headers = await page.Locator("#form-properties .bio-properties-panel-group-header-title").AllTextContentsAsync();
        var labels = await page.Locator("#form-properties .bio-properties-panel-label").AllTextContentsAsync();
        labels.Should().Contain(fieldLabel);
        headers.Should().HaveCountGreaterThan(3);
        headers.Concat(labels).Where(t => t.Trim() is not ("" or "ID" or "FEEL")).Should().HaveCountGreaterThan(8)
            .And.OnlyContain(t => Han().IsMatch(t) == chinese, "group headers and labels are in the user's language");
        (await page.Locator("#form-properties .bio-properties-panel-collapsible-entry-header-title").AllTextContentsAsync())
            .Should().Contain(["Minor", "Major", "Critical"], "the options the owner typed are shown as typed");
        await Expect(page.Locator(".fjs-form .fjs-form-field-label").Filter(new() { HasText = "Is the record complete and accurate?" })).ToBeVisibleAsync();
        await DesignerSession.ScreenshotAsync(page, $"form-editor-{locale}");
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
