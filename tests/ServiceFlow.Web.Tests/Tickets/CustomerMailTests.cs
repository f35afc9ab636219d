using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Sla;

namespace ServiceFlow.Web.Tests.Tickets;

/// The host as deployed behind a public address: `ServiceFlow:PublicUrl` set.
public sealed class PublicUrlApp : ServiceFlowApp
{
    public const string PublicUrl = "https://desk.example.test/";

    protected override IEnumerable<(string Key, string Value)> ExtraSettings() => [("ServiceFlow:PublicUrl", PublicUrl)];
}

/// Mail to customers: in their language (else the ticket's), with no link to a staff page.
public sealed class CustomerMailTests(PublicUrlApp app) : IClassFixture<PublicUrlApp>
{
    [Fact]
    public async Task EnglishTicket_ResolvedMail_IsEnglish_AndCarriesTheNumberButNoStaffLink()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"front-{s}", "FrontLine");
        front.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var customer = $"customer-{s}@example.com";
        var created = await front.PostAsJsonAsync("/api/tickets", new
        {
            title = "VPN drops every hour",
            description = "The VPN client disconnects every hour.",
            serviceType = "system-operations",
            serviceObject = "VPN",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority = "P3",
            customerName = "Alice Smith",
            customerEmail = customer,
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        (await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("language").GetString()
            .Should().Be("en", "recorded by a user whose page is in English");

        var admin = app.CreateAdminApiClient(); // the admin client's requests carry no language: the desk default is Chinese
        await SlaDesk.ToInProgressAsync(admin, number);
        await SlaDesk.CompleteAsync(admin, number, "execute", new { solved = true, solution = "Renewed the client certificate." });
        await SlaDesk.CompleteAsync(admin, number, "confirm", new { confirmed = true });

        var (row, mail) = await SentMailAsync(customer);
        row.Culture.Should().Be("en");
        mail.Subject.Should().Be($"[{number}] Your request has been resolved: VPN drops every hour");
        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            body.Should().Contain(number).And.Contain("reply to this email");
            body.Should().NotContain("/tickets/", "customers cannot open the staff ticket page").And.NotContain("localhost");
        }
    }

    [Fact]
    public async Task CustomersOwnLanguage_WinsOverTheTicketsLanguage()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"front-{s}", "FrontLine");
        front.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var customer = $"kunde-{s}@example.com";
        var created = await front.PostAsJsonAsync("/api/tickets", new
        {
            title = "打印机无法打印",
            description = "三楼打印机卡纸。",
            serviceType = "after-sales",
            serviceObject = "printer",
            discoveredAt = DateTimeOffset.UtcNow,
            channel = "Phone",
            priority = "P4",
            customerEmail = customer,
            customerCulture = "zh-CN",
        });
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        var admin = app.CreateAdminApiClient();
        await SlaDesk.ToInProgressAsync(admin, number);
        await SlaDesk.CompleteAsync(admin, number, "execute", new { solved = true, solution = "清理了卡纸。" });
        await SlaDesk.CompleteAsync(admin, number, "confirm", new { confirmed = true });

        var (row, mail) = await SentMailAsync(customer);
        row.Culture.Should().Be("zh-CN");
        mail.Subject.Should().Contain("您的服务请求已解决");
    }

    /// The outbox row and the message as the transport wrote it (the pickup folder: no SMTP host in these tests).
    async Task<(OutboxMessage Row, MimeMessage Mail)> SentMailAsync(string to)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var until = DateTime.UtcNow.AddSeconds(30);
        OutboxMessage? row;
        while ((row = await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.To == to)) is not { Status: OutboxStatus.Sent } && DateTime.UtcNow < until)
            await Task.Delay(200);
        row.Should().NotBeNull();
        row!.Status.Should().Be(OutboxStatus.Sent, row.LastError);
        var pickup = (PickupFolderMailTransport)app.Services.GetRequiredService<IMailTransport>();
        return (row, await MimeMessage.LoadAsync(pickup.PathFor(row.MessageId)));
    }
}
