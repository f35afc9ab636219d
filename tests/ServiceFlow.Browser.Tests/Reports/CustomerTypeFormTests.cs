using Microsoft.Playwright;
using ServiceFlow.Browser.Tests.Desk;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Reports;

/// The customer type on the new-ticket form (001 §5.1.1): offered in the reader's language, kept on the record and
/// shown on the ticket, then counted under its own name on the Explore page grouped by customer type.
public sealed class CustomerTypeFormTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task FrontLine_RecordsAnEnterpriseCustomer_InChinese_AndExploreCountsIt()
    {
        await DeskSession.CreateUserAsync(app, "front-ctype", "FrontLine");
        var page = await DeskSession.SignInAsync(app, "front-ctype", "zh-CN");
        await page.GotoAsync("/tickets/new");
        await page.Locator("[name='Input.Title']").FillAsync("企业客户的发票问题");
        await page.Locator("[name='Input.Description']").FillAsync("发票抬头错误");
        await page.Locator("[name='Input.ServiceObject']").FillAsync("发票系统");
        await page.Locator("[name='Input.Priority']").SelectOptionAsync("P3");
        await page.GetByTestId("customer-type").SelectOptionAsync(new SelectOptionValue { Label = "企业客户" });
        await page.GetByTestId("create-ticket").ClickAsync();
        await Expect(page.GetByTestId("customer-type")).ToHaveTextAsync("企业客户");

        await DeskSession.CreateUserAsync(app, "qa-ctype", "QualitySupervisor");
        var quality = await DeskSession.SignInAsync(app, "qa-ctype", "zh-CN");
        await quality.GotoAsync("/reports/explore?groupBy=customerType&measures=volume");
        var row = quality.GetByTestId("explore-table").Locator("tbody tr").Filter(new() { HasText = "企业客户" });
        await Expect(row.Locator("td").First).ToHaveTextAsync("1");
        await Expect(quality.Locator(".chart[data-state=ready]")).ToHaveCountAsync(1);
    }
}
