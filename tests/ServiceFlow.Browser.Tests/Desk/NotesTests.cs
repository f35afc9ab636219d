using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Desk;

/// Notes never vanish (issue #17, finding 8): a record sent back for correction carries the reason to the
/// reporter's correction task, the confirmation task shows the solution to confirm, the review keeps the
/// severity unless the supervisor changes it, and every comment lands on the ticket's timeline with who wrote it.
public sealed partial class NotesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task SentBackWithAReason_TheCorrectionShowsIt_TheConfirmationShowsTheSolution_AndTheTimelineHasEveryComment()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (frontName, bossName, techName) = ($"front-{s}", $"boss-{s}", $"tech-{s}");
        await DeskSession.CreateUserAsync(app, frontName, "FrontLine");
        await DeskSession.CreateUserAsync(app, bossName, "Supervisor");
        await DeskSession.CreateUserAsync(app, techName, "TechSupport");
        var number = await DeskApi.RecordAsync(await DeskApi.ClientAsync(app, frontName), $"Payment page times out {s}", severity: "critical");
        var boss = await DeskSession.SignInAsync(app, bossName);
        var front = await DeskSession.SignInAsync(app, frontName);

        // Review: the current severity is shown and kept; sending back asks for a reason.
        await OpenTaskAsync(boss, number, "Review and supplement", "groups");
        (await FormJs.ChosenAsync(boss, "severity")).Should().Be("Critical");
        await boss.GetByTestId("claim").ClickAsync();
        await boss.GetByLabel("Send back for correction").CheckAsync();
        await boss.GetByTestId("complete").ClickAsync();
        await Expect(boss.GetByTestId("task-error")).ToBeVisibleAsync(); // sending back needs a reason: the server says so
        await FormJs.FillAsync(boss, "comment", "Say how many customers are affected");
        await boss.GetByTestId("complete").ClickAsync();
        await Expect(boss).ToHaveURLAsync(Inbox());

        // The reporter's correction task says why it came back.
        await OpenTaskAsync(front, number, "Correct the record", "mine");
        await Expect(front.GetByTestId("sent-back-reason")).ToHaveTextAsync("Say how many customers are affected");
        await Expect(front.GetByTestId("sent-back")).ToContainTextAsync(bossName);
        await DeskSession.ScreenshotAsync(front, "correction-task-en");
        await FormJs.FillAsync(front, "comment", "About 40 customers; added to the impact");
        await front.GetByTestId("complete").ClickAsync();
        await Expect(front).ToHaveURLAsync(Inbox());

        // Accepted without touching the severity: it stays critical.
        await OpenTaskAsync(boss, number, "Review and supplement", "groups");
        await Expect(boss.GetByTestId("context-notes")).ToContainTextAsync("About 40 customers");
        await boss.GetByTestId("claim").ClickAsync();
        await FormJs.FillAsync(boss, "comment", "Complete now; arrange it");
        await boss.GetByTestId("complete").ClickAsync();
        await Expect(boss).ToHaveURLAsync(Inbox());
        (await DeskApi.RecordOfAsync(app, number)).GetProperty("severity").GetString().Should().Be("critical");

        await DeskApi.CompleteAsync(app, await DeskApi.ClientAsync(app, bossName), number, "arrange", new { handler = techName, plan = "Raise the gateway timeout" });
        await DeskApi.CompleteAsync(app, await DeskApi.ClientAsync(app, techName), number, "execute",
            new { solved = true, solution = "Raised the gateway timeout to 60 s", recovery = "Payments work again" });

        // The confirmation shows what to confirm.
        await OpenTaskAsync(boss, number, "Confirm the result", "groups");
        await Expect(boss.GetByTestId("context-solution")).ToHaveTextAsync("Raised the gateway timeout to 60 s");
        await DeskSession.ScreenshotAsync(boss, "confirm-task-en");
        await boss.GetByTestId("claim").ClickAsync();
        await FormJs.FillAsync(boss, "comment", "Confirmed with the customer by phone");
        await boss.GetByTestId("complete").ClickAsync();
        await Expect(boss).ToHaveURLAsync(Inbox());

        // Every comment is on the timeline, with who wrote it.
        await boss.GotoAsync($"/tickets/{number}");
        var comments = boss.Locator("[data-testid=timeline] li[data-kind=Comment]");
        await Expect(comments).ToHaveCountAsync(4);
        await Expect(comments.Nth(0)).ToContainTextAsync($"{bossName}:");
        await Expect(comments.Nth(0)).ToContainTextAsync("Say how many customers are affected");
        await Expect(comments.Nth(0)).ToContainTextAsync("Review and supplement");
        await Expect(comments.Nth(0)).ToContainTextAsync("sent back for correction");
        await Expect(comments.Nth(1)).ToContainTextAsync($"{frontName}:");
        await Expect(comments.Nth(1)).ToContainTextAsync("About 40 customers");
        await Expect(comments.Nth(2)).ToContainTextAsync("Complete now; arrange it");
        await Expect(comments.Nth(3)).ToContainTextAsync("Confirmed with the customer by phone");
        await Expect(comments.Nth(3)).ToContainTextAsync("UTC+8");
        await DeskSession.ScreenshotAsync(boss, "timeline-en");
    }

    static async Task OpenTaskAsync(IPage page, string number, string taskName, string tab)
    {
        await page.GotoAsync($"/inbox?tab={tab}");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = number }).GetByRole(AriaRole.Link, new() { Name = taskName }).ClickAsync();
        await Expect(page.GetByTestId("task-name")).ToHaveTextAsync(taskName);
    }

    [GeneratedRegex("/inbox")]
    private static partial Regex Inbox();
}
