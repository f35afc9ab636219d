using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Surveys;

public enum SurveyStatus { Invited, Answered, Expired }

public enum SurveyChannel { Web, Email }

/// One satisfaction survey of a resolved ticket, created by the callback-survey workflow when it
/// sends the invitation. The link carries the id and `Nonce`; the row's status makes it single-use.
public sealed class Survey
{
    public Guid Id { get; set; }
    public string BusinessKey { get; set; } = "";
    public Guid InstanceId { get; set; }
    public string Recipient { get; set; } = "";
    public string? RecipientName { get; set; }
    public string? Culture { get; set; }
    public string Nonce { get; set; } = "";
    public SurveyStatus Status { get; set; }
    public int? Score { get; set; }
    public string? Comment { get; set; }
    public SurveyChannel? Channel { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? ReminderSentAt { get; set; }
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> e)
    {
        e.ToTable("surveys", t => t.HasCheckConstraint("ck_surveys_score", "\"Score\" IS NULL OR \"Score\" BETWEEN 1 AND 5"));
        e.Property(s => s.BusinessKey).HasMaxLength(100);
        e.Property(s => s.Recipient).HasMaxLength(320);
        e.Property(s => s.Culture).HasMaxLength(20);
        e.Property(s => s.Nonce).HasMaxLength(64);
        e.Property(s => s.Comment).HasMaxLength(SurveyRules.MaxCommentLength);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.Channel).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(s => s.BusinessKey);
        e.HasIndex(s => s.InstanceId);
        // The quality group's home page: the latest answers, newest first (low scores among them).
        e.HasIndex(s => s.AnsweredAt, "ix_surveys_answered").HasFilter("\"Status\" = 'Answered'");
        // One answer per ticket, even if a survey was started twice.
        e.HasIndex(s => s.BusinessKey, "ix_surveys_one_answer_per_ticket").IsUnique().HasFilter("\"Status\" = 'Answered'");
    }
}
