using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Features.Designer;
using ServiceFlow.Web.Features.Knowledge;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Data;

public sealed class ServiceFlowDbContext(DbContextOptions<ServiceFlowDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public const string Schema = "serviceflow";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<WorkflowDefinition> WorkflowDefinitions => Set<WorkflowDefinition>();
    public DbSet<ProcessInstance> ProcessInstances => Set<ProcessInstance>();
    public DbSet<UserTask> UserTasks => Set<UserTask>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<JournalStep> Journal => Set<JournalStep>();
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    public DbSet<TimerFiring> TimerFirings => Set<TimerFiring>();
    public DbSet<TimerStartSchedule> TimerStarts => Set<TimerStartSchedule>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketEntry> TicketEntries => Set<TicketEntry>();
    public DbSet<WorkflowDraft> WorkflowDrafts => Set<WorkflowDraft>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<InboundMailRecord> InboundMails => Set<InboundMailRecord>();
    public DbSet<MailboxState> MailboxStates => Set<MailboxState>();
    public DbSet<CalendarRecord> BusinessCalendars => Set<CalendarRecord>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<SlaClock> SlaClocks => Set<SlaClock>();
    public DbSet<SlaClockSegment> SlaClockSegments => Set<SlaClockSegment>();
    public DbSet<SlaTimer> SlaTimers => Set<SlaTimer>();
    public DbSet<KnowledgeArticle> KnowledgeArticles => Set<KnowledgeArticle>();
    public DbSet<Artifact> Artifacts => Set<Artifact>();
    public DbSet<ArtifactDraft> ArtifactDrafts => Set<ArtifactDraft>();
    public DbSet<ArtifactPin> ArtifactPins => Set<ArtifactPin>();

    /// The runtime's step transaction is to begin with this context's next command
    /// (Runtime.DeferredTransaction). Set and cleared by the runner within one step.
    internal bool TransactionDeferred { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.HasSequence<long>("ticket_numbers", Schema);
        builder.HasSequence<long>("knowledge_numbers", Schema);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ServiceFlowDbContext).Assembly);
    }
}
