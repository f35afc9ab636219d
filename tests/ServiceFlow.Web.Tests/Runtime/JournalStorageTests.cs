using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

/// The journal is stored as one row per engine step, and the latest version of a key is cached per
/// node: what readers see must not change because of either.
public sealed class JournalStorageTests
{
    [Fact]
    public async Task EachStep_IsOneJournalRow_AndReadsBackAsTheEntriesInOrder()
    {
        var db = await TestDatabase.CreateDatabaseAsync("journal");
        await using var app = ServiceFlowApp.StartOn(db, runJobs: false);
        var api = new RuntimeClient(app.CreateAdminApiClient());
        var key = Models.Unique("approval");
        await api.PublishAsync(Models.Approval(key));
        var id = await api.StartAsync(key);
        var task = (await api.TasksAsync(id)).Single();
        (await api.CompleteAsync(task.GetProperty("id").GetGuid(), new { approved = true })).EnsureSuccessStatusCode();

        using var scope = app.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var rows = await data.Journal.Where(j => j.InstanceId == id).OrderBy(j => j.Id).ToListAsync();
        rows.Should().HaveCount(2, "one step starts the instance, one completes the task");
        rows[1].UserId.Should().Be("admin");

        var journal = await api.JournalAsync(id);
        journal.Select(j => j.GetProperty("id").GetInt64()).Should().Equal(Enumerable.Range(1, journal.Length).Select(i => (long)i));
        journal.Where(j => j.GetProperty("kind").GetString() == "NodeEntered").Select(j => j.GetProperty("nodeId").GetString())
            .Should().Equal("start", "approve", "end");
        var commands = journal.Where(j => j.GetProperty("kind").GetString() == "CommandReceived").ToList();
        commands.Should().HaveCount(2);
        commands[1].GetProperty("userId").GetString().Should().Be("admin");
        journal.Where(j => j.GetProperty("kind").GetString() != "CommandReceived")
            .Should().OnlyContain(j => j.GetProperty("userId").ValueKind == System.Text.Json.JsonValueKind.Null);
        journal.Select(j => j.GetProperty("at").GetDateTimeOffset()).Should().BeInAscendingOrder()
            .And.Contain(rows[0].At).And.Contain(rows[1].At);
    }

    [Fact]
    public void AnEntryWithItsOwnInstant_KeepsIt()
    {
        var at = DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var step = JournalRows.Step(Guid.NewGuid(), at, "ann",
            [new JournalStepEntry(at, "CommandReceived", null, null, "complete by ann"), new JournalStepEntry(at.AddHours(4), "TimerFired", "late", "t1", "<b>&</b>")]);

        step.Entries.Should().Contain("\"k\":\"TimerFired\"").And.Contain("\"at\":").And.NotContain("\"n\":null");
        using var doc = System.Text.Json.JsonDocument.Parse(step.Entries);
        doc.RootElement.GetArrayLength().Should().Be(2);
        doc.RootElement[0].TryGetProperty("at", out _).Should().BeFalse("the row's instant is not repeated");
        doc.RootElement[1].GetProperty("at").GetDateTimeOffset().Should().Be(at.AddHours(4));
        doc.RootElement[1].GetProperty("d").GetString().Should().Be("<b>&</b>");
    }

    [Fact]
    public async Task AVersionPublishedOnAnotherNode_IsStartedHereWithinASecond()
    {
        var db = await TestDatabase.CreateDatabaseAsync("latest");
        await using var a = ServiceFlowApp.StartOn(db, runJobs: false);
        await using var b = ServiceFlowApp.StartOn(db, runJobs: false);
        var onA = new RuntimeClient(a.CreateAdminApiClient());
        var onB = new RuntimeClient(b.CreateAdminApiClient());
        var key = Models.Unique("approval");
        await onA.PublishAsync(Models.Approval(key));
        (await onB.InstanceAsync(await onB.StartAsync(key))).GetProperty("version").GetInt32().Should().Be(1, "B now holds version 1 as the latest");

        await onA.PublishAsync(Models.Approval(key).Replace("\"approve\"", "\"review\"", StringComparison.Ordinal));
        (await onA.InstanceAsync(await onA.StartAsync(key))).GetProperty("version").GetInt32().Should().Be(2, "the publishing node sees its own publish at once");

        var waited = Stopwatch.StartNew();
        int version;
        do
        {
            await Task.Delay(100);
            version = (await onB.InstanceAsync(await onB.StartAsync(key))).GetProperty("version").GetInt32();
        }
        while (version == 1 && waited.Elapsed < TimeSpan.FromSeconds(5));
        version.Should().Be(2, $"B's cached latest version lives {DefinitionStore.LatestVersionTtl.TotalSeconds} s, and B waited {waited.Elapsed.TotalSeconds:F1} s");
    }
}
