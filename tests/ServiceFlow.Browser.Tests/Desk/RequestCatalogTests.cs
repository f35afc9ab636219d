using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Desk;

/// The request catalog in the browser, in Chinese: a member of staff chooses "Account unlock", fills in its
/// start form (a supervisor picked from the Supervisor group, a screenshot attached) and is told where the
/// request went; the service desk finds the task in its inbox with the request shown read-only.
public sealed class RequestCatalogTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task StaffMakesAnAccountUnlockRequestInChinese_AndTheTaskWaitsInTheServiceDesksInbox()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        foreach (var (user, role) in new[] { ($"asker-{s}", "TechSupport"), ($"desk-{s}", "FrontLine"), ($"boss-{s}", "Supervisor") })
            await DeskSession.CreateUserAsync(app, user, role);

        var page = await DeskSession.SignInAsync(app, $"asker-{s}", "zh-CN");
        await page.GotoAsync("/requests/new");
        await Expect(page.GetByTestId("catalog-category").First).ToContainTextAsync("账号与权限");
        await page.GetByTestId("request-account-unlock").ClickAsync();
        await Expect(page.GetByTestId("request-name")).ToHaveTextAsync("账号解锁");
        // The start form is drawn by the form-js viewer; the picker's options are the Supervisor group's members.
        var approvers = await FormJs.InputValuesAsync(page, "supervisors");
        approvers.Should().Contain($"boss-{s}").And.NotContain($"desk-{s}").And.NotContain($"asker-{s}");

        await FormJs.FillAsync(page, "account", "j.smith");
        await FormJs.ChooseAsync(page, "system", "VPN");
        await FormJs.ChooseAsync(page, "approver", $"boss-{s}");
        // the file picker shows its own button, in Chinese; the native input behind it stays hidden
        var fileInput = page.Locator("[data-sf-form] input[type=file][id$='-screenshot']");
        await Expect(page.Locator("[data-sf-form]").GetByRole(AriaRole.Button, new() { Name = "选择文件" })).ToBeVisibleAsync();
        await Expect(fileInput).ToBeHiddenAsync();
        await fileInput.SetInputFilesAsync(new FilePayload { Name = "锁定.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4e, 0x47, 1, 2] });
        await DeskSession.ScreenshotAsync(page, "request-account-unlock-zh");
        await page.GetByTestId("submit-request").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/requests\\?started="));
        await Expect(page.GetByTestId("request-started")).ToContainTextAsync("账号解锁");
        await Expect(page.GetByTestId("request-started")).ToContainTextAsync("解锁账号");

        var desk = await DeskSession.SignInAsync(app, $"desk-{s}", "zh-CN");
        await desk.GotoAsync("/inbox");
        await desk.GetByTestId("tab-groups").ClickAsync();
        var task = desk.GetByTestId("task-link").Filter(new() { HasText = "解锁账号" });
        await Expect(task.First).ToBeVisibleAsync();
        await task.First.ClickAsync();
        var asked = desk.GetByTestId("request-answers");
        await Expect(asked).ToContainTextAsync("j.smith");
        await Expect(asked).ToContainTextAsync("VPN");
        await Expect(asked.GetByTestId("request-file")).ToHaveTextAsync("锁定.png");
    }
}
