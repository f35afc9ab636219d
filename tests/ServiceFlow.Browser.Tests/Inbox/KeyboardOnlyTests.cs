using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Inbox;

/// The issue's "works with keyboard alone": a supervisor signs in, opens a review task from the inbox,
/// claims it, fills the form (drawn by the form-js viewer) and completes it with Tab, typing, arrows, Space and
/// Enter only; no mouse, no URL typed after the starting inbox page.
public sealed class KeyboardOnlyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string Password = "Staff-Passw0rd-1";

    [Fact]
    public async Task Inbox_TaskAndForm_WorkWithTheKeyboardAlone()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var admin = app.CreateAdminApiClient();
        (await admin.PostAsJsonAsync("/api/admin/users", new { userName = $"kbd-{s}", password = Password, displayName = $"kbd-{s}", roles = new[] { "Supervisor" } }))
            .EnsureSuccessStatusCode();
        var number = await RecordTicketAsync(admin, $"Printer offline {s}");

        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        // The user name field has autofocus; on a slow machine it takes a moment to get it, and keys typed before are lost.
        await page.WaitForFunctionAsync("() => document.activeElement instanceof HTMLInputElement");
        await page.Keyboard.TypeAsync($"kbd-{s}");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync($"kbd-{s}", new() { Timeout = 15_000 });

        await page.GotoAsync("/inbox?tab=groups");
        // The skip link is the first Tab stop, visibly outlined, and moves focus to the main content.
        await page.Keyboard.PressAsync("Tab");
        (await Focused(page, "el => el.dataset.testid")).Should().Be("skip-link");
        (await Focused(page, "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")).Should().Be("solid 3px");
        await page.Keyboard.PressAsync("Enter");
        (await Focused(page, "el => el.id")).Should().Be("main");

        // From the main content, Tab reaches the filters before the rows, then the row's task link.
        var stops = await TabUntilAsync(page, $"el => el.matches('tr:has(a[href=\"/tickets/{number}\"]) a[href^=\"/tasks/\"]')");
        stops.Should().Contain("q").And.Contain("sort");
        stops.IndexOf("q").Should().BeLessThan(stops.IndexOf("sort"));
        (await Focused(page, "el => getComputedStyle(el).outlineStyle")).Should().Be("solid");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("task-name")).ToHaveTextAsync("Review and supplement");
        var taskUrl = page.Url;

        // Claim with Space, then the form: Accept is preselected; severity with the arrows; a comment; Enter on Complete.
        await TabUntilAsync(page, "el => el.dataset.testid === 'claim'");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByTestId("claim")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("form-view")).ToHaveAttributeAsync("data-ready", "true");
        // The severity list opens on focus; arrows stop at its last option, Critical; Enter chooses it.
        await TabUntilAsync(page, "el => el.id.endsWith('-severity')");
        // As a person does: wait for the list, then press the arrow until Critical is the one shown focused (at most
        // six presses; a busy machine may draw the list after the first keys). Enter picks what form-js shows focused.
        var focused = page.Locator("[data-sf-form] .fjs-dropdownlist-item.focused");
        await Expect(page.Locator("[data-sf-form] .fjs-dropdownlist-item").First).ToBeVisibleAsync();
        for (var i = 0; i < 6 && (await focused.CountAsync() == 0 || (await focused.TextContentAsync())?.Trim() != "Critical"); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            await page.WaitForTimeoutAsync(100);
        }
        await Expect(focused).ToHaveTextAsync("Critical");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilAsync(page, "el => el.id.endsWith('-comment')");
        await page.Keyboard.TypeAsync("Reviewed with the keyboard only");
        await TabUntilAsync(page, "el => el.dataset.testid === 'complete'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox"));

        // The task really is completed and the process moved on to arranging the handling.
        var taskId = taskUrl[(taskUrl.LastIndexOf('/') + 1)..];
        var task = await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        task.GetProperty("status").GetString().Should().Be("Completed");
        var record = (await admin.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record");
        record.GetProperty("status").GetString().Should().Be("Arranging");
        record.GetProperty("severity").GetString().Should().Be("critical");
    }

    static async Task<string> RecordTicketAsync(HttpClient admin, string title)
    {
        var created = await admin.PostAsJsonAsync("/api/tickets", new
        {
            title,
            description = "The 3rd floor printer is offline.",
            serviceType = "system-operations",
            serviceObject = "printer",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority = "P3",
        });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    static Task<string> Focused(IPage page, string expression) =>
        page.EvaluateAsync<string>($"() => ({expression})(document.activeElement)");

    /// Presses Tab until the focused element matches; returns the names (name, id or text) of the stops passed.
    static async Task<List<string>> TabUntilAsync(IPage page, string predicate, int max = 60)
    {
        var stops = new List<string>();
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"() => !!({predicate})(document.activeElement)"))
                return stops;
            stops.Add(await Focused(page, "el => el.name || el.id || (el.textContent || '').trim()"));
        }
        throw new InvalidOperationException($"{max} Tab presses did not reach the element; passed: {string.Join(" | ", stops)}");
    }
}
