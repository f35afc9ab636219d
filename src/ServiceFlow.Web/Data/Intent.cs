using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Data;

/// Work that must happen later, written in the same transaction as the state it belongs to: "resume
/// bookmark X at T", "deliver mail Y", "fire the SLA window of timer W", "fire timer start S". The
/// dispatcher (`Jobs/IntentDispatcher`) hands an intent to Hangfire once it comes due soon, and drops it
/// once its subject no longer waits for it (the bookmark is gone, the mail sent, the timer cancelled), so
/// cancelling work is just changing the subject's own row: no job was made, none has to be deleted.
public sealed class Intent
{
    public Guid Id { get; set; }
    /// Which handler hands it to Hangfire (`IIntentHandler.Kind`), e.g. `bookmark`, `outbox`, `sla-window`, `timer-start`.
    public string Kind { get; set; } = "";
    /// The row the work is about (a bookmark, an outbox message, an SLA timer, a timer-start schedule).
    public Guid SubjectId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// When a Hangfire job was made for it (null: not yet). Set in the step's own change set for work due at
    /// once, so handing it over right after the commit costs no second write; the dispatcher hands it
    /// again if its subject still waits well after that (the node died between commit and Hangfire).
    public DateTimeOffset? HandedAt { get; set; }
    /// The Hangfire job the dispatcher's periodic pass made (after-commit hand-overs do not record theirs).
    public string? JobId { get; set; }
}

internal sealed class IntentConfiguration : IEntityTypeConfiguration<Intent>
{
    public void Configure(EntityTypeBuilder<Intent> e)
    {
        e.ToTable("intents");
        e.Property(i => i.Kind).HasMaxLength(32);
        e.Property(i => i.JobId).HasMaxLength(100);
        // The periodic pass looks for intents not yet handed that come due, and for handed ones to check again.
        e.HasIndex(i => i.DueAt).HasFilter("\"HandedAt\" IS NULL").HasDatabaseName("ix_intents_waiting");
        e.HasIndex(i => i.HandedAt).HasFilter("\"HandedAt\" IS NOT NULL").HasDatabaseName("ix_intents_handed");
    }
}

/// Adds intents to a change set; what hands them over is `Jobs/IntentDispatcher`.
internal static class Intents
{
    /// The subjects of a batch, for the handler's one query of which still wait.
    public static List<Guid> Subjects(IReadOnlyList<Intent> intents) => [.. intents.Select(i => i.SubjectId).Distinct()];

    /// The ids of the intents whose subject is among `waiting`.
    public static IReadOnlySet<Guid> OfSubjects(IReadOnlyList<Intent> intents, IEnumerable<Guid> waiting)
    {
        var subjects = waiting.ToHashSet();
        return intents.Where(i => subjects.Contains(i.SubjectId)).Select(i => i.Id).ToHashSet();
    }

    /// Work due before now + this is handed to Hangfire right after the commit (`HandedAt` set in the change
    /// set); later work waits in the table for the dispatcher's periodic pass, which runs more often than this.
    public static readonly TimeSpan SoonDefault = TimeSpan.FromSeconds(10);

    public static Intent Add(ServiceFlowDbContext db, string kind, Guid subject, DateTimeOffset due, DateTimeOffset now, TimeSpan soon)
    {
        var intent = new Intent
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            SubjectId = subject,
            DueAt = due,
            CreatedAt = now,
            HandedAt = due <= now + soon ? now : null,
        };
        db.Set<Intent>().Add(intent);
        return intent;
    }
}
