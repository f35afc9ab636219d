using Microsoft.Playwright;
using ServiceFlow.Web.Features.Admin;
using ServiceFlow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Desk;

/// Each role's start page shows its work (issue #17, finding 12): the counts of my open, overdue and due-today
/// tasks and my groups' queue are the inbox's own (each a link to it, filtered), supervisors see the team,
/// the quality group the latest low scores, process owners the workflows with incidents.
[Collection(DemoDeskCollection.Name)]
public sealed class HomeTests(DemoDeskApp app)
{
    public static TheoryData<string, string> People => new()
    {
        { "li.na", "zh-CN" }, { "zhao.lei", "en-US" }, { "chen.jie", "zh-CN" }, { "zhou.min", "en-US" }, { "sun.li", "en-US" }, { "wu.hao", "zh-CN" }, { "admin", "en-US" },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task Home_ShowsTheRolesWork_WithCountsThatMatchTheInbox(string user, string locale)
    {
        var page = await DeskSession.SignInAsync(app, user, locale, user == "admin" ? ServiceFlowApp.AdminPassword : DemoData.Password);
        await DeskSession.ScreenshotAsync(page, $"home-{user}-{locale}");

        if (user == "wu.hao")
        {
            await Expect(page.GetByTestId("home-mine")).ToHaveCountAsync(0); // auditors are given no work
            await Expect(page.GetByTestId("nav-inbox")).ToHaveCountAsync(0); // nor an inbox that is always empty
            await Expect(page.GetByTestId("home-recent-tickets").Locator("li")).ToHaveCountAsync(5);
            return;
        }
        await Expect(page.GetByTestId("nav-inbox")).ToBeVisibleAsync();
        var mine = await CountAsync(page, "home-mine");
        var overdue = await CountAsync(page, "home-overdue");
        var dueToday = await CountAsync(page, "home-due-today");
        var groups = await CountAsync(page, "home-groups");

        await page.GetByTestId("home-mine").ClickAsync();
        await Expect(page.GetByTestId("count-mine")).ToHaveTextAsync(mine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("count-groups")).ToHaveTextAsync(groups.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-testid=inbox] tbody tr")).ToHaveCountAsync(mine);
        await page.GoBackAsync();
        await page.GetByTestId("home-overdue").ClickAsync();
        await Expect(page.Locator("[data-testid=inbox] tbody tr")).ToHaveCountAsync(overdue);
        await page.GoBackAsync();
        await page.GetByTestId("home-due-today").ClickAsync();
        await Expect(page.Locator("[data-testid=inbox] tbody tr")).ToHaveCountAsync(dueToday);
        await page.GoBackAsync();
        await page.GetByTestId("home-groups").ClickAsync();
        await Expect(page.Locator("[data-testid=inbox] tbody tr")).ToHaveCountAsync(Math.Min(groups, 50));
        await page.GoBackAsync();

        switch (user)
        {
            case "zhao.lei" or "admin":
                var open = await CountAsync(page, "home-team-open");
                open.Should().BeGreaterThan(0, "the demo desk has open work");
                await page.GetByTestId("home-team-open").ClickAsync();
                await Expect(page.GetByTestId("count-all")).ToHaveTextAsync(open.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await page.GoBackAsync();
                break;
            case "zhou.min":
                var low = page.GetByTestId("home-low-scores").Locator("li").First;
                await Expect(low).ToContainTextAsync("1 of 5");
                await Expect(low).ToContainTextAsync("等了两天才有人回电话。");
                await low.GetByRole(AriaRole.Link).ClickAsync();
                await Expect(page.GetByTestId("ticket-number")).ToBeVisibleAsync();
                break;
            case "sun.li":
                await Expect(page.GetByTestId("home-incidents")).ToBeAttachedAsync();
                await Expect(page.GetByTestId("home-team")).ToHaveCountAsync(0);
                break;
            case "li.na":
                mine.Should().BeGreaterThan(0, "a record of hers was sent back for correction");
                break;
            case "chen.jie":
                mine.Should().BeGreaterThan(0, "the demo arranged tickets for him to handle");
                break;
        }
        if (user is "zhao.lei")
            groups.Should().BeGreaterThan(0, "reviews and confirmations wait in the supervisors' group");
    }

    static async Task<int> CountAsync(IPage page, string testId) =>
        int.Parse((await page.GetByTestId(testId).Locator("strong").TextContentAsync())!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
