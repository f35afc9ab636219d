using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

/// Start and complete begin their transaction with the step's first command, and a step that read
/// nothing is written as one batch without BEGIN/COMMIT (PostgreSQL's implicit transaction), its row
/// versions checked by serviceflow.expect_row. Both shortcuts must keep a step all or nothing.
public sealed class StepTransactionTests
{
    [Fact]
    public async Task TheGuard_FailsTheStatement_OnlyWhenNoRowMatched()
    {
        var db = await TestDatabase.CreateDatabaseAsync("guard");
        await using var app = ServiceFlowApp.StartOn(db, runJobs: false);
        _ = app.Services; // migrated
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();

        await using (var matched = new NpgsqlCommand($"SELECT {StepWriter.GuardFunction}(1, 'serviceflow.user_tasks')", connection))
            (await matched.ExecuteScalarAsync()).Should().Be(1L);
        await using var none = new NpgsqlCommand($"SELECT {StepWriter.GuardFunction}(0, 'serviceflow.user_tasks')", connection);
        var failed = await FluentActions.Awaiting(() => none.ExecuteScalarAsync()).Should().ThrowAsync<PostgresException>();
        failed.Which.SqlState.Should().Be(StepWriter.GuardSqlState);
        failed.Which.MessageText.Should().Contain("serviceflow.user_tasks").And.Contain("changed by someone else");
    }

    [Fact]
    public async Task AStaleRow_InAStepWithoutTransaction_WritesNoneOfTheStep()
    {
        var (app, db, fresh, stale) = await TwoInstancesAsync("implicit");
        await using var _ = app;
        var journalBefore = await CountAsync(db, $"SELECT count(*) FROM serviceflow.journal WHERE \"InstanceId\" = '{fresh}'");
        using var scope = app.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        await StaleStepAsync(data, db, fresh, stale);
        data.Database.CurrentTransaction.Should().BeNull("the reads ran in autocommit: the write is the implicit-transaction path");

        await FluentActions.Awaiting(() => StepWriter.TryWriteAsync(data, [], CancellationToken.None)).Should().ThrowAsync<DbUpdateConcurrencyException>();

        using var check = app.Services.CreateScope();
        var read = check.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        JsonDocument.Parse((await read.ProcessInstances.AsNoTracking().SingleAsync(i => i.Id == fresh)).Variables)
            .RootElement.GetProperty("n").GetInt32().Should().Be(1, "the fresh row's update went down with the stale one");
        JsonDocument.Parse((await read.ProcessInstances.AsNoTracking().SingleAsync(i => i.Id == stale)).Variables)
            .RootElement.GetProperty("n").GetInt32().Should().Be(20, "the other writer's change stands");
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.journal WHERE \"InstanceId\" = '{fresh}'")).Should().Be(journalBefore);
    }

    /// A step whose reads began its transaction ends it with its own batch (COMMIT as the last statement): the rows
    /// are there for everyone once the batch returns, before the runner disposes the transaction (which then rolls
    /// nothing back); a stale row in the batch commits none of it, set-based statements included.
    [Fact]
    public async Task AStepInATransaction_IsCommittedByItsOwnBatch_OrNotAtAll()
    {
        var (app, db, fresh, stale) = await TwoInstancesAsync("batchcommit");
        await using var _ = app;
        var journalBefore = await CountAsync(db, $"SELECT count(*) FROM serviceflow.journal WHERE \"InstanceId\" = '{fresh}'");
        SetWrite Mark(string mark) => new("""UPDATE serviceflow.process_instances SET "BusinessKey" = $1 WHERE "Id" = $2""", [mark, stale]);

        using (var scope = app.Services.CreateScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            await using var transaction = await data.Database.BeginTransactionAsync();
            await StaleStepAsync(data, db, fresh, stale);
            await FluentActions.Awaiting(() => StepWriter.TryWriteAsync(data, [Mark("stale")], CancellationToken.None)).Should().ThrowAsync<DbUpdateConcurrencyException>();
        }
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.process_instances WHERE \"Id\" = '{fresh}' AND \"Variables\" ->> 'n' = '1'")).Should().Be(1);
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.process_instances WHERE \"BusinessKey\" = 'stale'")).Should().Be(0, "the set-based statement went down too");
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.journal WHERE \"InstanceId\" = '{fresh}'")).Should().Be(journalBefore);

        using (var scope = app.Services.CreateScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            await using var transaction = await data.Database.BeginTransactionAsync();
            var first = await data.ProcessInstances.SingleAsync(i => i.Id == fresh);
            first.Variables = """{"n":11}""";
            foreach (var user in new[] { "first", "second", "third" }) // one table's new rows: one multi-row INSERT, in this order
                data.Journal.Add(JournalRows.Step(fresh, DateTimeOffset.UtcNow, user, [new JournalStepEntry(DateTimeOffset.UtcNow, "CommandReceived", null, null, user)]));

            (await StepWriter.TryWriteAsync(data, [Mark("fine")], CancellationToken.None)).Should().NotBeNull();

            (await CountAsync(db, $"SELECT count(*) FROM serviceflow.process_instances WHERE \"Id\" = '{fresh}' AND \"Variables\" ->> 'n' = '11'"))
                .Should().Be(1, "another connection sees the step before its transaction is disposed: the batch committed it");
        }
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.process_instances WHERE \"Id\" = '{fresh}' AND \"Variables\" ->> 'n' = '11'"))
            .Should().Be(1, "disposing the committed transaction rolled nothing back");
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.process_instances WHERE \"BusinessKey\" = 'fine'")).Should().Be(1);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var users = new NpgsqlCommand($"SELECT \"UserId\" FROM serviceflow.journal WHERE \"InstanceId\" = '{fresh}' ORDER BY \"Id\" DESC LIMIT 3", connection);
        var written = new List<string>();
        await using (var reader = await users.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                written.Add(reader.GetString(0));
        written.Should().Equal(["third", "second", "first"], "the rows keep the order they were added in");
    }

    /// A changed row without a row version (a clock's segment, a journal row) is still checked: gone by the time the
    /// batch runs, it fails the step, whether the step's reads began a transaction or it is the batch's own.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnUpdatedRowWithoutRowVersion_ThatIsGone_FailsTheStep(bool inTransaction)
    {
        var (app, db, id, _) = await TwoInstancesAsync("unguarded");
        await using var host = app;

        using var scope = app.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        await using var transaction = inTransaction ? await data.Database.BeginTransactionAsync() : null;
        var row = await data.Journal.FirstAsync(j => j.InstanceId == id);
        await ExecuteAsync(db, $"DELETE FROM serviceflow.journal WHERE \"InstanceId\" = '{id}' AND \"Id\" = {row.Id}");
        row.UserId = "rewritten";
        data.Journal.Add(JournalRows.Step(id, DateTimeOffset.UtcNow, "test", [new JournalStepEntry(DateTimeOffset.UtcNow, "CommandReceived", null, null, "x")]));

        await FluentActions.Awaiting(() => StepWriter.TryWriteAsync(data, [], CancellationToken.None)).Should().ThrowAsync<DbUpdateConcurrencyException>();
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.journal WHERE \"InstanceId\" = '{id}'")).Should().Be(0, "the new journal row went down with it");
    }

    [Fact]
    public async Task ACompletionFromAStaleCopyOfTheInstance_IsRetriedFromTheDatabase_AndKeepsTheOtherChange()
    {
        var db = await TestDatabase.CreateDatabaseAsync("stalecopy");
        await using var app = ServiceFlowApp.StartOn(db, runJobs: false);
        var api = new RuntimeClient(app.CreateAdminApiClient());
        var key = Models.Unique("approval");
        await api.PublishAsync(Models.Approval(key));
        var id = await api.StartAsync(key, new { n = 1 });
        var taskId = (await api.TasksAsync(id)).Single().GetProperty("id").GetGuid();
        app.Services.GetRequiredService<CompletionCache>().Count.Should().BeGreaterThan(0, "the node holds its copy of task and instance");

        // Another writer (a step on another node) changes the instance after the copy was taken.
        // The engine steps from State (Variables is its projection), so the change goes into both.
        await ExecuteAsync(db, $"UPDATE serviceflow.process_instances SET \"State\" = jsonb_set(\"State\", '{{variables,elsewhere}}', 'true'), \"Variables\" = \"Variables\" || '{{\"elsewhere\":true}}' WHERE \"Id\" = '{id}'");
        (await api.CompleteAsync(taskId, new { approved = true })).EnsureSuccessStatusCode();

        var instance = await api.InstanceAsync(id);
        instance.GetProperty("status").GetString().Should().Be("Completed");
        var variables = instance.GetProperty("variables");
        variables.GetProperty("elsewhere").GetBoolean().Should().BeTrue("the retry started from the row as it stands, not from the copy");
        variables.GetProperty("approved").GetBoolean().Should().BeTrue();
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.journal WHERE \"InstanceId\" = '{id}'")).Should().Be(2, "the refused attempt wrote nothing");
        (await api.TasksAsync(id, "Completed")).Should().ContainSingle();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveChangesInsideADeferredStep_IsPartOfTheStep(bool readFirst)
    {
        var db = await TestDatabase.CreateDatabaseAsync("deferred");
        await using var app = ServiceFlowApp.StartOn(db, runJobs: false);
        var api = new RuntimeClient(app.CreateAdminApiClient());
        var key = Models.Unique("approval");
        await api.PublishAsync(Models.Approval(key));
        var id = await api.StartAsync(key);
        var runner = app.Services.GetRequiredService<ProcessRunner>();

        Task<Guid> Step(bool fail) => runner.InDeferredTransactionAsync("test", async ctx =>
        {
            if (readFirst)
                _ = await ctx.Db.Incidents.CountAsync(i => i.InstanceId == id);
            var incident = new IncidentRecord { Id = Guid.NewGuid(), InstanceId = id, EngineIncidentId = "x", Message = "written mid-step", CreatedAt = ctx.Now };
            ctx.Db.Incidents.Add(incident);
            await ctx.Db.SaveChangesAsync(); // a feature's own SaveChanges inside the step (tickets, SLA clocks)
            if (fail)
                throw new InvalidOperationException("the step fails after its SaveChanges");
            return incident.Id;
        });

        await FluentActions.Awaiting(() => Step(fail: true)).Should().ThrowAsync<InvalidOperationException>();
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.incidents WHERE \"InstanceId\" = '{id}'")).Should().Be(0, "SaveChanges did not commit on its own");

        var written = await Step(fail: false);
        (await CountAsync(db, $"SELECT count(*) FROM serviceflow.incidents WHERE \"Id\" = '{written}'")).Should().Be(1, "a step that succeeds commits it");
    }

    /// A host with two running instances of an approval workflow (variables n = 1 and n = 2).
    static async Task<(ServiceFlowApp App, string Db, Guid Fresh, Guid Stale)> TwoInstancesAsync(string name)
    {
        var db = await TestDatabase.CreateDatabaseAsync(name);
        var app = ServiceFlowApp.StartOn(db, runJobs: false);
        var api = new RuntimeClient(app.CreateAdminApiClient());
        var key = Models.Unique("approval");
        await api.PublishAsync(Models.Approval(key));
        return (app, db, await api.StartAsync(key, new { n = 1 }), await api.StartAsync(key, new { n = 2 }));
    }

    /// A step's change set with a stale row: both instances read, the second changed by another writer (n = 20), then
    /// both changed (n = 10, n = 30; the fresh row is written before the stale one, in tracking order) and a journal
    /// row added after both, so the guard on the second must take the first and the journal with it.
    static async Task StaleStepAsync(ServiceFlowDbContext data, string db, Guid fresh, Guid stale)
    {
        var first = await data.ProcessInstances.SingleAsync(i => i.Id == fresh);
        var second = await data.ProcessInstances.SingleAsync(i => i.Id == stale);
        await ExecuteAsync(db, $"UPDATE serviceflow.process_instances SET \"Variables\" = '{{\"n\":20}}' WHERE \"Id\" = '{stale}'");
        first.Variables = """{"n":10}""";
        second.Variables = """{"n":30}""";
        data.Journal.Add(JournalRows.Step(fresh, DateTimeOffset.UtcNow, "test", [new JournalStepEntry(DateTimeOffset.UtcNow, "CommandReceived", null, null, "stale")]));
    }

    static async Task ExecuteAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    static async Task<long> CountAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
