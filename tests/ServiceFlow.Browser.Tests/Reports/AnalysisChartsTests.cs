using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceFlow.Browser.Tests.Desk;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Analyses;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Reports;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Reports;

/// The analysis document's charts (issue #19): drawn from the figures frozen in the page, not asked again — the rates
/// against the period before and the causes of both periods equal the API's frozen figures —, readable on a phone in
/// Chinese with no English left in them, and a Pareto bar drills to the tickets behind it.
public sealed class AnalysisChartsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Analysis_DrawsItsFrozenFigures_OnAPhoneInChinese_AndAParetoBarDrillsToItsTickets()
    {
        await HandMadeDesk.SeedAsync(app.Services);
        var id = await FireQuarterlyAsync();
        var figures = (await (await app.CreateAdminApiClient().GetAsync($"/api/reports/analyses/{id}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("figures");
        await DeskSession.CreateUserAsync(app, "qa-charts", "QualitySupervisor");
        var page = await DeskSession.SignInAsync(app, "qa-charts", "zh-CN", width: 390, height: 844);

        await page.GotoAsync($"/reports/analyses/{id}");
        // Rates, causes, two Paretos and five breakdowns (service type, priority, channel, group, customer type).
        await Expect(page.GetByTestId("analysis-charts").Locator(".chart[data-state=ready]")).ToHaveCountAsync(9);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "nothing sticks out sideways on a phone");

        var current = figures.GetProperty("current");
        var rates = current.GetProperty("measures").EnumerateArray().Where(m => m.GetProperty("kind").GetString() == "Rate").Select(m => m.GetProperty("key").GetString()!).ToList();
        var drawn = await SeriesAsync(page, "chart-rates");
        drawn[0].Should().Equal(rates.Select(k => Percent(current, k)), "this period's bars are the frozen rates in percent");
        drawn[1].Should().Equal(rates.Select(k => Percent(figures.GetProperty("previous"), k)), "the period before's bars");
        var causes = await SeriesAsync(page, "chart-causes");
        string[] categories = ["people", "process", "technology", "environment"];
        causes[0].Should().Equal(categories.Select(c => Cause(figures.GetProperty("causes"), c)));
        causes[1].Should().Equal(categories.Select(c => Cause(figures.GetProperty("causesBefore"), c)));

        var texts = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=analysis-charts] svg text')].map(t => t.textContent.trim()).filter(t => t)");
        texts.Should().Contain("本期").And.Contain("上一期");
        texts.SelectMany(t => PageTextRules.Problems(t, chinese: true).Select(p => $"{p} in \"{t}\"")).Should().BeEmpty();

        // The first bar of the Pareto of causes, clicked where it is drawn, lists the tickets it counts.
        var pareto = page.GetByTestId("chart-pareto-cause");
        await pareto.ScrollIntoViewIfNeededAsync();
        var bar = figures.GetProperty("paretoOfCauses").GetProperty("bars")[0];
        var at = await page.EvaluateAsync<double[]>("""
            () => {
              const chart = window.ServiceFlowReports.charts.find((c) => c.getDom().dataset.testid === 'chart-pareto-cause');
              const box = chart.getDom().getBoundingClientRect();
              const p = chart.convertToPixel({ seriesIndex: 0 }, [0, chart.getOption().series[0].data[0] / 2]);
              return [box.left + p[0], box.top + p[1]];
            }
            """);
        await page.Mouse.ClickAsync((float)at[0], (float)at[1]);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/reports/tickets\\?.*cause={bar.GetProperty("key").GetString()}"));
        await Expect(page.GetByTestId("drill-list").Locator("tbody tr")).ToHaveCountAsync((int)bar.GetProperty("count").GetInt64());
    }

    static async Task<double?[][]> SeriesAsync(IPage page, string chart) => await page.EvaluateAsync<double?[][]>(
        "(id) => window.ServiceFlowReports.charts.find((c) => c.getDom().dataset.testid === id).getOption().series.map((s) => s.data)", chart);

    static double? Percent(JsonElement report, string key)
    {
        var value = report.GetProperty("total").GetProperty("values").GetProperty(key).GetProperty("value");
        return value.ValueKind == JsonValueKind.Null ? null : Math.Round(value.GetDouble() * 1000, MidpointRounding.AwayFromZero) / 10;
    }

    static double? Cause(JsonElement report, string cause) =>
        report.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("key").GetString() == cause)
            .Select(r => (double?)r.GetProperty("values").GetProperty("volume").GetProperty("value").GetDouble()).FirstOrDefault() ?? 0;

    /// The quarterly timer start, due now: the last complete quarter is frozen as the host's own job would do it.
    async Task<Guid> FireQuarterlyAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var row = await db.TimerStarts.AsNoTracking().SingleAsync(t => t.WorkflowKey == PeriodReviewInputs.WorkflowKey && t.StartEventId == "quarterly" && t.Active);
        await db.TimerStarts.Where(t => t.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.NextDue, DateTimeOffset.UtcNow.AddMinutes(-1)));
        await app.Services.GetRequiredService<TimerStartJobs>().FireAsync(row.Id);
        return await db.Set<PeriodAnalysis>().AsNoTracking().Where(a => a.Kind == "quarter").Select(a => a.Id).SingleAsync();
    }
}
