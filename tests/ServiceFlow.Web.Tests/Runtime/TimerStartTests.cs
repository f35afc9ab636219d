using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Jobs;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

/// Timer start events scheduled by the host, through the real Hangfire server on real PostgreSQL.
public sealed class TimerStartTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly RuntimeClient api = new(app.CreateAdminApiClient());

    static string TimerStart(string key, string cycle) => Models.Wrap(key, $"""
        <startEvent id="tick"><timerEventDefinition><timeCycle>{cycle}</timeCycle></timerEventDefinition></startEvent>
        <endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="tick" targetRef="end" />
        """);

    ServiceFlowDbContext Db() => app.Services.CreateScope().ServiceProvider.GetRequiredService<ServiceFlowDbContext>();

    Task<TimerStartSchedule> RowAsync(string key, int version = 1) =>
        Db().TimerStarts.AsNoTracking().SingleAsync(t => t.WorkflowKey == key && t.Version == version);

    Task<int> InstancesAsync(string key, int version = 1)
    {
        var db = Db();
        return db.ProcessInstances.CountAsync(i => db.WorkflowDefinitions.Any(d => d.Id == i.DefinitionId && d.Key == key && d.Version == version));
    }

    [Fact]
    public async Task Cycle_R2_StartsExactlyTwoInstances_ThenTheRowIsInactive_AndTheApiListsIt()
    {
        var key = Models.Unique("tick");
        // Five seconds apart: a firing more than one period late counts the next due time as missed
        // (catch-up after downtime), which a loaded test machine reached with a one-second cycle.
        await api.PublishAsync(TimerStart(key, "R2/PT5S"));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await RowAsync(key)).Active && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await Task.Delay(1500); // a third firing, if there were one, would come by now

        var row = await RowAsync(key);
        row.Active.Should().BeFalse();
        row.FiredCount.Should().Be(2);
        (await InstancesAsync(key)).Should().Be(2);
        var db = Db();
        var instanceIds = await db.ProcessInstances.Where(i => i.DefinitionId == row.DefinitionId).Select(i => i.Id).ToListAsync();
        var firings = await db.TimerFirings.Where(f => instanceIds.Contains(f.InstanceId)).ToListAsync();
        firings.Should().HaveCount(2).And.OnlyContain(f => f.LatenessMs >= 0 && f.TimerId == "tick");
        var listed = await api.Http.GetFromJsonAsync<JsonElement[]>($"/api/workflows/{key}/timer-starts");
        listed.Should().ContainSingle();
        listed![0].GetProperty("startEventId").GetString().Should().Be("tick");
        listed[0].GetProperty("firedCount").GetInt32().Should().Be(2);
        listed[0].GetProperty("nextDue").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Republishing_WithAnotherTimer_RetiresTheOldRow_AndTheSameDocumentChangesNothing()
    {
        var key = Models.Unique("tick");
        await api.PublishAsync(TimerStart(key, "R/PT2S"));
        await api.PublishAsync(TimerStart(key, "R/PT1H"));
        await api.PublishAsync(TimerStart(key, "R/PT1H"), System.Net.HttpStatusCode.OK);

        (await RowAsync(key, 1)).Active.Should().BeFalse();
        var current = await RowAsync(key, 2);
        current.Active.Should().BeTrue();
        current.NextDue.Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(59));
        var before = await InstancesAsync(key, 1);
        await Task.Delay(3000);
        (await InstancesAsync(key, 1)).Should().Be(before);
        (await Db().TimerStarts.CountAsync(t => t.WorkflowKey == key)).Should().Be(2);
    }

    [Fact]
    public async Task A_RowThreeCyclesOverdue_FiresOnce_AndItsNextDueIsInTheFuture()
    {
        var key = Models.Unique("tick");
        await api.PublishAsync(TimerStart(key, "R/PT1H"));
        var row = await RowAsync(key);
        var overdue = DateTimeOffset.UtcNow.AddHours(-3).AddSeconds(-5);
        await Db().TimerStarts.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.NextDue, overdue));
        await Db().Set<Intent>().Where(i => i.SubjectId == row.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.DueAt, overdue)); // as if the host had been down

        await app.Services.GetRequiredService<IntentDispatcher>().DispatchAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await RowAsync(key)).FiredCount == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await app.Services.GetRequiredService<TimerStartJobs>().FireAsync(row.Id); // a second run is a no-op

        var after = await RowAsync(key);
        after.FiredCount.Should().Be(1);
        after.SkippedCount.Should().Be(3);
        after.NextDue.Should().BeAfter(DateTimeOffset.UtcNow).And.BeBefore(DateTimeOffset.UtcNow.AddHours(1));
        (await InstancesAsync(key)).Should().Be(1);
    }

    [Fact]
    public async Task TwoConcurrentFirings_OfTheSameDueTime_StartOneInstance()
    {
        var key = Models.Unique("tick");
        await api.PublishAsync(TimerStart(key, "R/PT1H"));
        var row = await RowAsync(key);
        await Db().TimerStarts.Where(t => t.Id == row.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextDue, DateTimeOffset.UtcNow.AddMilliseconds(300)));

        var jobs = app.Services.GetRequiredService<TimerStartJobs>();
        await Task.WhenAll(Task.Run(() => jobs.FireAsync(row.Id)), Task.Run(() => jobs.FireAsync(row.Id)));

        (await InstancesAsync(key)).Should().Be(1);
        var after = await RowAsync(key);
        after.FiredCount.Should().Be(1);
        var db = Db();
        var firing = await db.TimerFirings.SingleAsync(f => f.TimerId == "tick" && db.ProcessInstances.Any(i => i.Id == f.InstanceId && i.DefinitionId == row.DefinitionId));
        firing.LatenessMs.Should().BeGreaterThanOrEqualTo(0);
    }
}
