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
}
