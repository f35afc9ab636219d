using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Sla;

/// Two hosts with Hangfire servers on one database, real time: every SLA timer fires exactly once,
/// even when both hosts hold a job for it.
/// Runs alone: Hangfire's job activator is process-wide, so with other hosts in the process a job may be
/// activated in another host's container (a pre-existing limitation of in-process multi-host tests).
[Collection(SlaTwoHostsCollection.Name)]
public sealed class SlaTwoHostsTests
{
    [Fact]
    public async Task TwoHosts_FireEachWarningOnce_EvenWithDuplicateJobs()
    {
        var connection = await TestDatabase.CreateDatabaseAsync("sla2");
        await using var first = ServiceFlowApp.StartOn(connection, runJobs: true);
        await using var second = ServiceFlowApp.StartOn(connection, runJobs: true);
        var admin = first.CreateAdminApiClient();
        await SlaClient.PutCalendarAsync(admin, "always", new { timeZone = "UTC", weeklyHours = Enum.GetNames<DayOfWeek>().Select(d => $"{d} 00:00-24:00").ToArray() });
        await SlaClient.PutPolicyAsync(admin, "svc-two", new
        {
            priority = "P2",
            serviceType = "svc-two",
            firstResponse = "PT6S",
            resolution = "PT8S",
            calendar = "always",
            escalations = new[] { "warning75=group:Supervisor" },
        });
        for (var i = 0; i < 5; i++)
            await SlaClient.CreateTicketAsync(admin, "svc-two", "P2", DateTimeOffset.UtcNow);

        // The second host schedules its own job for every timer too, as if a sweeper had raced the first.
        List<(Guid Id, DateTimeOffset DueAt)> timers;
        using (var scope = second.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            timers = [.. (await db.SlaTimers.AsNoTracking().Where(t => t.CancelledAt == null).ToListAsync()).Select(t => (t.Id, t.DueAt))];
        }
        timers.Should().HaveCount(5 * 2 * 3, "five tickets × two clocks × (75 %, 90 %, breach)");
        var scheduler = second.Services.GetRequiredService<SlaScheduler>();
        foreach (var (id, due) in timers)
            scheduler.Schedule(id, due);

        await WaitUntilAsync(first, async db => await db.SlaTimers.CountAsync(t => t.FiredAt == null && t.CancelledAt == null) == 0, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2)); // let any duplicate job finish

        using var check = first.Services.CreateScope();
        var data = check.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var fired = await data.SlaTimers.AsNoTracking().ToListAsync();
        fired.Should().OnlyContain(t => t.FiredAt != null && t.LatenessMs >= 0);
        (await data.TicketEntries.CountAsync(e => e.Text == "sla")).Should().Be(timers.Count, "one history line per firing: none fired twice");
        (await data.UserTasks.CountAsync(t => t.WorkflowKey == "sla")).Should().Be(timers.Count);
    }

    static async Task WaitUntilAsync(ServiceFlowApp app, Func<ServiceFlowDbContext, Task<bool>> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            using (var scope = app.Services.CreateScope())
            {
                if (await done(scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>()))
                    return;
            }
            if (DateTime.UtcNow > until)
                throw new TimeoutException("SLA timers did not all fire in time.");
            await Task.Delay(250);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlaTwoHostsCollection
{
    public const string Name = "SLA two hosts";
}
