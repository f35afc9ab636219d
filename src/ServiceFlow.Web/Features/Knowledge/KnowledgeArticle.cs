using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Knowledge;

public enum KnowledgeStatus { Draft, Published, Retired }

/// A reusable solution, usually drafted from a solved ticket ("create a knowledge draft from this solution").
public sealed class KnowledgeArticle
{
    public Guid Id { get; set; }
    /// Readable number, KB-000123.
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    /// Problem / symptoms and the solution, as plain text (escaped when shown).
    public string Body { get; set; } = "";
    public string ServiceType { get; set; } = "";
    public string? Tags { get; set; }
    public KnowledgeStatus Status { get; set; }
    public Guid? SourceTicketId { get; set; }
    public string? SourceTicketNumber { get; set; }
    public string Author { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint RowVersion { get; set; }
}

internal sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticle> e)
    {
        e.ToTable("knowledge_articles");
        e.HasIndex(a => a.Number).IsUnique();
        // One draft per ticket: the unique index makes "create a draft" idempotent even under a double click.
        e.HasIndex(a => a.SourceTicketId).IsUnique().HasFilter("\"SourceTicketId\" IS NOT NULL");
        e.HasIndex(a => a.Status);
        e.Property(a => a.Number).HasMaxLength(20);
        e.Property(a => a.Title).HasMaxLength(300);
        e.Property(a => a.SourceTicketNumber).HasMaxLength(30);
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        e.Property(a => a.RowVersion).IsRowVersion();
    }
}
