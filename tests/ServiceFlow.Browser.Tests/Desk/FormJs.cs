using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Desk;

/// Fills a form drawn by the form-js viewer (Features/Forms/_FormView.cshtml) as a person does: its controls are
/// found by the field key the page gives them as id (`fjs-form-…-<key>`), options are chosen from its list.
internal static class FormJs
{
    public static async Task<ILocator> ControlAsync(IPage page, string key)
    {
        await Expect(page.GetByTestId("form-view")).ToHaveAttributeAsync("data-ready", "true");
        return page.Locator($"[data-sf-form] [id$='-{key}']");
    }

    public static async Task FillAsync(IPage page, string key, string text) => await (await ControlAsync(page, key)).FillAsync(text);

    /// Opens a select's list and clicks the option whose text contains `option`.
    public static async Task ChooseAsync(IPage page, string key, string option)
    {
        await (await ControlAsync(page, key)).FocusAsync();
        await page.Locator("[data-sf-form] .fjs-dropdownlist-item").Filter(new() { HasText = option }).First.ClickAsync();
        await Expect(page.Locator($"[data-sf-form] [id$='-{key}-display']")).ToContainTextAsync(option);
    }

    /// The text a select shows for its value.
    public static async Task<string> ChosenAsync(IPage page, string key) =>
        (await (await ControlAsync(page, key)).InputValueAsync()).Trim();

    /// What the page gave the viewer as input data under `name` (a `valuesKey` list: its values).
    public static async Task<string[]> InputValuesAsync(IPage page, string name)
    {
        await ControlAsync(page, name);
        return await page.Locator("[data-sf-form] .sf-form-config").EvaluateAsync<string[]>(
            $"s => (JSON.parse(s.textContent).data['{name}'] || []).map(o => o.value)");
    }

    /// Changes what the viewer posts for `key`, as a crafted form would (after the viewer's own checks).
    public static async Task CraftAsync(IPage page, string key, string value) =>
        await page.GetByTestId("task-form").EvaluateAsync(
            "(f, [key, value]) => f.addEventListener('submit', () => { const h = f.querySelector('input[name=\"sf-form-data\"]'); const d = JSON.parse(h.value); d[key] = value; h.value = JSON.stringify(d); })",
            new[] { key, value });
}
