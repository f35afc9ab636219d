using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Designer;

/// The one working copy of a workflow that process owners edit before publishing. `RowVersion`
/// (PostgreSQL xmin) is the draft version editors send back, so a save based on an older copy is
/// refused instead of overwriting someone else's work. `Validation` is the last validator result (JSON).
public sealed class WorkflowDraft
{
    public string Key { get; set; } = "";
    public string Xml { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public bool Executable { get; set; }
    public string Validation { get; set; } = "{}";
    public string? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint RowVersion { get; set; }
}

internal sealed class WorkflowDraftConfiguration : IEntityTypeConfiguration<WorkflowDraft>
{
    public void Configure(EntityTypeBuilder<WorkflowDraft> e)
    {
        e.ToTable("workflow_drafts");
        e.HasKey(d => d.Key);
        e.Property(d => d.Key).HasMaxLength(200);
        e.Property(d => d.ContentHash).HasMaxLength(64);
        e.Property(d => d.Validation).HasColumnType("jsonb");
        e.Property(d => d.RowVersion).IsRowVersion();
    }
}
