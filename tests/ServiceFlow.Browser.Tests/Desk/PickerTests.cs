using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Desk;

/// Assignment names only real, eligible people (issue #17, finding 5): the arrange form's handler and the task
/// page's reassignment are pickers filled from the server, a typo cannot be submitted, and the API refuses one.
public sealed class PickerTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ArrangeAndReassign_OfferOnlyEligiblePeople_AndATypoIsRefused()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        foreach (var (user, role) in new[] { ($"front-{s}", "FrontLine"), ($"boss-{s}", "Supervisor"), ($"tech-{s}", "TechSupport"), ($"audit-{s}", "Auditor"), ($"qa-{s}", "QualitySupervisor") })
            await DeskSession.CreateUserAsync(app, user, role);
        var boss = await DeskApi.ClientAsync(app, $"boss-{s}");
        var number = await DeskApi.RecordAsync(await DeskApi.ClientAsync(app, $"front-{s}"), $"Gateway timeout {s}");
        await DeskApi.CompleteAsync(app, boss, number, "review", new { decision = "accept", groupAnalysis = false });
        var arrange = await DeskApi.TaskIdAsync(app, boss, number, "arrange");
        var candidates = await boss.GetFromJsonAsync<JsonElement>($"/api/tasks/{arrange}/candidates");

        var page = await DeskSession.SignInAsync(app, $"boss-{s}");
        await page.GotoAsync($"/tasks/{arrange}");
        var handlers = await FormJs.InputValuesAsync(page, "handlers");
        handlers.Should().BeEquivalentTo(Names(candidates.GetProperty("handlers")), "the picker lists what the server says may handle the ticket");
        handlers.Should().Contain($"tech-{s}").And.Contain($"front-{s}").And.NotContain($"audit-{s}").And.NotContain($"qa-{s}").And.NotContain($"boss-{s}");
        var assignees = await page.GetByTestId("reassign-to").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value).filter(v => v)");
        assignees.Should().BeEquivalentTo(Names(candidates.GetProperty("assignees")));
        assignees.Should().Contain($"boss-{s}").And.NotContain($"tech-{s}").And.NotContain($"audit-{s}");
        await DeskSession.ScreenshotAsync(page, "arrange-picker-en");

        // A name that is not on the list (as a crafted form would send it) is refused on the page, naming it; nothing is kept.
        await FormJs.ChooseAsync(page, "handler", $"tech-{s}");
        await FormJs.CraftAsync(page, "handler", "chen.jei");
        await page.GetByLabel("Plan: goal, steps, owners, deadlines").FillAsync("Restart the gateway; owner tech; today");
        await page.GetByTestId("complete").ClickAsync();
        await Expect(page.GetByTestId("task-error")).ToContainTextAsync("There is no user named 'chen.jei'");
        await Expect(page.GetByTestId("task-error")).ToContainTextAsync($"tech-{s}");
        (await DeskApi.RecordOfAsync(app, number)).GetProperty("handler").ValueKind.Should().Be(JsonValueKind.Null);

        // The API refuses the same.
        var refused = await app.CreateAdminApiClient().PostAsJsonAsync($"/api/tasks/{arrange}/complete", new { variables = new { handler = "nobody.here", plan = "x" } });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("nobody.here");

        // Choosing from the list works.
        await FormJs.ChooseAsync(page, "handler", $"tech-{s}");
        await page.GetByLabel("Plan: goal, steps, owners, deadlines").FillAsync("Restart the gateway; owner tech; today");
        await page.GetByTestId("complete").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox"));
        (await DeskApi.RecordOfAsync(app, number)).GetProperty("handler").GetString().Should().Be($"tech-{s}");
    }

    [Fact]
    public async Task TheArrangeForm_InChinese_NamesTheRefusalInChinese()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        await DeskSession.CreateUserAsync(app, $"boss-{s}", "Supervisor");
        await DeskSession.CreateUserAsync(app, $"front-{s}", "FrontLine");
        var boss = await DeskApi.ClientAsync(app, $"boss-{s}");
        var number = await DeskApi.RecordAsync(await DeskApi.ClientAsync(app, $"front-{s}"), $"网关超时 {s}");
        await DeskApi.CompleteAsync(app, boss, number, "review", new { decision = "accept", groupAnalysis = false });
        var arrange = await DeskApi.TaskIdAsync(app, boss, number, "arrange");

        var page = await DeskSession.SignInAsync(app, $"boss-{s}", "zh-CN");
        await page.GotoAsync($"/tasks/{arrange}");
        await Expect(page.GetByTestId("task-name")).ToHaveTextAsync("安排处理");
        await FormJs.ChooseAsync(page, "handler", $"front-{s}");
        await FormJs.CraftAsync(page, "handler", "chen.jei");
        await FormJs.FillAsync(page, "plan", "重启网关");
        await page.GetByTestId("complete").ClickAsync();
        await Expect(page.GetByTestId("task-error")).ToContainTextAsync("没有名为“chen.jei”的用户");
        await DeskSession.ScreenshotAsync(page, "arrange-refused-zh");
    }

    static string[] Names(JsonElement people) => [.. people.EnumerateArray().Select(p => p.GetProperty("userName").GetString()!)];
}
