using System.Net.Http.Json;
using Microsoft.Playwright;
using MiniExcelLibs;
using ServiceFlow.Web.Tests.Reports;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Reports;

/// A quality supervisor opens the quality dashboard, drills from the SLA compliance figure to its tickets,
/// exports them as XLSX, and the file holds the same number; the page also reads on a phone.
public sealed class QualityDashboardTests(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    const string Password = "Staff-Passw0rd-1";

    static readonly SemaphoreSlim Seeding = new(1, 1);
    static readonly HashSet<BrowserApp> Seeded = [];

    // xUnit builds the class for every test; the desk is seeded once per host.
    public async Task InitializeAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (Seeded.Add(app))
                await HandMadeDesk.SeedAsync(app.Services);
        }
        finally
        {
            Seeding.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task QualitySupervisor_DrillsFromSlaCompliance_ToItsTickets_AndTheXlsxHoldsTheSameNumber()
    {
        var page = await SignInAsync("quality-browser", "QualitySupervisor", new ViewportSize { Width = 1280, Height = 900 });
        await page.GotoAsync("/reports?view=quality&month=2026-06");
        var tile = page.GetByTestId("kpi-sla.resolution");
        var shown = (await tile.GetByTestId("kpi-figure").TextContentAsync())!.Trim();
        shown.Should().Be("33.3 %", "T1 met, T2 breached, T4 overdue: one of three");
        await Expect(page.Locator(".chart[data-state=ready]")).ToHaveCountAsync(5); // every chart drew from the API (complaints and record accuracy by month is the fifth)
        await tile.ClickAsync();

        await Expect(page.GetByTestId("drill-figure")).ToHaveTextAsync(shown);
        await Expect(page.GetByTestId("drill-list").Locator("tbody tr")).ToHaveCountAsync(3);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());
        await using var file = await download.CreateReadStreamAsync();
        using var xlsx = new MemoryStream();
        await file.CopyToAsync(xlsx);
        var summary = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Summary").Cast<IDictionary<string, object>>().ToList();
        Convert.ToDouble(summary.Single(r => (string)r["Item"] == "SLA compliance: resolution (%)")["Value"], System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(33.3);
        var tickets = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Tickets").Cast<IDictionary<string, object>>().ToList();
        var met = tickets.Sum(t => Convert.ToDouble(t["SLA compliance: resolution (%)"], System.Globalization.CultureInfo.InvariantCulture));
        $"{Math.Round(100 * met / tickets.Count, 1):0.0} %".Should().Be(shown);
    }

    [Fact]
    public async Task KnowledgeTiles_OfTheManagementDashboard_LeadToTheKnowledgeBase_NotToATicketList()
    {
        var page = await SignInAsync("management-browser", "ProcessOwner", new ViewportSize { Width = 1280, Height = 900 }, "zh-CN");
        await page.GotoAsync("/reports?view=management&month=2026-06");
        foreach (var key in new[] { "knowledge.visits", "knowledge.searchesWithoutResult", "knowledge.newArticles" })
            await Expect(page.GetByTestId($"kpi-{key}")).ToHaveAttributeAsync("href", "/knowledge");
        await Expect(page.GetByTestId("kpi-volume")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/reports/tickets\\?"));

        await page.GetByTestId("kpi-knowledge.visits").ClickAsync();

        await page.WaitForURLAsync("**/knowledge");
        (await page.ContentAsync()).Should().NotContain("counts knowledge use");
    }

    [Fact]
    public async Task WorkflowsAreNamedInThePagesLanguage_OnTheProcessReport_AndInTheDesigner()
    {
        var page = await SignInAsync("owner-browser", "ProcessOwner", new ViewportSize { Width = 1280, Height = 900 }, "zh-CN");
        await page.GotoAsync("/reports/process?workflow=service-exception&from=2026-06-01&to=2026-07-01");
        await Expect(page.Locator("select[name=workflow] option[value=service-exception]")).ToHaveTextAsync("服务异常处理流程");
        await Expect(page.GetByTestId("heat-instances")).ToContainTextAsync("服务异常处理流程 v");

        await page.GotoAsync("/workflows/service-exception/design");
        await Expect(page.Locator("h1")).ToHaveTextAsync("设计 服务异常处理流程 (service-exception)");
        await Expect(page.GetByTestId("versions").Locator("li").First).ToContainTextAsync(" · 系统 · "); // deployed at start, by the runtime

        var english = await SignInAsync("owner-browser-en", "ProcessOwner", new ViewportSize { Width = 1280, Height = 900 });
        await english.GotoAsync("/reports/process?workflow=service-exception&from=2026-06-01&to=2026-07-01");
        await Expect(english.Locator("select[name=workflow] option[value=service-exception]")).ToHaveTextAsync("Service exception lifecycle");
        await english.GotoAsync("/workflows/service-exception/design");
        await Expect(english.Locator("h1")).ToHaveTextAsync("Design Service exception lifecycle (service-exception)");
    }

    [Fact]
    public async Task Dashboard_ReadsOnAPhone_InChinese()
    {
        var page = await SignInAsync("quality-phone", "QualitySupervisor", new ViewportSize { Width = 390, Height = 844 }, "zh-CN");
        await page.GotoAsync("/reports?view=quality&month=2026-06");
        await Expect(page.GetByTestId("kpi-sla.resolution")).ToContainTextAsync("SLA 达成率：解决");
        await Expect(page.Locator(".chart[data-state=ready]")).ToHaveCountAsync(5);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "nothing sticks out sideways on a phone");
        await page.GotoAsync("/reports/tickets?from=2026-06-01&to=2026-07-01&measure=sla.resolution");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "the wide list scrolls inside its box");
    }

    [Theory]
    [InlineData("channel", "电话", "Phone")]
    [InlineData("group", "技术支持", "TechSupport")]
    [InlineData("serviceType", "系统运维", "system-operations")]
    [InlineData("month", "2026-06", "2026-06-01")] // a month as the chart's axis writes it, not the date it starts
    public async Task Explore_NamesStoredCodes_InThePagesLanguage_InTheTableAndOnTheChartAxis(string groupBy, string name, string code)
    {
        var page = await SignInAsync($"quality-explore-{groupBy.ToLowerInvariant()}", "QualitySupervisor", new ViewportSize { Width = 1280, Height = 900 }, "zh-CN");
        await page.GotoAsync($"/reports/explore?from=2026-06-01&to=2026-07-01&groupBy={groupBy}&measures=volume");

        var rows = page.GetByTestId("explore-table").Locator("tbody th");
        await Expect(rows.Filter(new() { HasText = name })).ToHaveCountAsync(1);
        (await rows.AllInnerTextsAsync()).Should().NotContain(code);
        await Expect(page.Locator(".chart[data-state=ready]")).ToHaveCountAsync(1);
        var axis = await page.EvaluateAsync<string[]>("() => window.ServiceFlowReports.charts[0].getOption().xAxis[0].data");
        axis.Should().Contain(name).And.NotContain(code);
    }

    [Fact]
    public async Task ChartsAndHeatmap_WorkUnderAStrictContentSecurityPolicy()
    {
        var page = await SignInAsync("quality-csp", "QualitySupervisor", new ViewportSize { Width = 1280, Height = 900 });
        const string policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
        await page.RouteAsync("**/reports**", async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = policy };
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            // The shared layout's language switch still has an inline handler (another change removes it); nothing of the reports may be refused.
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) && !message.Text.Contains("inline event handler", StringComparison.Ordinal))
                refused.Add(message.Text);
        };
        await page.GotoAsync("/reports?view=quality&month=2026-06");
        await Expect(page.Locator(".chart[data-state=ready]")).ToHaveCountAsync(5);
        await page.GotoAsync("/reports/process?workflow=service-exception&from=2026-06-01&to=2026-07-01");
        await Expect(page.GetByTestId("heat-diagram")).ToHaveAttributeAsync("data-state", "ready");
        refused.Should().BeEmpty();
    }

    async Task<IPage> SignInAsync(string userName, string role, ViewportSize size, string culture = "en")
    {
        var created = await app.CreateAdminApiClient().PostAsJsonAsync("/api/admin/users", new { userName, password = Password, displayName = userName, roles = new[] { role } });
        created.EnsureSuccessStatusCode();
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = culture, ViewportSize = size, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        if (culture != "en")
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = app.BaseAddress.ToString() }]);
        else
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = app.BaseAddress.ToString() }]);
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(userName);
        return page;
    }
}
