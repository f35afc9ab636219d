using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Tests.Sla;

/// SLA timers are durable intents: a Hangfire job is made for a timer only once it comes due soon, so a
/// clock that stops (or pauses) long before its timers costs Hangfire nothing, and its intents are dropped.
public sealed class SlaIntentTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_ClockPausedBeforeItsTimersComeDue_NeverMakesAHangfireJobForThem()
    {
        var admin = app.CreateAdminApiClient();
        await SlaClient.PutPolicyAsync(admin, "svc-intent", new { priority = "P3", serviceType = "svc-intent", firstResponse = "PT1H", resolution = "PT4H", calendar = "default" });
        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 1, 14, 30, 0, Shanghai).ToUniversalTime());
        var number = await SlaClient.CreateTicketAsync(admin, "svc-intent", "P3", app.Clock.GetUtcNow());
        await SlaDesk.ToInProgressAsync(admin, number);

        var planned = await TimersAsync(number);
        planned.Should().NotBeEmpty();
        var intents = await IntentsAsync(planned);
        intents.Should().HaveCount(planned.Count, "every timer has its intent, written in the step that planned it");
        intents.Should().OnlyContain(i => i.HandedAt == null && i.JobId == null, "none is due within seconds");
        (await SlaJobsInHangfireAsync()).Should().Be(0);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        (await SlaDesk.SetStatusAsync(admin, number, "WaitingForCustomer", "asked for the log file")).StatusCode.Should().Be(HttpStatusCode.OK);
        var all = await TimersAsync(number);
        all.Should().OnlyContain(t => t.CancelledAt != null, "the first response was made and the resolution clock paused");

        app.Clock.Advance(TimeSpan.FromDays(3)); // every timer planned so far is past due
        // This pass, or the host's own (its timer runs on the fake clock too, and may hold the rows a moment).
        for (var i = 0; i < 50 && (await IntentsAsync(all)).Count > 0; i++)
        {
            await app.Services.GetRequiredService<IntentDispatcher>().DispatchAsync(CancellationToken.None);
            await Task.Delay(100);
        }

        (await IntentsAsync(all)).Should().BeEmpty("a cancelled timer's intent is dropped when it comes due");
        (await SlaJobsInHangfireAsync()).Should().Be(0, "no Hangfire job was ever made for them");
    }

    async Task<List<Features.Sla.SlaTimer>> TimersAsync(string number)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var clocks = await db.SlaClocks.Where(c => c.BusinessKey == number).Select(c => c.Id).ToListAsync();
        return await db.SlaTimers.AsNoTracking().Where(t => clocks.Contains(t.ClockId)).ToListAsync();
    }

    async Task<List<Intent>> IntentsAsync(List<Features.Sla.SlaTimer> timers)
    {
        var ids = timers.Select(t => t.Id).ToList();
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Set<Intent>().AsNoTracking()
            .Where(i => ids.Contains(i.SubjectId)).ToListAsync();
    }

    async Task<long> SlaJobsInHangfireAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        return await db.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM hangfire.job WHERE invocationdata::text LIKE '%FireWindowAsync%'""").SingleAsync();
    }
}
