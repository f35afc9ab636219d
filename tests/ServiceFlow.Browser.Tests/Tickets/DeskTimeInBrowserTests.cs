using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Tickets;

/// Times are read and entered in the desk's zone (Asia/Shanghai), to the minute; durations are words.
public sealed partial class DeskTimeInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string Password = "Staff-Passw0rd-1";

    [Fact]
    public async Task FrontLine_Enters0900Shanghai_SeesIt_OnTheTicketPage_AndTheApiHoldsTheUtcInstant()
    {
        var user = $"front-{Guid.NewGuid():N}"[..14];
        await CreateUserAsync(user, "FrontLine");
        var page = await SignInAsync(user, "en-US", "User name", "Password", "Sign in");

        await page.GotoAsync("/tickets/new");
        var discovered = page.GetByLabel("Discovered at");
        await Expect(page.GetByTestId("time-zone")).ToContainTextAsync("Asia/Shanghai, UTC+8");
        (await discovered.InputValueAsync()).Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", "prefilled to the minute, without seconds");
        await discovered.FillAsync("2026-06-01T09:00");
        (await discovered.EvaluateAsync<bool>("e => e.checkValidity()")).Should().BeTrue("a whole minute is a valid step");
        await page.GetByLabel("Title").FillAsync("Printer on floor 3 offline");
        await page.GetByLabel("Description").FillAsync("Nobody on floor 3 can print since the morning.");
        await page.GetByLabel("Service object").FillAsync("printer-3F");
        await page.GetByLabel("Priority").SelectOptionAsync("P2");
        await Screenshot(page, "new-ticket-en");
        await page.GetByTestId("create-ticket").ClickAsync();
        await Screenshot(page, "after-create");

        await Expect(page.GetByTestId("discovered-at")).ToContainTextAsync("2026-06-01 09:00 UTC+8");
        var number = (await page.GetByTestId("ticket-number").TextContentAsync())!;
        var record = (await app.CreateAdminApiClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record");
        record.GetProperty("discoveredAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
        record.GetProperty("discoveredAt").GetString().Should().MatchRegex("^2026-06-01T01:00:00(Z|\\+00:00)$");
        record.GetProperty("language").GetString().Should().Be("en");
    }

    [Fact]
    public async Task SlaPanel_ShowsTheTargetAsWords_InEnglishAndChinese()
    {
        var user = $"front-{Guid.NewGuid():N}"[..14];
        await CreateUserAsync(user, "FrontLine");
        var number = await CreateTicketAsync(user, "P2"); // resolution: one business day

        var english = await SignInAsync(user, "en-US", "User name", "Password", "Sign in");
        await english.GotoAsync($"/tickets/{number}");
        var resolution = english.Locator("[data-testid=sla-panel] tr[data-clock=resolution]");
        await Expect(resolution.GetByTestId("sla-target")).ToHaveTextAsync("1 business day");
        await Expect(resolution.GetByTestId("sla-left")).ToContainTextAsync(LeftInEnglish());
        await Expect(english.GetByTestId("sla-panel")).Not.ToContainTextAsync(IsoDuration());
        await Expect(english.GetByTestId("sla-panel")).ToContainTextAsync("UTC+8");
        await Screenshot(english, "ticket-en");

        var chinese = await SignInAsync(user, "zh-CN", "用户名", "密码", "登录");
        await chinese.GotoAsync($"/tickets/{number}");
        var row = chinese.Locator("[data-testid=sla-panel] tr[data-clock=resolution]");
        await Expect(row.GetByTestId("sla-target")).ToHaveTextAsync("1 个工作日");
        await Expect(row.GetByTestId("sla-left")).ToContainTextAsync("剩余");
        await Expect(chinese.GetByTestId("sla-panel")).Not.ToContainTextAsync(IsoDuration());
        await Screenshot(chinese, "ticket-zh");
    }

    async Task<string> CreateTicketAsync(string user, string priority)
    {
        var client = app.CreateAdminApiClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = Password });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            title = "Mail server slow",
            description = "Mail takes minutes to arrive.",
            serviceType = "system-operations",
            serviceObject = "mail",
            discoveredAt = DateTimeOffset.UtcNow,
            channel = "Phone",
            priority,
        });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    async Task CreateUserAsync(string userName, string role) =>
        (await app.CreateAdminApiClient().PostAsJsonAsync("/api/admin/users", new { userName, password = Password, displayName = userName, roles = new[] { role } }))
            .EnsureSuccessStatusCode();

    async Task<IPage> SignInAsync(string userName, string locale, string userLabel, string passwordLabel, string button)
    {
        var page = await app.NewPageAsync(locale);
        await page.GotoAsync("/account/login");
        await page.GetByLabel(userLabel).FillAsync(userName);
        await page.GetByLabel(passwordLabel).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(userName);
        return page;
    }

    // SERVICEFLOW_SCREENSHOTS=<folder> keeps a picture of each page for a person to look at.
    static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("SERVICEFLOW_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    [GeneratedRegex(@"(1 business day|\d+ h|\d+ min) left")]
    private static partial Regex LeftInEnglish();

    [GeneratedRegex(@"\bP(\d+D|T\d)")]
    private static partial Regex IsoDuration();
}
