using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Desk;

/// A page that fails shows a page of the desk in the person's language, not the problem details an API client
/// gets: a record that does not exist, an upload larger than the server reads in one request; and an attachment
/// over the desk's own limit is refused on the ticket page in that language.
public sealed class StatusPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("en-US", "Not found", "There is no such page or record")]
    [InlineData("zh-CN", "未找到", "没有这个页面或记录")]
    public async Task AMissingRecord_ShowsAPageInTheReadersLanguage(string locale, string title, string text)
    {
        var user = $"front-{Guid.NewGuid():N}"[..14];
        await DeskSession.CreateUserAsync(app, user, "FrontLine");
        var page = await DeskSession.SignInAsync(app, user, locale);

        var response = await page.GotoAsync("/tickets/SE-2026-999999");

        response!.Status.Should().Be(404);
        await Expect(page.GetByTestId("status-title")).ToHaveTextAsync(title);
        await Expect(page.GetByTestId("status-text")).ToContainTextAsync(text);
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(user);
        (await page.ContentAsync()).Should().NotContain("traceId");
        await DeskSession.ScreenshotAsync(page, $"status-404-{locale}");
    }

    [Fact]
    public async Task AnUploadOverTheServersLimit_SaysSo_WithWhatWasSentAndTheLimit_AndKeepsNothing()
    {
        var (page, number) = await UploadOnTheTicketPageAsync(31 * 1024 * 1024); // Kestrel reads at most 30,000,000 bytes a request

        await Expect(page.GetByTestId("status-title")).ToHaveTextAsync("内容过大，无法提交");
        await Expect(page.GetByTestId("status-text")).ToContainTextAsync("31 MiB");
        await Expect(page.GetByTestId("status-text")).ToContainTextAsync("28.6 MiB");
        await DeskSession.ScreenshotAsync(page, "status-too-large-zh-CN");
        var ticket = await app.CreateAdminApiClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
        ticket.GetProperty("attachments").GetArrayLength().Should().Be(0, "nothing of the refused upload is kept");
    }

    [Fact]
    public async Task AnAttachmentOverTheDesksLimit_IsRefusedOnTheTicketPage_InChinese()
    {
        var (page, _) = await UploadOnTheTicketPageAsync(11 * 1024 * 1024, "scan.pdf"); // Tickets:Attachments:MaxBytes is 10 MiB

        await Expect(page.GetByText("“scan.pdf”大小为 11 MiB；附件最大为 10 MiB")).ToBeVisibleAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync("an attachment may be at most");
        await DeskSession.ScreenshotAsync(page, "attachment-too-large-zh-CN");
    }

    /// A supervisor's new ticket, its page in Chinese, and a file of `bytes` sent with the page's attach form.
    async Task<(IPage Page, string Number)> UploadOnTheTicketPageAsync(int bytes, string name = "scan.pdf")
    {
        var user = $"boss-{Guid.NewGuid():N}"[..13];
        await DeskSession.CreateUserAsync(app, user, "Supervisor");
        var number = await DeskApi.RecordAsync(await DeskApi.ClientAsync(app, user), "Scanner driver crashes");
        var page = await DeskSession.SignInAsync(app, user, "zh-CN");
        await page.GotoAsync($"/tickets/{number}");
        var folder = Directory.CreateTempSubdirectory("sf-upload-").FullName;
        var file = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(file, new byte[bytes]);
        try
        {
            var upload = page.GetByTestId("attach-form");
            await upload.Locator("input[type=file]").SetInputFilesAsync(file);
            await upload.Locator("button[type=submit]").ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return (page, number);
    }
}
