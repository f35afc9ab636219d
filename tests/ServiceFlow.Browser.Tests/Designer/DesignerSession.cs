using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using ServiceFlow.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Designer;

/// The designer tests share one host and one browser (the collection below); each test keeps to its own keys.
[CollectionDefinition(Name)]
public sealed class DesignerCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Designer in the browser";
}

/// What the designer tests do through the API (bearer token) and the page (admin's cookie).
internal sealed class DesignerSession(BrowserApp app)
{
    public HttpClient Api { get; } = Admin(app);

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ServiceFlow.sln")))
                    return dir.FullName;
            throw new InvalidOperationException("ServiceFlow.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Shipped(string name) => Path.Combine(RepoRoot, "workflows", name);

    public static string Miwg(string name) => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "bpmn-miwg", name));

    static HttpClient Admin(BrowserApp app)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", ServiceFlowApp.AdminToken);
        return http;
    }

    /// Signs in as admin in a browser context whose language is `locale` (Accept-Language picks the UI culture).
    public async Task<IPage> SignInAsync(string locale = "en-US")
    {
        var page = await app.NewPageAsync(locale);
        await page.SetViewportSizeAsync(1400, 1000);
        await page.GotoAsync("/account/login");
        await page.Locator("input[autocomplete=username]").FillAsync("admin");
        await page.Locator("input[autocomplete=current-password]").FillAsync(ServiceFlowApp.AdminPassword);
        await page.Locator("button.primary[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync("admin");
        return page;
    }

    /// Stores `xml` as the draft of its process (discarding an earlier draft) and returns the key.
    public async Task<string> ImportAsDraftAsync(string xml)
    {
        var response = await Api.PostAsync("/api/workflows/import", new StringContent(xml, Encoding.UTF8, "application/xml"));
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var key = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.Split('\'')[1];
            await DiscardDraftAsync(key);
            response = await Api.PostAsync("/api/workflows/import", new StringContent(xml, Encoding.UTF8, "application/xml"));
        }
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task DiscardDraftAsync(string key)
    {
        var draft = await Api.GetAsync($"/api/workflows/{key}/draft");
        if (!draft.IsSuccessStatusCode)
            return;
        var body = await draft.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("fromPublished").GetBoolean())
            return;
        var version = body.GetProperty("draftVersion").GetUInt32();
        (await Api.DeleteAsync($"/api/workflows/{key}/draft?baseVersion={version}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    public async Task<string> DraftXmlAsync(string key) =>
        (await Api.GetFromJsonAsync<JsonElement>($"/api/workflows/{key}/draft")).GetProperty("xml").GetString()!;

    /// Opens the designer page and waits until the diagram is drawn.
    public static async Task OpenDesignerAsync(IPage page, string key)
    {
        await page.GotoAsync($"/workflows/{key}/design");
        await page.WaitForFunctionAsync("() => window.serviceFlowDesigner && document.querySelector('#canvas .djs-shape') && document.getElementById('status').textContent.indexOf('…') < 0");
    }

    /// Selects the element on the canvas and gives it a new name in the properties panel, as a person would.
    public static async Task RenameInPanelAsync(IPage page, string elementId, string name)
    {
        (await page.EvaluateAsync<bool>("id => window.serviceFlowDesigner.selectElement(id)", elementId)).Should().BeTrue();
        var field = page.Locator("#bio-properties-panel-name");
        await ScreenshotAsync(page, "rename-" + elementId);
        await field.FillAsync(name);
        await field.BlurAsync();
        await Expect(page.GetByTestId("draft-state")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(No unsaved changes|Draft is valid|Draft has problems)$"));
    }

    /// With SERVICEFLOW_SCREENSHOTS set, saves what the test saw (for a person to look at).
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SERVICEFLOW_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public static async Task SaveAsync(IPage page)
    {
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Saved draft version \d+"));
    }
}
