using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Reports.Targets;

/// A target the organisation sets for one measure ("on time ≥ 95 %", "satisfaction ≥ 4.5 of 5").
/// Rates are kept as fractions (0.95), times in hours, scores as given.
public sealed class ReportTarget
{
    public string Measure { get; set; } = "";
    /// ">=" (at least) or "<=" (at most).
    public string Comparison { get; set; } = ">=";
    public double Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public bool IsMet(double actual) => Comparison == "<=" ? actual <= Value : actual >= Value;
}

internal sealed class ReportTargetConfiguration : IEntityTypeConfiguration<ReportTarget>
{
    public void Configure(EntityTypeBuilder<ReportTarget> e)
    {
        e.ToTable("report_targets");
        e.HasKey(t => t.Measure);
        e.Property(t => t.Measure).HasMaxLength(64);
        e.Property(t => t.Comparison).HasMaxLength(2);
    }
}
