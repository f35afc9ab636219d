using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Reports.Scheduled;

/// How often a subscription is mailed; each mail covers the last complete period in the desk's time zone.
public enum ReportPeriod { Daily, Weekly, Monthly, Quarterly }

/// A report mailed on a schedule (seed 001 §5.2): which figures (a dashboard's, a scorecard or chosen measures, with
/// filters and a grouping), how often, and to whom (roles and/or people). docs/reports.md, "Scheduled reports".
public sealed class ReportSubscription
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// desk, quality, management, scorecard, me (the recipient's own figures) or measures (chosen below).
    public string Report { get; set; } = "quality";
    public List<string> Measures { get; set; } = [];
    public string? GroupBy { get; set; }
    /// The dimension filters as the report API takes them (`priority=P1&channel=Phone`), without period, grouping or measures.
    public string Filters { get; set; } = "";
    public ReportPeriod Period { get; set; }
    public List<string> RecipientRoles { get; set; } = [];
    public List<string> RecipientPeople { get; set; } = [];
    public string Owner { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ReportSubscriptionConfiguration : IEntityTypeConfiguration<ReportSubscription>
{
    public void Configure(EntityTypeBuilder<ReportSubscription> e)
    {
        e.ToTable("report_subscriptions");
        e.Property(s => s.Name).HasMaxLength(200);
        e.Property(s => s.Report).HasMaxLength(20);
        e.Property(s => s.GroupBy).HasMaxLength(20);
        e.Property(s => s.Filters).HasMaxLength(2000);
        e.Property(s => s.Period).HasConversion<string>().HasMaxLength(10);
        e.Property(s => s.Owner).HasMaxLength(256);
    }
}

/// One subscription's mail for one period, claimed before any of it is written: the unique (subscription, period)
/// pair is what makes a run exactly once, whichever node or retry gets there first (ScheduledReportJob).
public sealed class ReportDelivery
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    /// "month:2026-05-01": the period and its first day.
    public string PeriodKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int Recipients { get; set; }
}

/// The XLSX of one scheduled-report mail, written with its outbox row and attached when the mail is sent.
public sealed class ReportMailFile
{
    public Guid OutboxId { get; set; }
    public Guid DeliveryId { get; set; }
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
}

internal sealed class ReportDeliveryConfiguration : IEntityTypeConfiguration<ReportDelivery>
{
    public void Configure(EntityTypeBuilder<ReportDelivery> e)
    {
        e.ToTable("report_deliveries");
        e.Property(d => d.PeriodKey).HasMaxLength(40);
        e.HasIndex(d => new { d.SubscriptionId, d.PeriodKey }).IsUnique();
    }
}

internal sealed class ReportMailFileConfiguration : IEntityTypeConfiguration<ReportMailFile>
{
    public void Configure(EntityTypeBuilder<ReportMailFile> e)
    {
        e.ToTable("report_mail_files");
        e.HasKey(f => f.OutboxId);
        e.Property(f => f.FileName).HasMaxLength(200);
        e.HasIndex(f => f.DeliveryId);
    }
}
