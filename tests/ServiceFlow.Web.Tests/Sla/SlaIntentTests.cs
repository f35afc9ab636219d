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

        var planned = await TimersAsync(app, number);
        planned.Should().NotBeEmpty();
        var intents = await IntentsAsync(app, planned);
        intents.Select(i => i.SubjectId).Should().BeEquivalentTo(FirstOfEachClock(planned),
            "each clock's first timer has its intent, written in the step that planned it; the later ones wait for it to fire");
        intents.Should().OnlyContain(i => i.HandedAt == null && i.JobId == null, "none is due within seconds");
        (await SlaJobsInHangfireAsync()).Should().Be(0);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        (await SlaDesk.SetStatusAsync(admin, number, "WaitingForCustomer", "asked for the log file")).StatusCode.Should().Be(HttpStatusCode.OK);
        var all = await TimersAsync(app, number);
        all.Should().OnlyContain(t => t.CancelledAt != null, "the first response was made and the resolution clock paused");

        app.Clock.Advance(TimeSpan.FromDays(3)); // every timer planned so far is past due
        // This pass, or the host's own (its timer runs on the fake clock too, and may hold the rows a moment).
        for (var i = 0; i < 50 && (await IntentsAsync(app, all)).Count > 0; i++)
        {
            await app.Services.GetRequiredService<IntentDispatcher>().DispatchAsync(CancellationToken.None);
            await Task.Delay(100);
        }

        (await IntentsAsync(app, all)).Should().BeEmpty("a cancelled timer's intent is dropped when it comes due");
        (await SlaJobsInHangfireAsync()).Should().Be(0, "no Hangfire job was ever made for them");
    }

    internal static IEnumerable<Guid> FirstOfEachClock(IEnumerable<Features.Sla.SlaTimer> timers) =>
        timers.GroupBy(t => t.ClockId).Select(g => g.MinBy(t => t.DueAt)!.Id);

    internal static async Task<List<Features.Sla.SlaTimer>> TimersAsync(SlaFakeClockApp app, string number)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var clocks = await db.SlaClocks.Where(c => c.BusinessKey == number).Select(c => c.Id).ToListAsync();
        return await db.SlaTimers.AsNoTracking().Where(t => clocks.Contains(t.ClockId)).ToListAsync();
    }

    internal static async Task<List<Intent>> IntentsAsync(SlaFakeClockApp app, List<Features.Sla.SlaTimer> timers)
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

/// Its own host (and database): the other class counts every SLA window job Hangfire holds, and the clock moves here.
public sealed class SlaIntentChainTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task FiringAClocksTimer_WritesTheIntentOfItsNextTimer_SoEveryRungOfTheLadderGetsAJob()
    {
        var admin = app.CreateAdminApiClient();
        await SlaClient.PutPolicyAsync(admin, "svc-chain", new { priority = "P3", serviceType = "svc-chain", firstResponse = "PT1H", resolution = "PT4H", calendar = "default" });
        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 2, 9, 30, 0, Shanghai).ToUniversalTime());
        var number = await SlaClient.CreateTicketAsync(admin, "svc-chain", "P3", app.Clock.GetUtcNow());
        var planned = await SlaIntentTests.TimersAsync(app, number);
        var first = planned.MinBy(t => t.DueAt)!;
        var next = planned.Where(t => t.ClockId == first.ClockId && t.Id != first.Id).MinBy(t => t.DueAt)!;
        next.DueAt.Should().BeAfter(first.DueAt, "the policy's ladder has more than one rung on a clock");
        (await SlaIntentTests.IntentsAsync(app, [next])).Should().BeEmpty("only the first timer of a clock has an intent when it is planned");

        // Past the first timer, before the second: firing it writes the second's intent in the same transaction.
        app.Clock.AdjustTime(first.DueAt + (next.DueAt - first.DueAt) / 2);
        await app.Services.GetRequiredService<SlaJobs>().FireDueAsync();

        var fired = await SlaIntentTests.TimersAsync(app, number);
        fired.Single(t => t.Id == first.Id).FiredAt.Should().NotBeNull();
        fired.Single(t => t.Id == next.Id).FiredAt.Should().BeNull();
        var intents = await SlaIntentTests.IntentsAsync(app, [next]);
        intents.Should().ContainSingle().Which.DueAt.Should().Be(next.DueAt);
    }
}
