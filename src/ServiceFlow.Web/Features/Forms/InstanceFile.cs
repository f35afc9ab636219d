using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceFlow.Web.Features.Tickets;

namespace ServiceFlow.Web.Features.Forms;

/// A file entered in a form field of an instance that has no ticket behind it (a catalog request): kept in
/// PostgreSQL beside the instance, like a ticket's attachments, and read by whoever may read the instance.
public sealed class InstanceFile
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    /// The form field it was entered in (the process variable that describes it).
    public string FieldKey { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

internal sealed class InstanceFileConfiguration : IEntityTypeConfiguration<InstanceFile>
{
    public void Configure(EntityTypeBuilder<InstanceFile> e)
    {
        e.ToTable("instance_files");
        e.HasOne<Runtime.ProcessInstance>().WithMany().HasForeignKey(f => f.InstanceId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => new { f.InstanceId, f.UploadedAt });
        e.Property(f => f.FieldKey).HasMaxLength(100);
        e.Property(f => f.FileName).HasMaxLength(AttachmentPolicy.MaxFileNameLength);
        e.Property(f => f.ContentType).HasMaxLength(200);
        e.Property(f => f.Sha256).HasMaxLength(64);
        e.Property(f => f.UploadedBy).HasMaxLength(256);
    }
}
