using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Reports.Imports;

public enum ImportState { Queued, Running, Succeeded, Failed }

/// One upload of history (an event log) and how its import went. Its cases become report facts whose
/// source is this import's id, so they feed the same measures without mixing with the desk's tickets.
public sealed class ReportImport
{
    public Guid Id { get; set; }
    public string FileName { get; set; } = "";
    /// xes, csv or uci.
    public string Format { get; set; } = "";
    /// skip: bad rows are reported and left out; refuse: any bad row fails the whole import.
    public string OnError { get; set; } = "skip";
    public string? Mapping { get; set; }
    public ImportState State { get; set; }
    /// 0..1, by bytes of the upload read.
    public double Progress { get; set; }
    public long Rows { get; set; }
    public long Events { get; set; }
    public long Cases { get; set; }
    public long BadRows { get; set; }
    /// JSON array of { line, message }, the first 100 bad rows.
    public string Errors { get; set; } = "[]";
    public string? Message { get; set; }
    public double? ThroughputMeanDays { get; set; }
    public double? ThroughputMedianDays { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// Written with each progress update; a Running import whose heartbeat stopped was on a node that died.
    public DateTimeOffset? HeartbeatAt { get; set; }
    /// The node that holds the upload and runs the import.
    public string? Node { get; set; }
}

/// One event of an imported log, as mapped: case, activity, instant, resource and the other columns.
public sealed class ReportImportEvent
{
    public long Id { get; set; }
    public Guid ImportId { get; set; }
    public string CaseId { get; set; } = "";
    public string Activity { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? Resource { get; set; }
    public string? Attributes { get; set; }
    /// Line (CSV) or line of the event element (XES) in the upload, to explain a figure.
    public long Line { get; set; }
}

internal sealed class ReportImportConfiguration : IEntityTypeConfiguration<ReportImport>
{
    public void Configure(EntityTypeBuilder<ReportImport> e)
    {
        e.ToTable("report_imports");
        e.Property(i => i.State).HasConversion<string>().HasMaxLength(12);
        e.Property(i => i.Format).HasMaxLength(8);
        e.Property(i => i.OnError).HasMaxLength(8);
        e.Property(i => i.FileName).HasMaxLength(260);
        e.Property(i => i.Mapping).HasColumnType("jsonb");
        e.Property(i => i.Errors).HasColumnType("jsonb");
        e.HasIndex(i => i.CreatedAt);
    }
}

internal sealed class ReportImportEventConfiguration : IEntityTypeConfiguration<ReportImportEvent>
{
    public void Configure(EntityTypeBuilder<ReportImportEvent> e)
    {
        e.ToTable("report_import_events");
        e.Property(x => x.Id).UseIdentityByDefaultColumn();
        e.Property(x => x.Attributes).HasColumnType("jsonb");
        // Bulk-loaded: one index (by import) so a log can be read back or removed; nothing else to maintain per row.
        e.HasIndex(x => x.ImportId);
        e.HasOne<ReportImport>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
