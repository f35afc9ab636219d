using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Tickets;

/// A file kept with a record (seed 000 §3 "attachments": screenshots, reports). The bytes live in
/// PostgreSQL, not on a node's disk: every node of a cluster serves every attachment, and a backup
/// of the database is a backup of the record. Attachments stay when the record is archived.
public sealed class TicketAttachment
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }
    public string FileName { get; set; } = "";
    /// As the uploader's browser or the mail said; only served as is when it is on the safe list.
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

/// Attachments without their bytes, for lists and the API.
public sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, string UploadedBy);

internal sealed class TicketAttachmentConfiguration : IEntityTypeConfiguration<TicketAttachment>
{
    public void Configure(EntityTypeBuilder<TicketAttachment> e)
    {
        e.ToTable("ticket_attachments");
        e.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.TicketId, a.UploadedAt });
        e.Property(a => a.FileName).HasMaxLength(AttachmentPolicy.MaxFileNameLength);
        e.Property(a => a.ContentType).HasMaxLength(200);
        e.Property(a => a.Sha256).HasMaxLength(64);
        e.Property(a => a.UploadedBy).HasMaxLength(256);
    }
}
