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

/// The periodic analysis and review in the browser (issue #19 item 5): the quarterly timer freezes the last quarter,
/// a quality supervisor writes conclusions in Chinese (the task links its analysis), management sends them back in
/// English, quality finds the comment on top and its earlier text filled in and completes again, management approves with an action, and the document shows the frozen figures, the text, the reviewer and
/// the decision in both languages, with the figures the API gives and no English left on the Chinese page.
public sealed class PeriodReviewJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string Conclusions = "技术类原因居多，集中在支付网关。";
    const string Proposals = "编写超时处理手册。";

    [Fact]
    public async Task QualityAnalyses_ManagementSendsBackThenApproves_AndTheDocumentShowsTheFrozenFigures_InBothLanguages()
    {
        await HandMadeDesk.SeedAsync(app.Services);
        var analysis = await FireQuarterlyAsync();
        var s = Guid.NewGuid().ToString("N")[..6];
        await DeskSession.CreateUserAsync(app, $"qa-{s}", "QualitySupervisor");
        await DeskSession.CreateUserAsync(app, $"boss-{s}", "Supervisor");

        var quality = await DeskSession.SignInAsync(app, $"qa-{s}", "zh-CN");
        await OpenAsync(quality, "分析本期数据");
        // The task names its analysis instead of a ticket and links the document, with the period's key figures beside it.
        await Expect(quality.GetByTestId("task-subject").Locator("a")).ToHaveAttributeAsync("href", $"/reports/analyses/{analysis}");
        await Expect(quality.GetByTestId("analysis-link")).ToHaveAttributeAsync("href", $"/reports/analyses/{analysis}");
        await Expect(quality.GetByTestId("sent-back")).ToHaveCountAsync(0);
        await DeskSession.ScreenshotAsync(quality, "period-analysis-task-zh-CN");
        await FormJs.FillAsync(quality, "conclusions", "初稿");
        await FormJs.FillAsync(quality, "proposals", Proposals);
        await CompleteAsync(quality);

        var boss = await DeskSession.SignInAsync(app, $"boss-{s}", "en-US");
        await OpenAsync(boss, "Management review");
        await Expect(boss.GetByTestId("task-conclusions")).ToHaveTextAsync("初稿");
        await FormJs.ControlAsync(boss, "decision");
        await boss.Locator("[data-sf-form]").GetByLabel("Send back to quality").CheckAsync();
        await FormJs.FillAsync(boss, "comment", "Say which service objects.");
        await DeskSession.ScreenshotAsync(boss, "period-review-task-en-US");
        await CompleteAsync(boss);

        // The quality task comes back with management's comment on top and the text written before filled in: quality
        // rewrites the conclusions and leaves the proposals as they were (the document below shows them kept).
        await OpenAsync(quality, "分析本期数据");
        await Expect(quality.GetByTestId("sent-back-reason")).ToHaveTextAsync("Say which service objects.");
        await Expect(quality.GetByTestId("sent-back")).ToContainTextAsync($"boss-{s}");
        await Expect(await FormJs.ControlAsync(quality, "conclusions")).ToHaveValueAsync("初稿");
        await Expect(await FormJs.ControlAsync(quality, "proposals")).ToHaveValueAsync(Proposals);
        await DeskSession.ScreenshotAsync(quality, "period-analysis-rework-zh-CN");
        await NoEnglishLeftAsync(quality, "zh-CN");
        await FormJs.FillAsync(quality, "conclusions", Conclusions);
        await CompleteAsync(quality);

        await OpenAsync(boss, "Management review");
        await Expect(boss.GetByTestId("task-conclusions")).ToHaveTextAsync(Conclusions);
        await Expect(boss.GetByTestId("earlier-returns")).ToContainTextAsync("Say which service objects.");
        await FormJs.ControlAsync(boss, "decision");
        await boss.Locator("[data-sf-form]").GetByLabel("Approve").CheckAsync();
        await FormJs.FillAsync(boss, "actions", $"Write the timeout runbook | qa-{s} | 2027-01-31");
        await CompleteAsync(boss);

        var api = await (await app.CreateAdminApiClient().GetAsync($"/api/reports/analyses/{analysis}")).Content.ReadFromJsonAsync<JsonElement>();
        api.GetProperty("state").GetString().Should().Be("Approved");
        foreach (var (page, locale) in new[] { (quality, "zh-CN"), (boss, "en-US") })
        {
            await page.GotoAsync($"/reports/analyses/{analysis}");
            await Expect(page.GetByTestId("conclusions")).ToHaveTextAsync(Conclusions);
            await Expect(page.GetByTestId("proposals")).ToHaveTextAsync(Proposals);
            await Expect(page.GetByTestId("read-only")).ToContainTextAsync($"boss-{s}");
            await Expect(page.GetByTestId("decision")).ToContainTextAsync($"boss-{s}");
            await Expect(page.GetByTestId("decision")).ToContainTextAsync(locale == "zh-CN" ? "批准" : "Approved");
            await Expect(page.GetByTestId("returns")).ToContainTextAsync("Say which service objects.");
            await Expect(page.GetByTestId("actions").Locator("tbody tr").Locator("td")).ToHaveTextAsync(["Write the timeout runbook", $"qa-{s}", "2027-01-31"]);
            // Counts read the same in both languages: this period's and the period before's, as the API has them frozen.
            foreach (var key in new[] { "volume", "resolved" })
            {
                var row = page.GetByTestId("analysis-figures").Locator($"tr[data-measure='{key}'] td");
                await Expect(row.Nth(1)).ToHaveTextAsync(Count(api, "current", key));
                await Expect(row.Nth(2)).ToHaveTextAsync(Count(api, "previous", key));
            }
            await DeskSession.ScreenshotAsync(page, $"period-analysis-document-{locale}");
            await NoEnglishLeftAsync(page, locale);
        }
    }

    static async Task NoEnglishLeftAsync(IPage page, string locale)
    {
        var problems = new List<string>();
        foreach (var text in await page.EvaluateAsync<string[]>(PageTexts))
            problems.AddRange(PageTextRules.Problems(text, locale == "zh-CN").Select(p => $"{locale}: {p} in \"{text}\""));
        problems.Should().BeEmpty();
    }

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

    static string Count(JsonElement analysis, string period, string key) =>
        analysis.GetProperty("figures").GetProperty(period).GetProperty("total").GetProperty("values").GetProperty(key).GetProperty("value").GetDouble()
            .ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    static async Task OpenAsync(IPage page, string taskName)
    {
        await page.GotoAsync("/inbox?tab=groups");
        await page.GetByTestId("task-link").Filter(new() { HasText = taskName }).First.ClickAsync();
        await Expect(page.GetByTestId("task-name")).ToHaveTextAsync(taskName);
    }

    static async Task CompleteAsync(IPage page)
    {
        await page.GetByTestId("complete").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox"));
    }

    /// The page's visible texts outside user-entered text (conclusions, comments and actions are the people's words).
    const string PageTexts = """
        () => {
          const skipped = (el) => !!el.closest('script,style,noscript,template,code,textarea,[translate="no"],.pre');
          const texts = [document.title];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const text = node.textContent.trim();
            if (text && node.parentElement && !skipped(node.parentElement)) texts.push(text);
          }
          return texts;
        }
        """;
}
