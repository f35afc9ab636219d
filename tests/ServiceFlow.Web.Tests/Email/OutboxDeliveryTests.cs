using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Email;

/// A workflow's send task → outbox row in the step's transaction → Hangfire → MailKit → a real SMTP server.
[Collection(MailServersCollection.Name)]
public sealed class OutboxDeliveryTests(MailServersFixture mail) : IAsyncLifetime
{
    ServiceFlowApp app = null!;
    RuntimeClient api = null!;

    public async Task InitializeAsync()
    {
        app = ServiceFlowApp.StartOn(await TestDatabase.CreateDatabaseAsync("outbox"), runJobs: true,
            ("Smtp:Host", mail.Smtp.Host), ("Smtp:Port", mail.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Smtp:TlsMode", "None"), ("Smtp:FromAddress", "desk@serviceflow.test"), ("Smtp:TimeoutSeconds", "5"),
            ("Email:Outbox:RetryDelaysSeconds:0", "1"), ("Email:Outbox:RetryDelaysSeconds:1", "2"),
            ("Email:Outbox:MaxAttempts", "1000"), ("Runtime:SweepSeconds", "1"));
        api = new RuntimeClient(app.CreateAdminApiClient());
    }

    public async Task DisposeAsync()
    {
        if (!mail.Smtp.IsRunning)
            await mail.Smtp.StartAsync();
        await app.DisposeAsync();
    }

    static string ReceivedWorkflow(string key) => Models.Wrap(key, """
        <startEvent id="start" />
        <sendTask id="ack" name="Acknowledge" sf:template="ticket-received" />
        <endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="ack" />
        <sequenceFlow id="f2" sourceRef="ack" targetRef="end" />
        """);

    static object Variables(string number, string email) => new
    {
        customerEmail = email,
        customerName = "王小明",
        customerCulture = "zh-CN",
        recipient = new { name = "王小明" },
        ticket = new { number, title = "无法登录 <VPN>", priority = "P2" },
        sla = new { response_due = "2026-11-23 10:00" },
        link = $"https://desk.example/tickets/{number}",
    };

    [Fact]
    public async Task SendTask_DeliversTheRenderedMail_ThroughSmtp_Once()
    {
        var key = Models.Unique("ack");
        await api.PublishAsync(ReceivedWorkflow(key));
        var email = $"{key}@customer.test";

        var id = await api.StartAsync(key, Variables("SE-2026-000123", email), businessKey: "SE-2026-000123");

        var received = await WaitForAsync(email, 1);
        var message = received.Single();
        message.Subject.Should().Contain("SE-2026-000123");
        message.HtmlBody.Should().Contain("无法登录 &lt;VPN&gt;").And.NotContain("<VPN>");
        message.Headers["X-ServiceFlow-Ticket"].Should().Be("SE-2026-000123");
        using var scope = app.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Outbox.SingleAsync(m => m.InstanceId == id);
        row.Status.Should().Be(OutboxStatus.Sent);
        message.MessageId.Should().Be(row.MessageId);
    }

    [Fact]
    public async Task SmtpServerDownForAWhile_EveryMessageArrivesOnceAfterItComesBack()
    {
        var key = Models.Unique("outage");
        await api.PublishAsync(ReceivedWorkflow(key));
        await mail.Smtp.StopAsync();
        var addresses = Enumerable.Range(1, 3).Select(i => $"{key}-{i}@customer.test").ToList();
        foreach (var (address, i) in addresses.Select((a, i) => (a, i)))
            await api.StartAsync(key, Variables($"SE-2026-90000{i}", address));

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            var until = DateTime.UtcNow.AddSeconds(30);
            while (await db.Outbox.CountAsync(m => m.To.StartsWith(key) && m.Attempts >= 2 && m.LastError != null) < 3 && DateTime.UtcNow < until)
                await Task.Delay(200);
            (await db.Outbox.Where(m => m.To.StartsWith(key)).Select(m => m.Status).ToListAsync()).Should().AllBeEquivalentTo(OutboxStatus.Pending);
        }

        await mail.Smtp.StartAsync();
        await WaitForAsync(key, 3, prefix: true);
        await Task.Delay(TimeSpan.FromSeconds(3)); // any duplicate would arrive by now

        var all = mail.Smtp.ReceivedMessages().Where(m => m.To.Mailboxes.Any(b => b.Address.StartsWith(key, StringComparison.Ordinal))).ToList();
        all.Select(m => m.To.Mailboxes.Single().Address).Should().BeEquivalentTo(addresses);
        all.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();
    }

    async Task<List<MimeKit.MimeMessage>> WaitForAsync(string address, int count, bool prefix = false)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var hits = mail.Smtp.ReceivedMessages()
                .Where(m => m.To.Mailboxes.Any(b => prefix ? b.Address.StartsWith(address, StringComparison.Ordinal) : b.Address == address)).ToList();
            if (hits.Count >= count)
                return hits;
            if (DateTime.UtcNow > until)
            {
                using var scope = app.Services.CreateScope();
                var rows = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Outbox.AsNoTracking()
                    .Where(m => m.To.StartsWith(address)).Select(m => $"{m.To}: {m.Status} after {m.Attempts} ({m.LastError})").ToListAsync();
                throw new TimeoutException($"{hits.Count} of {count} mails to {address} arrived; outbox: {string.Join("; ", rows)}");
            }
            await Task.Delay(200);
        }
    }
}
