using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Decisions;

/// The dmn-js decision table editor: a process owner changes the ITIL priority matrix in the browser, and the
/// next ticket recorded gets the priority the new table gives.
public sealed class DecisionEditorTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string Password = "Staff-Passw0rd-1";

    [Fact]
    public async Task ProcessOwner_EditsThePriorityMatrix_AndTheNextTicketGetsTheNewPriority()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        await CreateUserAsync($"owner-{s}", "ProcessOwner");
        await CreateUserAsync($"front-{s}", "FrontLine");
        var owner = await SignInAsync($"owner-{s}");
        var front = await SignInAsync($"front-{s}");
        (await RecordAsync(front, $"before {s}")).Should().Be("P4", "the shipped matrix gives low impact, low urgency P4");

        // The process owner finds the matrix in the list and changes the low × low cell to P1.
        await owner.GetByTestId("nav-decisions").ClickAsync();
        await owner.GetByTestId("edit-priority-matrix").ClickAsync();
        var cell = owner.Locator("[data-element-id='rule-low-low-priority']");
        await Expect(cell).ToContainTextAsync("\"P4\"");
        await Expect(owner.Locator(".powered-by-logo, .bjs-powered-by").First).ToBeVisibleAsync(); // the bpmn.io watermark stays
        await cell.ClickAsync();
        await owner.Keyboard.PressAsync("Control+A");
        await owner.Keyboard.TypeAsync("\"P1\"");
        await owner.GetByTestId("status").ClickAsync(); // leave the cell
        await Expect(owner.GetByTestId("draft-state")).ToHaveTextAsync("Unsaved changes");
        await owner.GetByTestId("save").ClickAsync();
        await Expect(owner.GetByTestId("status")).ToContainTextAsync("Saved draft version");
        await owner.GetByTestId("publish").ClickAsync();
        await Expect(owner.GetByTestId("status")).ToContainTextAsync("Published version 2.");
        await Expect(owner.GetByTestId("status")).ToContainTextAsync("service-exception v");

        (await RecordAsync(front, $"after {s}")).Should().Be("P1");
    }

    /// Records a ticket with low impact and low urgency on the New ticket page; returns the priority its page shows.
    static async Task<string> RecordAsync(IPage page, string title)
    {
        await page.GotoAsync("/tickets/new");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Description").FillAsync("The printer on floor 3 prints blank pages.");
        await page.GetByLabel("Service object").FillAsync("printer");
        await page.Locator("#Input_Impact").SelectOptionAsync("low"); // "Impact" alone also names the impact description fields
        await page.Locator("#Input_Urgency").SelectOptionAsync("low");
        await page.GetByTestId("create-ticket").ClickAsync();
        await Expect(page.GetByTestId("ticket-status")).ToHaveAttributeAsync("data-status", "InReview");
        return (await page.GetByTestId("ticket-priority").TextContentAsync())!.Trim();
    }

    async Task CreateUserAsync(string userName, string role)
    {
        var response = await app.CreateAdminApiClient().PostAsJsonAsync("/api/admin/users", new { userName, password = Password, displayName = userName, roles = new[] { role } });
        response.EnsureSuccessStatusCode();
    }

    async Task<IPage> SignInAsync(string userName)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(userName);
        return page;
    }
}
