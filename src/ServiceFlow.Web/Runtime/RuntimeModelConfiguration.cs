using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceFlow.Web.Email;

namespace ServiceFlow.Web.Runtime;

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinition>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinition> e)
    {
        e.ToTable("workflow_definitions");
        e.HasIndex(d => new { d.Key, d.Version }).IsUnique();
        e.Property(d => d.Key).HasMaxLength(200);
        e.Property(d => d.ContentHash).HasMaxLength(64);
    }
}

internal sealed class ProcessInstanceConfiguration : IEntityTypeConfiguration<ProcessInstance>
{
    public void Configure(EntityTypeBuilder<ProcessInstance> e)
    {
        e.ToTable("process_instances");
        e.Property(i => i.State).HasColumnType("jsonb");
        e.Property(i => i.Variables).HasColumnType("jsonb");
        e.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(i => i.RowVersion).IsRowVersion();
        // Partial where that is all a query asks for: an index a row does not match costs its inserts
        // and updates nothing. Every step that ends an instance rewrites the row (its status is indexed,
        // so the update is never HOT) and would otherwise add an entry to every index.
        e.HasIndex(i => i.BusinessKey).HasFilter("\"BusinessKey\" IS NOT NULL");
        e.HasIndex(i => new { i.WorkflowKey, i.Version }, "ix_process_instances_running").HasFilter("\"Status\" = 'Running'");
        e.HasIndex(i => i.ParentInstanceId).HasFilter("\"ParentInstanceId\" IS NOT NULL");
    }
}

internal sealed class UserTaskConfiguration : IEntityTypeConfiguration<UserTask>
{
    public void Configure(EntityTypeBuilder<UserTask> e)
    {
        e.ToTable("user_tasks", t => t.HasCheckConstraint("ck_user_tasks_kind_instance", "(\"Kind\" = 'Process') = (\"InstanceId\" IS NOT NULL)"));
        e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.RowVersion).IsRowVersion();
        // Nulls not distinct: a process task is unique within its instance, an escalation task (no instance) by its id alone.
        e.HasIndex(t => new { t.InstanceId, t.EngineTaskId }).IsUnique().AreNullsDistinct(false);
        e.HasIndex(t => new { t.Status, t.Assignee });
        // Who a task is offered to only matters while it is open (the inbox, the API's default); a
        // completion then adds no entries to the two GIN indexes, the dearest of the table's.
        const string open = "\"Status\" = 'Open'";
        e.HasIndex(t => t.CandidateGroups).HasMethod("gin").HasFilter(open);
        e.HasIndex(t => t.CandidateUsers).HasMethod("gin").HasFilter(open);
        e.Property(t => t.SortDue).HasComputedColumnSql("COALESCE(\"DueAt\", TIMESTAMPTZ '9999-12-31 00:00:00+00')", stored: true);
        e.Property(t => t.SortPriority).HasComputedColumnSql("CASE WHEN \"Priority\" = 0 THEN 99 ELSE \"Priority\" END", stored: true);
        // One partial index per inbox sort order (open tasks only, id as the tie-breaker), and "mine" by due.
        e.HasIndex(t => new { t.SortDue, t.Id }, "ix_user_tasks_open_due").HasFilter(open);
        e.HasIndex(t => new { t.SortPriority, t.SortDue, t.Id }, "ix_user_tasks_open_priority").HasFilter(open);
        e.HasIndex(t => new { t.CreatedAt, t.Id }, "ix_user_tasks_open_created").HasFilter(open);
        e.HasIndex(t => new { t.Assignee, t.SortDue, t.Id }, "ix_user_tasks_open_assignee_due").HasFilter(open);
        // The inbox's Overdue / Due today: the open tasks of the tickets whose SLA clocks fall due (InboxQuery).
        e.HasIndex(t => t.BusinessKey, "ix_user_tasks_open_business_key").HasFilter(open);
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> e)
    {
        e.ToTable("bookmarks");
        e.Property(b => b.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(b => b.Payload).HasColumnType("jsonb");
        e.HasIndex(b => new { b.InstanceId, b.EngineId }).IsUnique();
        e.HasIndex(b => new { b.MessageName, b.CorrelationKey });
        e.HasIndex(b => new { b.Kind, b.DueAt });
    }
}

internal sealed class JournalStepConfiguration : IEntityTypeConfiguration<JournalStep>
{
    public void Configure(EntityTypeBuilder<JournalStep> e)
    {
        e.ToTable("journal");
        // Read by instance in order, never by id alone: the key is the one index the table needs.
        e.HasKey(j => new { j.InstanceId, j.Id });
        e.Property(j => j.Id).UseIdentityByDefaultColumn();
        e.Property(j => j.Entries).HasColumnType("jsonb");
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> e)
    {
        e.ToTable("incidents");
        e.HasIndex(i => new { i.InstanceId, i.EngineIncidentId }).IsUnique();
        e.HasIndex(i => i.ResolvedAt);
    }
}

internal sealed class TimerFiringConfiguration : IEntityTypeConfiguration<TimerFiring>
{
    public void Configure(EntityTypeBuilder<TimerFiring> e)
    {
        e.ToTable("timer_firings");
        e.HasIndex(f => new { f.InstanceId, f.TimerId, f.DueAt }).IsUnique();
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("outbox_messages");
        e.Property(m => m.Model).HasColumnType("jsonb");
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(m => m.MessageId).IsUnique();
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
