using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Desk;

/// The inbox as a supervisor meets it (issue #17, finding 9): it opens on the tab that has work, each task
/// shows its ticket's title and a due time in the desk's zone, and on a phone nothing scrolls sideways.
public sealed class InboxTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("en-US", "Review and supplement")]
    [InlineData("zh-CN", "审核与补充")]
    public async Task ASupervisorWithOnlyGroupWork_LandsOnTheGroupTab_WithTitlesAndDueTimes_AndFitsAPhone(string locale, string taskName)
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        await DeskSession.CreateUserAsync(app, $"boss-{s}", "Supervisor");
        await DeskSession.CreateUserAsync(app, $"front-{s}", "FrontLine");
        var number = await DeskApi.RecordAsync(await DeskApi.ClientAsync(app, $"front-{s}"), $"Printers on floor 3 offline {s}", priority: "P2");

        var page = await DeskSession.SignInAsync(app, $"boss-{s}", locale);
        await page.GotoAsync("/inbox");
        await Expect(page.GetByTestId("tab-groups")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByTestId("count-mine")).ToHaveTextAsync("0");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(row.GetByTestId("task-link")).ToHaveTextAsync(taskName);
        await Expect(row.GetByTestId("task-title")).ToHaveTextAsync($"Printers on floor 3 offline {s}");
        // No due time of its own: the ticket's SLA (P2, first response) gives one, in the desk's zone to the minute.
        await Expect(row.GetByTestId("due")).ToContainTextAsync("UTC+8");
        (await row.GetByTestId("due").Locator("time").TextContentAsync()).Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\+8$");
        await DeskSession.ScreenshotAsync(page, $"inbox-{locale}");

        var phone = await DeskSession.SignInAsync(app, $"boss-{s}", locale, width: 390, height: 844);
        foreach (var path in new[] { "/inbox", "/", "/tickets", $"/tickets/{number}" })
        {
            await phone.GotoAsync(path);
            (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, $"{path} should fit a 390 px wide phone");
        }
        await phone.GotoAsync("/inbox");
        await Expect(phone.GetByRole(AriaRole.Row).Filter(new() { HasText = number }).GetByTestId("task-title")).ToBeVisibleAsync();
        await DeskSession.ScreenshotAsync(phone, $"inbox-phone-{locale}");
    }
}
