using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Tickets;

/// A host whose attachment limit is small enough to cross in a test.
public sealed class SmallAttachmentsApp : ServiceFlowApp
{
    public const int Limit = 4096;
    protected override IEnumerable<(string Key, string Value)> ExtraSettings() => [("Tickets:Attachments:MaxBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// Files kept with a record, in PostgreSQL: round trip, limits, rights, archived records, safe serving.
public sealed class TicketAttachmentTests(SmallAttachmentsApp app) : IClassFixture<SmallAttachmentsApp>
{
    static object NewTicket() => new
    {
        title = "screenshot attached",
        description = "error dialog",
        serviceType = "system-operations",
        serviceObject = "CRM",
        discoveredAt = DateTimeOffset.UtcNow,
        channel = "Phone",
        priority = "P3",
    };

    static MultipartFormDataContent File(string name, byte[] bytes, string type)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { part, "file", name } };
    }

    async Task<(HttpClient Front, string Number, string Suffix)> TicketAsync()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"front-{s}", "FrontLine");
        var created = await front.PostAsJsonAsync("/api/tickets", NewTicket());
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        return (front, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!, s);
    }

    [Fact]
    public async Task Upload_IsListed_DownloadsTheSameBytes_AndIsOnTheTimeline()
    {
        var (front, number, s) = await TicketAsync();
        var bytes = new byte[3000];
        new Random(7).NextBytes(bytes);

        var upload = await front.PostAsync($"/api/tickets/{number}/attachments", File("屏幕截图 1.png", bytes, "image/png"));

        upload.StatusCode.Should().Be(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var detail = await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
        var listed = detail.GetProperty("attachments").EnumerateArray().Single();
        listed.GetProperty("fileName").GetString().Should().Be("屏幕截图 1.png");
        listed.GetProperty("size").GetInt64().Should().Be(3000);
        detail.GetProperty("timeline").EnumerateArray().Should().Contain(e => e.GetProperty("kind").GetString() == "Attachment"
            && e.GetProperty("text").GetString() == "屏幕截图 1.png" && e.GetProperty("by").GetString() == $"front-{s}" && e.GetProperty("detail").GetString() == "2.9 KiB");

        var download = await front.GetAsync($"/api/tickets/{number}/attachments/{listed.GetProperty("id").GetGuid()}");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(bytes);
        download.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.Should().Be("屏幕截图 1.png");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task HtmlUpload_IsServedAsABinaryDownload_AndItsNameIsEscapedOnThePage()
    {
        var (front, number, _) = await TicketAsync();
        const string name = "<img src=x onerror=alert(1)>.html";
        var upload = await front.PostAsync($"/api/tickets/{number}/attachments", File(name, "<script>alert(1)</script>"u8.ToArray(), "text/html"));
        upload.StatusCode.Should().Be(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var download = await front.GetAsync($"/api/tickets/{number}/attachments/{id}");
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/octet-stream");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");

        var page = await front.GetStringAsync($"/tickets/{number}");
        page.Should().Contain("&lt;img src=x onerror=alert(1)&gt;.html").And.NotContain("<img src=x");
    }

    [Fact]
    public async Task OverTheLimit_Is413_NamingTheLimit_AndNothingIsKept()
    {
        var (front, number, _) = await TicketAsync();

        var response = await front.PostAsync($"/api/tickets/{number}/attachments", File("big.log", new byte[SmallAttachmentsApp.Limit + 1], "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Contain("at most 4 KiB").And.Contain("Tickets:Attachments:MaxBytes");
        (await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("attachments").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Auditor_MayDownload_ButNotUpload()
    {
        var (front, number, s) = await TicketAsync();
        var auditor = await People.CreateAsync(app, $"audit-{s}", "Auditor");
        var id = (await (await front.PostAsync($"/api/tickets/{number}/attachments", File("report.txt", "ok"u8.ToArray(), "text/plain")))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        (await auditor.GetAsync($"/api/tickets/{number}/attachments/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await auditor.PostAsync($"/api/tickets/{number}/attachments", File("mine.txt", "x"u8.ToArray(), "text/plain"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await auditor.DeleteAsync($"/api/tickets/{number}/attachments/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var stranger = await People.CreateAsync(app, $"front2-{s}", "FrontLine");
        (await stranger.GetAsync($"/api/tickets/{number}/attachments/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ArchivedTicket_KeepsItsAttachments_ButRefusesUploadAndRemoval()
    {
        var (front, number, _) = await TicketAsync();
        var id = (await (await front.PostAsync($"/api/tickets/{number}/attachments", File("before.txt", "kept"u8.ToArray(), "text/plain")))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // The lifecycle test archives through the workflow; here only the record's state matters.
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Tickets.Where(t => t.Number == number)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TicketStatus.Archived));

        (await front.GetByteArrayAsync($"/api/tickets/{number}/attachments/{id}")).Should().Equal("kept"u8.ToArray());
        var upload = await front.PostAsync($"/api/tickets/{number}/attachments", File("after.txt", "late"u8.ToArray(), "text/plain"));
        upload.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await upload.Content.ReadAsStringAsync()).Should().Contain("Archived");
        (await front.DeleteAsync($"/api/tickets/{number}/attachments/{id}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await front.GetStringAsync($"/tickets/{number}")).Should().Contain("data-testid=\"attachments-readonly\"").And.NotContain("data-testid=\"attach-form\"");
    }

    [Fact]
    public async Task Programs_AreRefused_AndTheUploaderMayRemoveTheirOwnFile()
    {
        var (front, number, _) = await TicketAsync();
        var exe = await front.PostAsync($"/api/tickets/{number}/attachments", File("setup.exe", [0x4d, 0x5a], "application/octet-stream"));
        exe.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);

        var id = (await (await front.PostAsync($"/api/tickets/{number}/attachments", File("wrong.txt", "oops"u8.ToArray(), "text/plain")))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await front.DeleteAsync($"/api/tickets/{number}/attachments/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var detail = await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
        detail.GetProperty("attachments").GetArrayLength().Should().Be(0);
        detail.GetProperty("timeline").EnumerateArray().Should().Contain(e => e.GetProperty("text").GetString() == "attachment" && e.GetProperty("detail").GetString() == "wrong.txt");
    }
}
