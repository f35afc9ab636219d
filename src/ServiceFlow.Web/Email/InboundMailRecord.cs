using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Email;

/// What the intake did with a mail: a reply correlated to its ticket (`Linked`), a survey score
/// (`SurveyAnswer`), a new intake instance (`Started`), waiting for the ticket feature (`Unassigned`),
/// or an auto-reply/bounce kept for the record only (`Ignored`).
public enum InboundMailStatus { Linked, SurveyAnswer, Started, Unassigned, Ignored }

/// One mail read from the service-desk mailbox; Message-Id is unique, so reading a folder again
/// (UIDVALIDITY changed, a second node) stores nothing twice.
public sealed class InboundMailRecord
{
    public Guid Id { get; set; }
    public string MessageId { get; set; } = "";
    public string Folder { get; set; } = "";
    public long Uid { get; set; }
    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
    public string Subject { get; set; } = "";
    public string? TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public string? InReplyTo { get; set; }
    public List<string> References { get; set; } = [];
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string? BusinessKey { get; set; }
    public InboundMailStatus Status { get; set; }
    public Guid? InstanceId { get; set; }
    public List<InboundMailAttachment> Attachments { get; set; } = [];
}

public sealed class InboundMailAttachment
{
    public Guid Id { get; set; }
    public Guid MailId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}

/// Where polling of one IMAP folder stands. The poll locks this row (SELECT … FOR UPDATE) in the
/// transaction that stores the mails, so two nodes never process the same UID.
public sealed class MailboxState
{
    public string Folder { get; set; } = "";
    public long UidValidity { get; set; }
    public long LastUid { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
}

internal sealed class InboundMailConfiguration : IEntityTypeConfiguration<InboundMailRecord>
{
    public void Configure(EntityTypeBuilder<InboundMailRecord> e)
    {
        e.ToTable("inbound_mails");
        e.Property(m => m.MessageId).HasMaxLength(998);
        e.HasIndex(m => m.MessageId).IsUnique();
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(m => new { m.Status, m.ReceivedAt });
        e.HasIndex(m => m.BusinessKey);
        e.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MailId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboundMailAttachmentConfiguration : IEntityTypeConfiguration<InboundMailAttachment>
{
    public void Configure(EntityTypeBuilder<InboundMailAttachment> e) => e.ToTable("inbound_mail_attachments");
}

internal sealed class MailboxStateConfiguration : IEntityTypeConfiguration<MailboxState>
{
    public void Configure(EntityTypeBuilder<MailboxState> e)
    {
        e.ToTable("mailbox_states");
        e.HasKey(m => m.Folder);
    }
}
