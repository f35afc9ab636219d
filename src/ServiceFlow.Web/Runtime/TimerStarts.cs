using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Runtime;

/// One timer start event of one published version: when it next starts an instance. Only rows of a
/// key's latest version are active; publishing a new version deactivates the older ones.
/// `RowVersion` (PostgreSQL xmin) makes two concurrent firings of the same due time end in one instance.
public sealed class TimerStartSchedule
{
    public Guid Id { get; set; }
    public Guid DefinitionId { get; set; }
    public string WorkflowKey { get; set; } = "";
    public int Version { get; set; }
    public string StartEventId { get; set; } = "";
    public DateTimeOffset? NextDue { get; set; }
    public int FiredCount { get; set; }
    /// Due times passed over while the host was down (they count against a cycle's repetitions).
    public int SkippedCount { get; set; }
    public DateTimeOffset? LastFiredAt { get; set; }
    public string? HangfireJobId { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint RowVersion { get; set; }
}

internal sealed class TimerStartScheduleConfiguration : IEntityTypeConfiguration<TimerStartSchedule>
{
    public void Configure(EntityTypeBuilder<TimerStartSchedule> e)
    {
        e.ToTable("timer_starts");
        e.Property(t => t.WorkflowKey).HasMaxLength(200);
        e.Property(t => t.StartEventId).HasMaxLength(200);
        e.Property(t => t.HangfireJobId).HasMaxLength(100);
        e.Property(t => t.RowVersion).IsRowVersion();
        e.HasIndex(t => new { t.DefinitionId, t.StartEventId }).IsUnique();
        e.HasIndex(t => new { t.WorkflowKey, t.Active });
        e.HasOne<WorkflowDefinition>().WithMany().HasForeignKey(t => t.DefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
