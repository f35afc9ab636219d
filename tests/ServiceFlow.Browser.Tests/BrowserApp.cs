using Microsoft.Playwright;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Browser.Tests;

/// The real host on Kestrel (a browser needs a real socket) plus Debian's Chromium driven by Playwright.
/// Playwright never downloads a browser here: it launches /usr/bin/chromium (or SERVICEFLOW_CHROMIUM).
public class BrowserApp : ServiceFlowApp
{
    IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        BaseAddress = ClientOptions.BaseAddress;
        var chromium = Environment.GetEnvironmentVariable("SERVICEFLOW_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}: install it with 'apt-get install -y chromium' (the test command does this).");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    protected override HttpClient CreateApiClient() => new() { BaseAddress = BaseAddress };

    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = locale });
        return await context.NewPageAsync();
    }

    public new async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
