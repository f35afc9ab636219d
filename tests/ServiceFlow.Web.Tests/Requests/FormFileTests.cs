using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Requests;

/// The form-js file field: on a catalog request the file is kept with the instance and read by whoever may
/// read the instance; on a ticket's task it becomes one of the ticket's attachments, read by the ticket's
/// readers. Too large is a 413 before anything starts or completes, and a repeated completion keeps no second copy.
public sealed class FormFileTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 4];

    [Fact]
    public async Task AFileOnARequest_IsKeptWithTheInstance_ForItsStarterAndTheDesk_AndHiddenFromOthers()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"ff-front-{s}", "FrontLine");
        var stranger = await People.CreateAsync(app, $"ff-tech-{s}", "TechSupport");

        var started = await front.PostAsync("/api/requests/catalog/account-unlock",
            CatalogApp.Multipart(new { account = "j.smith", system = "mail" }, ("screenshot", "../..\\locked 锁定.png", Png, "image/png")));

        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetGuid();
        var file = (await front.GetFromJsonAsync<JsonElement>($"/api/instances/{instanceId}")).GetProperty("variables").GetProperty("screenshot");
        file.GetProperty("name").GetString().Should().Be("locked 锁定.png", "the path is cut off the file name");
        file.GetProperty("size").GetInt64().Should().Be(Png.Length);
        var url = $"/api/instances/{instanceId}/files/{file.GetProperty("id").GetGuid()}";
        var download = await front.GetAsync(url);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Png);
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        (await stranger.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound, "TechSupport neither started the request nor sees its task");
    }

    [Fact]
    public async Task AnOversizedFile_Is413_NamingTheLimit_AndNoRequestStarts_AndAFileSentAsAValueIs400()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"ff-big-{s}", "FrontLine");

        var big = await front.PostAsync("/api/requests/catalog/account-unlock",
            CatalogApp.Multipart(new { account = "j.smith", system = "mail" }, ("screenshot", "big.png", new byte[CatalogApp.Limit + 1], "image/png")));
        var asValue = await front.PostAsJsonAsync("/api/requests/catalog/account-unlock",
            new { variables = new { account = "j.smith", system = "mail", screenshot = new { id = Guid.NewGuid(), name = "forged.png" } } });
        var program = await front.PostAsync("/api/requests/catalog/account-unlock",
            CatalogApp.Multipart(new { account = "j.smith", system = "mail" }, ("screenshot", "tool.exe", Png, "application/octet-stream")));

        big.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await big.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("at most 4 KiB");
        asValue.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await asValue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("screenshot takes a file");
        program.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await front.GetFromJsonAsync<JsonElement>("/api/requests/mine")).EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AFileOnATicketsTask_BecomesTheTicketsAttachment_ReadByItsReaders_AndARepeatedCompletionKeepsOneCopy()
    {
        await AddEvidenceToTheReviewAsync();
        var s = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"ff-rec-{s}", "FrontLine");
        var supervisor = await People.CreateAsync(app, $"ff-sup-{s}", "Supervisor");
        var stranger = await People.CreateAsync(app, $"ff-other-{s}", "FrontLine");
        var created = await front.PostAsJsonAsync("/api/tickets", new
        {
            title = "printer jams",
            description = "every page",
            serviceType = "system-operations",
            serviceObject = "Printer",
            discoveredAt = DateTimeOffset.UtcNow,
            channel = "Phone",
            priority = "P3",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        var review = (await supervisor.GetFromJsonAsync<JsonElement>("/api/tasks?take=1000")).EnumerateArray()
            .Single(t => t.GetProperty("businessKey").GetString() == number).GetProperty("id").GetGuid();

        var tooLarge = await supervisor.PostAsync($"/api/tasks/{review}/complete",
            CatalogApp.Multipart(new { decision = "accept" }, ("evidence", "big.log", new byte[CatalogApp.Limit + 1], "text/plain")));
        var done = await supervisor.PostAsync($"/api/tasks/{review}/complete",
            CatalogApp.Multipart(new { decision = "accept" }, ("evidence", "log.txt", Encoding.UTF8.GetBytes("paper jam at tray 2"), "text/plain")));
        var again = await supervisor.PostAsync($"/api/tasks/{review}/complete",
            CatalogApp.Multipart(new { decision = "accept" }, ("evidence", "log.txt", Encoding.UTF8.GetBytes("paper jam at tray 2"), "text/plain")));

        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        done.StatusCode.Should().Be(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var attachment = (await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("attachments").EnumerateArray().Should().ContainSingle().Subject;
        attachment.GetProperty("fileName").GetString().Should().Be("log.txt");
        var url = $"/api/tickets/{number}/attachments/{attachment.GetProperty("id").GetGuid()}";
        (await front.GetStringAsync(url)).Should().Be("paper jam at tray 2");
        (await stranger.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await front.GetStringAsync($"/tickets/{number}")).Should().Contain(url, "the ticket page lists it with its download link");
    }

    /// The shipped review form with a file field added, published for this host's new tickets.
    async Task AddEvidenceToTheReviewAsync()
    {
        var admin = app.CreateAdminApiClient();
        var form = await admin.GetFromJsonAsync<JsonElement>("/api/forms/review");
        var schema = System.Text.Json.Nodes.JsonNode.Parse(form.GetProperty("schema").GetString()!)!.AsObject();
        if (schema["components"]!.AsArray().Any(c => (string?)c!["key"] == "evidence"))
            return;
        schema["components"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["type"] = "filepicker", ["key"] = "evidence", ["label"] = "Evidence" });
        var put = await admin.PutAsync($"/api/forms/review/draft?baseVersion={form.GetProperty("draftVersion").GetUInt32()}",
            new StringContent(schema.ToJsonString(), Encoding.UTF8, "application/json"));
        put.EnsureSuccessStatusCode();
        var xml = await admin.GetStringAsync("/api/workflows/service-exception/versions/1/xml");
        (await admin.PutAsync("/api/workflows/service-exception/draft?baseVersion=0", new StringContent(xml, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        var published = await admin.PostAsync("/api/workflows/service-exception/publish", null);
        published.IsSuccessStatusCode.Should().BeTrue(await published.Content.ReadAsStringAsync());
    }
}
