using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Email;
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
    public DbSet<InboundMailRecord> InboundMails => Set<InboundMailRecord>();
    public DbSet<MailboxState> MailboxStates => Set<MailboxState>();
    public DbSet<Artifact> Artifacts => Set<Artifact>();
    public DbSet<ArtifactDraft> ArtifactDrafts => Set<ArtifactDraft>();
    public DbSet<ArtifactPin> ArtifactPins => Set<ArtifactPin>();

    /// The runtime's step transaction is to begin with this context's next command
    /// (Runtime.DeferredTransaction). Set and cleared by the runner within one step.
    internal bool TransactionDeferred { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        base.OnModelCreating(builder);
        // Each folder configures its own tables: the context knows the infrastructure's sets above and no feature.
        var assembly = typeof(ServiceFlowDbContext).Assembly;
        builder.ApplyConfigurationsFromAssembly(assembly);
        foreach (var part in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IModelPart))))
            ((IModelPart)Activator.CreateInstance(part, nonPublic: true)!).Apply(builder);
    }
}
