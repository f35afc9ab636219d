using System.Net.Http.Json;
using Microsoft.Playwright;
using ServiceFlow.Browser.Tests.Desk;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Tickets;

/// Seed 000 §4 in the browser: a front-line user records an exception, a supervisor reviews and
/// arranges it from the inbox, a technician handles it, the supervisor confirms and it is archived.
public sealed class LifecycleInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string Password = "Staff-Passw0rd-1";

    [Fact]
    public async Task FrontLineRecords_SupervisorReviewsAndArranges_TechnicianHandles_SupervisorConfirmsAndArchives()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        await CreateUserAsync($"front-{s}", "FrontLine");
        await CreateUserAsync($"boss-{s}", "Supervisor");
        await CreateUserAsync($"tech-{s}", "TechSupport");
        var front = await SignInAsync($"front-{s}");
        var boss = await SignInAsync($"boss-{s}");
        var tech = await SignInAsync($"tech-{s}");

        // Front line records the exception.
        await front.GotoAsync("/tickets/new");
        await front.GetByLabel("Title").FillAsync($"Payment page times out {s}");
        await front.GetByLabel("Description").FillAsync("Customers see a timeout after 30 s when paying.");
        await front.GetByLabel("Service object").FillAsync("payment gateway");
        await front.GetByLabel("Priority").SelectOptionAsync("P2");
        await front.GetByTestId("create-ticket").ClickAsync();
        await Expect(front.GetByTestId("ticket-status")).ToHaveAttributeAsync("data-status", "InReview");
        await Expect(front.GetByTestId("ticket-status")).ToHaveTextAsync("In review");
        var number = await front.GetByTestId("ticket-number").TextContentAsync();

        // The supervisor reviews it from the inbox, then arranges the handling.
        await DoFromGroupsAsync(boss, number!, "Review and supplement", async page =>
        {
            await page.GetByLabel("Accept").CheckAsync();
        });
        await DoFromGroupsAsync(boss, number!, "Arrange handling", async page =>
        {
            await FormJs.ChooseAsync(page, "handler", $"tech-{s}");
            await page.GetByLabel("Plan: goal, steps, owners, deadlines").FillAsync("Restore payments today; owner tech");
        });

        // The technician finds it in "My tasks" (assigned by the plan) and completes it.
        await tech.GotoAsync("/inbox?tab=mine");
        await tech.GetByRole(AriaRole.Row).Filter(new() { HasText = number }).GetByRole(AriaRole.Link, new() { Name = "Handle the exception" }).ClickAsync();
        await tech.GetByLabel("Solution").FillAsync("Raised the gateway timeout and fixed the slow query");
        await tech.GetByTestId("complete").ClickAsync();
        await Expect(tech).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox"));

        // The supervisor confirms; the record is archived and read-only.
        await DoFromGroupsAsync(boss, number!, "Confirm the result", async page =>
        {
            await page.GetByLabel("Confirm and close").CheckAsync();
        });
        await boss.GotoAsync($"/tickets/{number}");
        await Expect(boss.GetByTestId("ticket-status")).ToHaveAttributeAsync("data-status", "Archived");
        await Expect(boss.GetByText("Log a handling step")).ToHaveCountAsync(0);
        await Expect(boss.GetByTestId("timeline")).ToContainTextAsync("Raised the gateway timeout");
        await Expect(boss.Locator("#diagram g.djs-element[data-element-id=\"archive\"]")).ToHaveCountAsync(1);
    }

    static async Task DoFromGroupsAsync(IPage page, string number, string taskName, Func<IPage, Task> fill)
    {
        await page.GotoAsync("/inbox?tab=groups");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = number }).Filter(new() { HasText = taskName });
        await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await Expect(page.GetByTestId("task-name")).ToHaveTextAsync(taskName);
        await fill(page);
        await page.GetByTestId("complete").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox"));
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
