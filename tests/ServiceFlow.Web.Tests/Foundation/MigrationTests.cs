using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Foundation;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_ApplyToAnEmptyDatabase()
    {
        var connectionString = await TestDatabase.CreateDatabaseAsync("mig");
        var options = new DbContextOptionsBuilder<ServiceFlowDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations", ServiceFlowDbContext.Schema))
            .Options;
        await using var db = new ServiceFlowDbContext(options);

        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().BeEquivalentTo(db.Database.GetMigrations());
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'serviceflow' AND table_name = 'AspNetUsers'", conn);
        ((long)(await cmd.ExecuteScalarAsync())!).Should().Be(1);
    }

    [Fact]
    public async Task DeskTimeMigration_RewritesWorkingHourTargetsAsWorkingDays_AndKeepsRunningClocksWorkingTime()
    {
        var connectionString = await TestDatabase.CreateDatabaseAsync("migdays");
        var options = new DbContextOptionsBuilder<ServiceFlowDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations", ServiceFlowDbContext.Schema))
            .Options;
        await using var db = new ServiceFlowDbContext(options);
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        await migrator.MigrateAsync("20261203093037_StepGuard");
        // As the old seed wrote them: a business day was 9 working hours.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO serviceflow.sla_policies ("Key", "Version", "Priority", "FirstResponse", "Resolution", "UpdateEvery", "Calendar", "WarningPercents", "Escalations", "PauseStates", "MailAnyHour", "CreatedAt")
            VALUES ('P4', 1, 'P4', interval '9 hours', interval '45 hours', NULL, 'default', ARRAY[75,90], ARRAY[]::text[], ARRAY[]::text[], false, now()),
                   ('P1', 1, 'P1', interval '15 minutes', interval '4 hours', interval '1 hour', 'default', ARRAY[75,90], ARRAY[]::text[], ARRAY[]::text[], true, now()),
                   ('odd', 1, 'P3', interval '30 hours', interval '10 hours', NULL, 'default', ARRAY[75,90], ARRAY[]::text[], ARRAY[]::text[], false, now());
            INSERT INTO serviceflow.sla_clocks ("Id", "BusinessKey", "Name", "PolicyKey", "PolicyVersion", "Calendar", "State", "Overdue", "Target", "StartedAt")
            VALUES ('00000000-0000-0000-0000-000000000001', 'SE-2026-000001', 'resolution', 'P3', 1, 'default', 'Running', false, interval '27 hours', now());
            """);

        await db.Database.MigrateAsync();

        var policies = await db.SlaPolicies.AsNoTracking().ToDictionaryAsync(p => p.Key);
        (policies["P4"].FirstResponse, policies["P4"].Resolution).Should().Be((TimeSpan.FromDays(1), TimeSpan.FromDays(5)));
        (policies["P1"].FirstResponse, policies["P1"].Resolution, policies["P1"].UpdateEvery).Should().Be((TimeSpan.FromMinutes(15), TimeSpan.FromHours(4), TimeSpan.FromHours(1)));
        policies["odd"].FirstResponse.Should().Be(TimeSpan.FromDays(3) + TimeSpan.FromHours(3), "30 working hours were 3 desk days and 3 hours");
        policies["odd"].Resolution.Should().Be(TimeSpan.FromHours(10), "under 24 hours a duration still means working hours");
        var clock = await db.SlaClocks.AsNoTracking().SingleAsync();
        (clock.Target, clock.WorkingTarget).Should().Be((TimeSpan.FromDays(3), TimeSpan.FromHours(27)), "the running clock keeps the working time it counted against");
    }

    [Fact]
    public async Task TaskKindMigration_TurnsSlaTasksThatUsedTheirClockAsInstance_IntoEscalationTasksWithoutOne()
    {
        var connectionString = await TestDatabase.CreateDatabaseAsync("migkind");
        var options = new DbContextOptionsBuilder<ServiceFlowDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations", ServiceFlowDbContext.Schema))
            .Options;
        await using var db = new ServiceFlowDbContext(options);
        await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261206020709_PeriodReview");
        // As SlaEscalations wrote them before: the clock's id stood in as InstanceId, the id was "{timer}:{target}".
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO serviceflow.process_instances ("Id", "DefinitionId", "WorkflowKey", "Version", "Status", "State", "Variables", "StartedAt")
            VALUES ('00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-0000000000d1', 'sla', 1, 'Running', '{{}}', '{{}}', now());
            INSERT INTO serviceflow.user_tasks ("Id", "InstanceId", "EngineTaskId", "ActivityId", "Name", "WorkflowKey", "BusinessKey", "CandidateGroups", "CandidateUsers", "Priority", "Status", "CreatedAt")
            VALUES ('00000000-0000-0000-0000-000000000001', 'c10c0000-0000-0000-0000-000000000001', 'aaaa:group:Supervisor', 'breach', 'SLA breach: resolution of SE-1', 'sla', 'SE-1', ARRAY['Supervisor'], ARRAY[]::text[], 2, 'Open', now()),
                   ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-00000000000a', 'task1', 'review', 'Review', 'sla', NULL, ARRAY[]::text[], ARRAY[]::text[], 0, 'Open', now());
            """);

        await db.Database.MigrateAsync();

        var tasks = await db.UserTasks.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        tasks.Select(t => (t.Kind, t.InstanceId, t.EngineTaskId)).Should().Equal(
            (UserTaskKind.Escalation, null, "c10c0000000000000000000000000001:aaaa:group:Supervisor"),
            (UserTaskKind.Process, Guid.Parse("00000000-0000-0000-0000-00000000000a"), "task1"));
    }

    [Fact]
    public async Task IntentsMigration_GivesEveryRowStillWaitingAnIntent_AndNoneToWhatIsDoneOrCancelled()
    {
        var connectionString = await TestDatabase.CreateDatabaseAsync("migintents");
        var options = new DbContextOptionsBuilder<ServiceFlowDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations", ServiceFlowDbContext.Schema))
            .Options;
        await using var db = new ServiceFlowDbContext(options);
        await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261206050121_CustomerType");
        // What the previous version left waiting (with the Hangfire job ids its sweepers read), and what it had finished.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO serviceflow.process_instances ("Id", "DefinitionId", "WorkflowKey", "Version", "Status", "State", "Variables", "StartedAt")
            VALUES ('00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-0000000000d1', 'wf', 1, 'Running', '{{}}', '{{}}', now());
            INSERT INTO serviceflow.bookmarks ("Id", "InstanceId", "ActivityId", "EngineId", "Kind", "DueAt", "CreatedAt", "HangfireJobId")
            VALUES ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-00000000000a', 'wait', 'e1', 'Timer', '2027-01-04 01:00+00', now(), '17'),
                   ('00000000-0000-0000-0000-0000000000b2', '00000000-0000-0000-0000-00000000000a', 'answer', 'e2', 'Message', NULL, now(), NULL);
            INSERT INTO serviceflow.sla_clocks ("Id", "BusinessKey", "Name", "PolicyKey", "PolicyVersion", "Calendar", "State", "StartedAt", "Target", "WorkingTarget", "Overdue")
            VALUES ('00000000-0000-0000-0000-0000000000c1', 'SE-1', 'resolution', 'P2', 1, 'default', 'Running', now(), interval '1 day', interval '9 hours', false);
            INSERT INTO serviceflow.sla_timers ("Id", "ClockId", "Kind", "DueAt", "CreatedAt", "FiredAt", "CancelledAt", "HangfireJobId")
            VALUES ('00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-0000000000c1', 'breach', '2027-01-05 02:00+00', now(), NULL, NULL, '18'),
                   ('00000000-0000-0000-0000-0000000000d2', '00000000-0000-0000-0000-0000000000c1', 'warning', '2027-01-04 02:00+00', now(), now(), NULL, '19'),
                   ('00000000-0000-0000-0000-0000000000d3', '00000000-0000-0000-0000-0000000000c1', 'warning', '2027-01-04 03:00+00', now(), NULL, now(), '20');
            INSERT INTO serviceflow.workflow_definitions ("Id", "Key", "Version", "Xml", "ContentHash", "PublishedAt")
            VALUES ('00000000-0000-0000-0000-0000000000d0', 'monthly', 1, '<definitions/>', 'h0', now()),
                   ('00000000-0000-0000-0000-0000000000d1', 'monthly', 2, '<definitions/>', 'h1', now());
            INSERT INTO serviceflow.timer_starts ("Id", "DefinitionId", "WorkflowKey", "Version", "StartEventId", "Active", "NextDue", "CreatedAt", "FiredCount", "SkippedCount", "HangfireJobId")
            VALUES ('00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000d1', 'monthly', 1, 'start', true, '2027-02-01 00:00+00', now(), 0, 0, '21'),
                   ('00000000-0000-0000-0000-0000000000e2', '00000000-0000-0000-0000-0000000000d0', 'monthly', 0, 'start', false, '2027-02-01 00:00+00', now(), 3, 0, NULL);
            INSERT INTO serviceflow.outbox_messages ("Id", "MessageId", "Template", "To", "Model", "Status", "Attempts", "CreatedAt")
            VALUES ('00000000-0000-0000-0000-0000000000f1', 'm1@serviceflow', 'ticket-resolved', 'a@example.com', '{{}}', 'Pending', 0, now()),
                   ('00000000-0000-0000-0000-0000000000f2', 'm2@serviceflow', 'ticket-resolved', 'b@example.com', '{{}}', 'Sent', 1, now());
            """);

        await db.Database.MigrateAsync();

        var intents = await db.Set<Intent>().AsNoTracking().OrderBy(i => i.SubjectId).ToListAsync();
        intents.Select(i => (i.Kind, i.SubjectId.ToString()[^2..], i.HandedAt)).Should().Equal(
            ("bookmark", "b1", (DateTimeOffset?)null),
            ("sla-window", "d1", null),
            ("timer-start", "e1", null),
            ("outbox", "f1", null));
        intents[0].DueAt.Should().Be(DateTimeOffset.Parse("2027-01-04T01:00:00Z"), "the timer keeps its due instant");
        intents[1].DueAt.Should().Be(DateTimeOffset.Parse("2027-01-05T02:00:00Z"));
        intents[2].DueAt.Should().Be(DateTimeOffset.Parse("2027-02-01T00:00:00Z"));
    }
}
