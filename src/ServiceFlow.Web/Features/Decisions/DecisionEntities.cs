using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Decisions;

/// One published version of a DMN document (decisions/<key>.dmn or the designer's draft): immutable once written.
public sealed class DecisionVersion
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public int Version { get; set; }
    public string? Name { get; set; }
    public string Xml { get; set; } = "";
    public string ContentHash { get; set; } = "";
    /// The ids of the decisions the document declares: what business rule tasks name in decisionRef.
    public string[] DecisionIds { get; set; } = [];
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

/// The working copy a process owner edits in the decision table editor; published on its own.
public sealed class DecisionDraft
{
    public string Key { get; set; } = "";
    public string Xml { get; set; } = "";
    public string? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint RowVersion { get; set; }
}

/// Which version of a DMN document a workflow version runs with, written when the workflow version is
/// published: an instance keeps the decisions it started with, whatever is published later.
public sealed class DecisionPin
{
    public Guid DefinitionId { get; set; }
    public string Key { get; set; } = "";
    public int Version { get; set; }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<DecisionVersion>, IEntityTypeConfiguration<DecisionDraft>, IEntityTypeConfiguration<DecisionPin>
{
    public void Configure(EntityTypeBuilder<DecisionVersion> e)
    {
        e.ToTable("decision_versions");
        e.Property(d => d.Key).HasMaxLength(200);
        e.Property(d => d.Name).HasMaxLength(200);
        e.Property(d => d.ContentHash).HasMaxLength(64);
        e.HasIndex(d => new { d.Key, d.Version }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<DecisionDraft> e)
    {
        e.ToTable("decision_drafts");
        e.HasKey(d => d.Key);
        e.Property(d => d.Key).HasMaxLength(200);
        e.Property(d => d.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<DecisionPin> e)
    {
        e.ToTable("decision_pins");
        e.HasKey(p => new { p.DefinitionId, p.Key });
        e.Property(p => p.Key).HasMaxLength(200);
    }
}
