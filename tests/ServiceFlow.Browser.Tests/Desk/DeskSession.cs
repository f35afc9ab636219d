using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Desk;

/// Staff accounts and signed-in browser pages for the desk tests, in either language.
internal static class DeskSession
{
    public const string Password = "Staff-Passw0rd-1";

    public static async Task CreateUserAsync(BrowserApp app, string userName, params string[] roles) =>
        (await app.CreateAdminApiClient().PostAsJsonAsync("/api/admin/users", new { userName, password = Password, displayName = userName, roles }))
            .EnsureSuccessStatusCode();

    /// Signs in with the login form (by field name, so the page's language does not matter).
    public static async Task<IPage> SignInAsync(BrowserApp app, string userName, string locale = "en-US", string password = Password,
        int width = 1280, int height = 900)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.Locator("[name='Input.UserName']").FillAsync(userName);
        await page.Locator("[name='Input.Password']").FillAsync(password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(userName, new() { Timeout = 15_000 });
        return page;
    }

    /// SERVICEFLOW_SCREENSHOTS=<folder> keeps a picture of each page for a person to look at.
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("SERVICEFLOW_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }
}
