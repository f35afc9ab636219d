using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Jobs;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

/// The dispatcher's periodic pass: intents that come due are handed to Hangfire once across all nodes
/// (FOR UPDATE SKIP LOCKED), and an intent whose subject waits no more is dropped without a job.
public sealed class IntentDispatchTests
{
    [Fact]
    public async Task TwoNodesPassingAtOnce_HandEachDueIntentOnce_AndDropThoseWhoseBookmarkIsGone()
    {
        var db = await TestDatabase.CreateDatabaseAsync("intents");
        await using var a = ServiceFlowApp.StartOn(db, runJobs: false, ("Jobs:DispatchSeconds", "600"));
        await using var b = ServiceFlowApp.StartOn(db, runJobs: false, ("Jobs:DispatchSeconds", "600"));
        var api = new RuntimeClient(a.CreateAdminApiClient());
        var key = Models.Unique("later");
        await api.PublishAsync(Models.Timer(key, "PT1H"));
        var instances = new List<Guid>();
        for (var i = 0; i < 20; i++)
            instances.Add(await api.StartAsync(key));

        using var scope = a.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var bookmarks = await data.Bookmarks.Where(x => instances.Contains(x.InstanceId)).Select(x => x.Id).ToListAsync();
        var intents = data.Set<Intent>().Where(i => bookmarks.Contains(i.SubjectId));
        (await intents.CountAsync(i => i.HandedAt == null)).Should().Be(20, "a timer an hour away waits in the table, with no Hangfire job");
        (await ResumeJobsAsync(data)).Should().Be(0);

        var gone = bookmarks.Take(5).ToList(); // consumed or cancelled since (a boundary event, the instance ended)
        await data.Bookmarks.Where(x => gone.Contains(x.Id)).ExecuteDeleteAsync();
        await intents.ExecuteUpdateAsync(s => s.SetProperty(i => i.DueAt, DateTimeOffset.UtcNow.AddSeconds(-1)));

        var handed = await Task.WhenAll(
            a.Services.GetRequiredService<IntentDispatcher>().DispatchAsync(CancellationToken.None),
            b.Services.GetRequiredService<IntentDispatcher>().DispatchAsync(CancellationToken.None));

        handed.Sum().Should().Be(15, "each waiting intent is handed by exactly one of the nodes");
        (await ResumeJobsAsync(data)).Should().Be(15);
        var left = await intents.AsNoTracking().ToListAsync();
        left.Should().HaveCount(15).And.OnlyContain(i => i.HandedAt != null && i.JobId != null);
        left.Select(i => i.JobId).Distinct().Should().HaveCount(15);
        left.Should().NotContain(i => gone.Contains(i.SubjectId), "a bookmark that is gone drops its intent without a job");
    }

    static Task<long> ResumeJobsAsync(ServiceFlowDbContext data) =>
        data.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM hangfire.job WHERE invocationdata::text LIKE '%ResumeAsync%'""").SingleAsync();
}
