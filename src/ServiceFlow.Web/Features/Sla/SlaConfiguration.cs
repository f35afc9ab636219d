using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Sla;

internal sealed class CalendarRecordConfiguration : IEntityTypeConfiguration<CalendarRecord>
{
    public void Configure(EntityTypeBuilder<CalendarRecord> e)
    {
        e.ToTable("business_calendars");
        e.HasKey(c => c.Name);
        e.Property(c => c.Name).HasMaxLength(64);
        e.Property(c => c.TimeZone).HasMaxLength(64);
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> e)
    {
        e.ToTable("sla_policies");
        e.HasIndex(p => new { p.Key, p.Version }).IsUnique();
        e.HasIndex(p => new { p.Priority, p.ServiceType });
        e.Property(p => p.Key).HasMaxLength(64);
        e.Property(p => p.Priority).HasMaxLength(4);
        e.Property(p => p.Calendar).HasMaxLength(64);
    }
}

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> e)
    {
        e.ToTable("sla_clocks");
        e.HasIndex(c => new { c.BusinessKey, c.Name }).IsUnique();
        // Tickets whose running (or breached) clocks fall due by a time: the inbox's Overdue / Due today.
        e.HasIndex(c => c.DueAt, "ix_sla_clocks_due").HasFilter("\"State\" IN ('Running', 'Breached')");
        e.Property(c => c.State).HasConversion<string>().HasMaxLength(10);
        e.Property(c => c.BusinessKey).HasMaxLength(64);
        e.Property(c => c.Name).HasMaxLength(32);
        e.Property(c => c.PausedByState).HasMaxLength(30);
        e.Property(c => c.RowVersion).IsRowVersion();
    }
}

internal sealed class SlaClockSegmentConfiguration : IEntityTypeConfiguration<SlaClockSegment>
{
    public void Configure(EntityTypeBuilder<SlaClockSegment> e)
    {
        e.ToTable("sla_clock_segments");
        e.HasIndex(s => new { s.ClockId, s.From });
        e.HasOne<SlaClock>().WithMany().HasForeignKey(s => s.ClockId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SlaTimerConfiguration : IEntityTypeConfiguration<SlaTimer>
{
    public void Configure(EntityTypeBuilder<SlaTimer> e)
    {
        e.ToTable("sla_timers");
        e.HasIndex(t => t.ClockId);
        e.HasIndex(t => t.DueAt).HasFilter("\"FiredAt\" IS NULL AND \"CancelledAt\" IS NULL");
        e.Property(t => t.Kind).HasMaxLength(32);
        e.HasOne<SlaClock>().WithMany().HasForeignKey(t => t.ClockId).OnDelete(DeleteBehavior.Cascade);
    }
}
