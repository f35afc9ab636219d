using Microsoft.Playwright;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Browser.Tests.Hardening;

/// The language menu in the layout switches every page to English and back.
public sealed class LanguageSwitchTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheLanguageMenu_SwitchesEveryPageToEnglishAndBack()
    {
        var page = await app.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync("/account/login");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await SwitchAsync(page, "en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(ServiceFlowApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync("admin");

        foreach (var path in new[] { "/", "/inbox", "/tickets", "/knowledge", "/workflows", "/account/password" })
        {
            await page.GotoAsync(path);
            var inbox = page.Locator("nav a[href='/inbox']");

            await SwitchAsync(page, "zh-CN");
            await Assertions.Expect(inbox).ToHaveTextAsync("待办");
            await Assertions.Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, path).ToString());
            await SwitchAsync(page, "en");
            await Assertions.Expect(inbox).ToHaveTextAsync("Inbox");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        }
    }

    static async Task SwitchAsync(IPage page, string culture)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("#culture").SelectOptionAsync(culture),
            r => r.Url.EndsWith("/culture", StringComparison.Ordinal));
        response.Status.Should().Be(302, "the switch answers with a redirect back, not an error");
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
    }
}
