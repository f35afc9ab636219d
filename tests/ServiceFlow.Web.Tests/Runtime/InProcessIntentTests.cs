using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

/// Work due the moment its step commits (an async continuation, the mail it writes) runs in the node's own
/// workers right after the commit, with no Hangfire job; with those workers off it goes through Hangfire.
public sealed class InProcessIntentTests
{
    [Theory]
    [InlineData(2, 0)]
    [InlineData(0, 2)]
    public async Task AContinuationAndItsMail_RunRightAfterTheCommit_WithoutAHangfireJob(int workers, int expectedJobs)
    {
        await using var app = ServiceFlowApp.StartOn(await TestDatabase.CreateDatabaseAsync("inproc"), runJobs: true,
            ("Jobs:InProcessWorkers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var api = new RuntimeClient(app.CreateAdminApiClient());
        var key = Models.Unique("async-mail");
        await api.PublishAsync(Models.AsyncMail(key));

        var id = await api.StartAsync(key, new
        {
            customerEmail = "li.na@example.com",
            recipient = new { name = "Li Na" },
            ticket = new { number = "SE-2026-000001", title = "VPN drops", priority = "P2" },
            sla = new { response_due = DateTimeOffset.UtcNow.AddHours(1) },
        });
        await api.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(60));

        using var scope = app.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await data.Outbox.AnyAsync(m => m.InstanceId == id && m.Status != OutboxStatus.Sent) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var mail = await data.Outbox.AsNoTracking().SingleAsync(m => m.InstanceId == id);
        mail.Status.Should().Be(OutboxStatus.Sent, $"the mail went out once ({mail.LastError})");
        var jobs = await data.Database.SqlQueryRaw<long>(
            """SELECT count(*) AS "Value" FROM hangfire.job WHERE invocationdata::text LIKE '%ResumeAsync%' OR invocationdata::text LIKE '%DeliverAsync%'""").SingleAsync();
        jobs.Should().Be(expectedJobs, workers > 0 ? "both ran in process" : "without in-process workers the continuation and the mail are Hangfire jobs");
    }

    /// Mail and continuations have their own workers: mail stuck on an SMTP server that accepts the connection and
    /// never answers (each send waits out its timeout) does not hold up a timer that is due now.
    [Fact]
    public async Task MailStuckOnASilentSmtpServer_DoesNotHoldUpAContinuation()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                    held.Add(await silent.AcceptSocketAsync());
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });
        var port = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var app = ServiceFlowApp.StartOn(await TestDatabase.CreateDatabaseAsync("inprocsilent"), runJobs: true,
            ("Smtp:Host", "127.0.0.1"), ("Smtp:Port", port), ("Smtp:TlsMode", "None"), ("Smtp:TimeoutSeconds", "30"));
        try
        {
            var api = new RuntimeClient(app.CreateAdminApiClient());
            var mailKey = Models.Unique("async-mail");
            var timerKey = Models.Unique("timer-now");
            await api.PublishAsync(Models.AsyncMail(mailKey));
            await api.PublishAsync(Models.Timer(timerKey, "PT0S"));
            for (var i = 0; i < 3; i++) // more mails than mail workers: two hang on the server, one waits in the queue
                await api.StartAsync(mailKey, new { customerEmail = $"c{i}@example.com", recipient = new { name = "C" }, ticket = new { number = "SE-2026-000001", title = "T", priority = "P3" }, sla = new { response_due = DateTimeOffset.UtcNow } });
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (held.Count < 2 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            held.Should().HaveCountGreaterThanOrEqualTo(2, "both mail workers are talking to the silent server");

            var timer = await api.StartAsync(timerKey);
            await api.WaitForStatusAsync(timer, "Completed", TimeSpan.FromSeconds(10));
        }
        finally
        {
            silent.Stop();
            foreach (var socket in held.ToList())
                socket.Dispose();
            await accepting;
        }
    }
}
