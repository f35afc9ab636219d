using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

/// A node dies between two steps, or is down while timers come due; another start on the same
/// database carries on without losing or doubling a step, a task or a mail.
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task ProcessKilledBetweenTwoSteps_ResumesAfterRestart_WithoutDoublingTheMail()
    {
        var db = await TestDatabase.CreateDatabaseAsync("crash");
        var key = Models.Unique("async-mail");
        Guid id;
        await using (var first = ServiceFlowApp.StartOn(db, runJobs: false))
        {
            var api = new RuntimeClient(first.CreateAdminApiClient());
            await api.PublishAsync(Models.AsyncMail(key));
            id = await api.StartAsync(key, new { customerEmail = "li.na@example.com", ticket = new { number = "SE-2026-000001" } });
            (await api.StatusAsync(id)).Should().Be("Running", "the mail task is async: the first step stops before it");
            // Simulate the node dying right after the commit, before Hangfire heard about the continuation.
            await ForgetHangfireJobsAsync(first, id);
        }

        // The intent was marked handed in the step's own commit; a node hands it again once it is this long overdue.
        await using var second = ServiceFlowApp.StartOn(db, runJobs: true, ("Jobs:DispatchSeconds", "1"), ("Jobs:RehandSeconds", "2"));
        var again = new RuntimeClient(second.CreateAdminApiClient());
        await again.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(60));

        using var scope = second.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var mails = await data.Outbox.Where(m => m.InstanceId == id).ToListAsync();
        mails.Should().ContainSingle().Which.Should().Match<OutboxMessage>(m => m.To == "li.na@example.com" && m.Template == "ticket-received");
        (await JournalRows.ReadAsync(data, id)).Count(j => j.Kind == "NodeEntered" && j.NodeId == "notify").Should().Be(1);
        (await data.Bookmarks.CountAsync(b => b.InstanceId == id)).Should().Be(0);
    }

    [Fact]
    public async Task TimerThatComesDueWhileTheHostIsDown_FiresAfterItStarts()
    {
        var db = await TestDatabase.CreateDatabaseAsync("down");
        var key = Models.Unique("timer");
        Guid id;
        await using (var first = ServiceFlowApp.StartOn(db, runJobs: false))
        {
            var api = new RuntimeClient(first.CreateAdminApiClient());
            await api.PublishAsync(Models.Timer(key, "PT2S"));
            id = await api.StartAsync(key);
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // the timer comes due while no node runs

        await using var second = ServiceFlowApp.StartOn(db, runJobs: true);
        await new RuntimeClient(second.CreateAdminApiClient()).WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(60));

        using var scope = second.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var firing = await data.TimerFirings.SingleAsync(f => f.InstanceId == id);
        firing.LatenessMs.Should().BeGreaterThan(900, "it fired only once a node was up again, after it was due");
    }

    [Fact]
    public async Task ATimerJobThatRunsTwice_ChangesNothingTheSecondTime()
    {
        await using var app = ServiceFlowApp.StartOn(await TestDatabase.CreateDatabaseAsync("twice"), runJobs: false);
        var api = new RuntimeClient(app.CreateAdminApiClient());
        var key = Models.Unique("timer");
        await api.PublishAsync(Models.Timer(key, "PT1H"));
        var id = await api.StartAsync(key);
        Guid bookmark;
        using (var scope = app.Services.CreateScope())
            bookmark = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Bookmarks.Where(b => b.InstanceId == id).Select(b => b.Id).SingleAsync();
        var runner = app.Services.GetRequiredService<ProcessRunner>();

        await Task.WhenAll(runner.ResumeBookmarkAsync(bookmark), runner.ResumeBookmarkAsync(bookmark));
        await runner.ResumeBookmarkAsync(bookmark);

        (await api.StatusAsync(id)).Should().Be("Completed");
        using var check = app.Services.CreateScope();
        var data = check.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        (await data.TimerFirings.CountAsync(f => f.InstanceId == id)).Should().Be(1);
        (await JournalRows.ReadAsync(data, id)).Count(j => j.NodeId == "end" && j.Kind == "NodeEntered").Should().Be(1);
    }

    static async Task ForgetHangfireJobsAsync(ServiceFlowApp app, Guid instanceId)
    {
        using var scope = app.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var bookmarks = await data.Bookmarks.Where(b => b.InstanceId == instanceId).Select(b => b.Id).ToListAsync();
        (await data.Set<Intent>().CountAsync(i => bookmarks.Contains(i.SubjectId))).Should().Be(bookmarks.Count, "each waiting bookmark has its intent, written with it");
        await data.Database.ExecuteSqlRawAsync("DELETE FROM hangfire.jobqueue; DELETE FROM hangfire.job;");
    }
}
