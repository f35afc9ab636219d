using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Reports.Facts;

/// One ticket (or one imported case) as the reports count it: its dimensions and the inputs of every
/// measure, worked out once in C# (business time from the engine's calendar, the SLA clocks' own
/// outcomes) so that every figure is one SQL aggregate over this narrow table. Derived data only:
/// `FactRefresher` rewrites a row while its ticket can still change and keeps it once it is settled.
public sealed class ReportFact
{
    public const string DeskSource = "desk";

    public Guid Id { get; set; }
    /// "desk" for the desk's own tickets, the import's id for imported history.
    public string Source { get; set; } = DeskSource;
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset DiscoveredAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public bool Open { get; set; }
    /// Open, with a running clock past its due instant when the row was computed.
    public bool BreachedNow { get; set; }
    public bool Resolved { get; set; }

    // Dimensions: "" where the record has no value.
    public string Channel { get; set; } = "";
    public string ServiceType { get; set; } = "";
    public string ServiceObject { get; set; } = "";
    public string Priority { get; set; } = "";
    public string Group { get; set; } = "";
    public string Handler { get; set; } = "";
    public string Department { get; set; } = "";
    public string Customer { get; set; } = "";
    /// The customer type code as recorded (Tickets:CustomerTypes), "" when none was.
    public string CustomerType { get; set; } = "";
    public string Reporter { get; set; } = "";
    /// Cause categories with an analysis: people, process, technology, environment.
    public List<string> Causes { get; set; } = [];

    // Durations in seconds; null when the ticket has none (not resolved, no clock).
    public double? HandleDiscoveryWall { get; set; }
    public double? HandleDiscoveryBusiness { get; set; }
    public double? HandleRecordedWall { get; set; }
    public double? HandleRecordedBusiness { get; set; }
    public double? FirstResponseWall { get; set; }
    public double? FirstResponseBusiness { get; set; }

    // Outcomes; null when the ticket has no such thing (no clock, not decided, not known for an import).
    public bool? ResponseMet { get; set; }
    public bool? ResolutionMet { get; set; }
    public bool? UpdateMet { get; set; }
    public bool? FirstContact { get; set; }
    public bool? RecordedLate { get; set; }
    public bool? EscalatedTier2 { get; set; }
    public bool? EscalatedVendor { get; set; }
    public bool? Reopened { get; set; }
    public bool? Reassigned { get; set; }
    /// True answered, false expired unanswered; null without a decided survey.
    public bool? SurveyAnswered { get; set; }
    public short? SurveyScore { get; set; }
    /// A complaint: the customer answered the survey with 1 or 2 and wrote why (false for every other desk ticket; null for imports).
    public bool? Complaint { get; set; }
    /// The supervisor's review sent the record back for correction at least once; null while it was never reviewed.
    public bool? RecordCorrected { get; set; }

    /// Nothing about the ticket can change any more (archived or closed, clocks stopped, no survey pending).
    public bool Final { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
}

internal sealed class ReportFactConfiguration : IEntityTypeConfiguration<ReportFact>
{
    public void Configure(EntityTypeBuilder<ReportFact> e)
    {
        e.ToTable("report_facts");
        e.Property(f => f.Source).HasMaxLength(64);
        e.Property(f => f.Number).HasMaxLength(64);
        e.Property(f => f.Status).HasMaxLength(40);
        // Every figure is "the facts of one source in a period": one index per date a measure counts by.
        e.HasIndex(f => new { f.Source, f.RecordedAt });
        e.HasIndex(f => new { f.Source, f.ResolvedAt }, "ix_report_facts_resolved").HasFilter("\"ResolvedAt\" IS NOT NULL");
        e.HasIndex(f => f.Source, "ix_report_facts_open").HasFilter("\"Open\"");
        // The refresher rewrites what is not settled; settled rows drop out of this index.
        e.HasIndex(f => f.Source, "ix_report_facts_unsettled").HasFilter("NOT \"Final\"");
    }
}

/// The refresher's bookmark: when facts were last brought up to date, and from which recording instant
/// new tickets are looked for. One row; a refresh holds it `FOR UPDATE`, so nodes take turns.
public sealed class ReportRefresh
{
    public int Id { get; set; }
    public DateTimeOffset? RefreshedAt { get; set; }
    public DateTimeOffset? Since { get; set; }
}

internal sealed class ReportRefreshConfiguration : IEntityTypeConfiguration<ReportRefresh>
{
    public void Configure(EntityTypeBuilder<ReportRefresh> e)
    {
        e.ToTable("report_refresh");
        e.Property(r => r.Id).ValueGeneratedNever();
        e.HasData(new ReportRefresh { Id = 1 });
    }
}
