using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Reports.Analyses;

/// With quality (conclusions being written, or sent back), with management (in review), or approved: then read-only.
public enum AnalysisState { InAnalysis, InReview, Approved }

/// An action management decided on approving an analysis (seed 000 §6.1: a deadline, followed to done). The product
/// has no corrective-action (CAPA) record with a state yet, so the decided actions are kept on the analysis itself.
public sealed record AnalysisAction(string Text, string Owner, DateOnly Due);

/// A review that sent the analysis back to quality, and why.
public sealed record AnalysisReturn(DateTimeOffset At, string? By, string Comment);

/// The periodic analysis and review of seed 000 §5.3–5.4 and 003 §7.1: one month's or quarter's figures, frozen
/// when the periodic-review workflow computed them (`Figures`, JSON of AnalysisFigures), the quality supervisor's
/// conclusions and proposals, management's decision and actions. Once approved nothing in it changes.
public sealed class PeriodAnalysis
{
    public Guid Id { get; set; }
    /// "month" or "quarter".
    public string Kind { get; set; } = "";
    public DateOnly PeriodFrom { get; set; }
    /// The day after the period's last day.
    public DateOnly PeriodTo { get; set; }
    /// 2026-05, 2026-Q2.
    public string Label { get; set; } = "";
    public Guid? InstanceId { get; set; }
    public AnalysisState State { get; set; }
    public string Figures { get; set; } = "{}";
    public DateTimeOffset ComputedAt { get; set; }
    public string? Conclusions { get; set; }
    public string? Proposals { get; set; }
    public string? AnalysedBy { get; set; }
    public DateTimeOffset? AnalysedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewComment { get; set; }
    public List<AnalysisAction> Actions { get; set; } = [];
    public List<AnalysisReturn> Returns { get; set; } = [];
    public uint RowVersion { get; set; }
}

internal sealed class PeriodAnalysisConfiguration : IEntityTypeConfiguration<PeriodAnalysis>
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<PeriodAnalysis> e)
    {
        e.ToTable("period_analyses");
        e.Property(a => a.Kind).HasMaxLength(20);
        e.Property(a => a.Label).HasMaxLength(20);
        e.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        e.Property(a => a.Figures).HasColumnType("jsonb");
        e.Property(a => a.AnalysedBy).HasMaxLength(256);
        e.Property(a => a.ReviewedBy).HasMaxLength(256);
        e.Property(a => a.Actions).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<List<AnalysisAction>>(v, Json) ?? new List<AnalysisAction>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<AnalysisAction>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        e.Property(a => a.Returns).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<List<AnalysisReturn>>(v, Json) ?? new List<AnalysisReturn>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<AnalysisReturn>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        e.Property(a => a.RowVersion).IsRowVersion();
        // One analysis per period: a second firing for the same month finds it and stands down.
        e.HasIndex(a => new { a.Kind, a.PeriodFrom }).IsUnique();
        e.HasIndex(a => a.InstanceId);
    }
}
