using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using MiniExcelLibs;
using ServiceFlow.Browser.Tests.Desk;
using ServiceFlow.Web.Tests.Reports;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Reports;

/// A quality supervisor subscribes the quality supervisors to the monthly quality report on /reports/subscriptions and
/// sends it now; the Hangfire job runs and the real SMTP server receives one mail per reader, in Chinese and English,
/// each with the XLSX and an absolute link that opens the live report.
public sealed class ScheduledReportJourneyTests(JourneyApp app) : IClassFixture<JourneyApp>
{
    const string Password = "Staff-Passw0rd-1";

    [Fact]
    public async Task QualitySupervisor_SubscribesTheMonthlyQualityReport_AndEachReaderGetsItInTheirLanguage()
    {
        var key = $"journey{Guid.NewGuid():N}"[..15];
        await UserAsync("journey-lead", null, "en");
        await UserAsync("journey-zh", $"{key}-zh@desk.test", "zh-CN");
        await UserAsync("journey-en", $"{key}-en@desk.test", "en");
        var page = await SignInAsync("journey-lead");

        await page.GotoAsync("/reports/subscriptions");
        var form = page.GetByTestId("subscription-form");
        await form.Locator("input[name='Input.Name']").FillAsync("Monthly quality");
        await form.Locator("select[name='Input.Report']").SelectOptionAsync("quality");
        await form.Locator("select[name='Input.Period']").SelectOptionAsync("Monthly");
        await form.Locator("input[name='Input.Roles'][value='QualitySupervisor']").CheckAsync();
        await page.GetByTestId("subscribe").ClickAsync();
        var row = page.GetByTestId("subscription").Filter(new() { HasText = "Monthly quality" });
        await Expect(row).ToContainTextAsync("Monthly");
        await Expect(row).ToContainTextAsync("Quality supervision");
        await row.GetByTestId("run").ClickAsync();
        await Expect(page.GetByTestId("subscriptions-message")).ToBeVisibleAsync();

        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var mails = await WaitForMailAsync(key, 2);
        var zh = mails.Single(m => m.To.Mailboxes.Single().Address.StartsWith($"{key}-zh", StringComparison.Ordinal));
        var en = mails.Single(m => m.To.Mailboxes.Single().Address.StartsWith($"{key}-en", StringComparison.Ordinal));
        zh.Subject.Should().Be($"Monthly quality（{month}）");
        zh.HtmlBody.Should().Contain("SLA 达成率：解决").And.Contain("打开在线报表");
        en.Subject.Should().Be($"Monthly quality — {month}");
        en.HtmlBody.Should().Contain("SLA compliance: resolution").And.Contain("Open the live report");
        foreach (var (mail, sheets) in new[] { (zh, new[] { "汇总", "报表" }), (en, new[] { "Summary", "Report" }) })
        {
            var (name, xlsx) = ScheduledMail.Workbook(mail);
            name.Should().Be($"quality-{month}.xlsx");
            MiniExcel.GetSheetNames(xlsx).Should().Equal(sheets);
        }

        var link = System.Text.RegularExpressions.Regex.Match(en.TextBody ?? "", @"https?://\S+/reports\?view=quality&month=\d{4}-\d{2}").Value;
        link.Should().Be($"{app.BaseAddress.GetLeftPart(UriPartial.Authority)}/reports?view=quality&month={month}");
        await page.GotoAsync(link);
        await Expect(page.GetByTestId("kpi-sla.resolution")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("report-period")).ToContainTextAsync($"{month}-01");
    }

    async Task UserAsync(string userName, string? email, string culture) =>
        (await app.CreateAdminApiClient().PostAsJsonAsync("/api/admin/users",
            new { userName, password = Password, displayName = userName, email, culture, roles = new[] { "QualitySupervisor" } })).EnsureSuccessStatusCode();

    async Task<List<MimeKit.MimeMessage>> WaitForMailAsync(string prefix, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var hits = ScheduledMail.ReceivedBy(app.Smtp, prefix);
            if (hits.Count >= count || DateTime.UtcNow > until)
            {
                await Task.Delay(TimeSpan.FromSeconds(2)); // a double would have arrived by now
                hits = ScheduledMail.ReceivedBy(app.Smtp, prefix);
                hits.Should().HaveCount(count);
                return hits;
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task ASubscriptionToSomeoneWhoIsNotThere_IsRefusedInChinese_KeepingWhatWasTyped()
    {
        await UserAsync("journey-lead-zh", null, "zh-CN");
        var page = await SignInAsync("journey-lead-zh", "zh-CN");
        await page.GotoAsync("/reports/subscriptions");
        var form = page.GetByTestId("subscription-form");
        await form.Locator("input[name='Input.Name']").FillAsync("探索周报");
        await form.Locator("input[name='Input.Roles'][value='Supervisor']").CheckAsync();
        await form.Locator("input[name='Input.People']").FillAsync("nobody.zz");

        await page.GetByTestId("subscribe").ClickAsync();

        await Expect(page.GetByTestId("subscriptions-error")).ToHaveTextAsync("没有名为“nobody.zz”的用户。");
        await Expect(form.Locator("input[name='Input.Name']")).ToHaveValueAsync("探索周报");
        await Expect(form.Locator("input[name='Input.People']")).ToHaveValueAsync("nobody.zz");
        await Desk.DeskSession.ScreenshotAsync(page, "subscription-refused-zh-CN");
    }

    async Task<IPage> SignInAsync(string userName, string culture = "en")
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = culture });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = app.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(userName);
        return page;
    }
}
