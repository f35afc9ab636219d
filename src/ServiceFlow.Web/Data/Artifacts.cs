using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Data;

/// Files a workflow uses beside its BPMN, versioned like it: forms (form-js JSON) and DMN decision tables.
/// A published version never changes; a workflow version pins the versions it runs with.
internal static class ArtifactKinds
{
    public const string Form = "form";
    public const string Decision = "decision";
}

/// One published version of a form (or decision): immutable once written.
public sealed class Artifact
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public int Version { get; set; }
    public string Content { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

/// The working copy a process owner edits with the workflow's draft; published with the workflow.
public sealed class ArtifactDraft
{
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public string Content { get; set; } = "";
    public string? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint RowVersion { get; set; }
}

/// Which version of an artifact a workflow version runs with: written when the workflow version is
/// published, so a running instance keeps its forms whatever is published later.
public sealed class ArtifactPin
{
    public Guid DefinitionId { get; set; }
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public int Version { get; set; }
}

internal sealed class ArtifactConfiguration : IEntityTypeConfiguration<Artifact>, IEntityTypeConfiguration<ArtifactDraft>, IEntityTypeConfiguration<ArtifactPin>
{
    public void Configure(EntityTypeBuilder<Artifact> e)
    {
        e.ToTable("artifacts");
        e.Property(a => a.Kind).HasMaxLength(20);
        e.Property(a => a.Key).HasMaxLength(200);
        e.Property(a => a.ContentHash).HasMaxLength(64);
        e.HasIndex(a => new { a.Kind, a.Key, a.Version }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ArtifactDraft> e)
    {
        e.ToTable("artifact_drafts");
        e.HasKey(d => new { d.Kind, d.Key });
        e.Property(d => d.Kind).HasMaxLength(20);
        e.Property(d => d.Key).HasMaxLength(200);
        e.Property(d => d.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<ArtifactPin> e)
    {
        e.ToTable("artifact_pins");
        e.HasKey(p => new { p.DefinitionId, p.Kind, p.Key });
        e.Property(p => p.Kind).HasMaxLength(20);
        e.Property(p => p.Key).HasMaxLength(200);
    }
}
