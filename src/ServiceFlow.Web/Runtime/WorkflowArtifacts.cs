using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

/// Versioned files a workflow version runs with beside its XML (task forms; DMN decisions later), owned by
/// the feature that serves them. The store asks it at every publish: what is missing (publishing refuses
/// errors), whether the latest version already pins the same (then no new version), and for the pins of a
/// new version, written in the publish's own save.
internal interface IWorkflowArtifacts
{
    /// The shipped files (forms/*.json), deployed at start before the shipped workflows that name them.
    Task DeployShippedAsync(CancellationToken ct);

    Task<IReadOnlyList<ValidationIssue>> CheckAsync(ServiceFlowDbContext db, ProcessDefinition process, CancellationToken ct);

    /// `pinsOf`: a rollback pins what that older version pinned, not the newest versions.
    Task<bool> PinsMatchAsync(ServiceFlowDbContext db, WorkflowDefinition latest, ProcessDefinition process, Guid? pinsOf, CancellationToken ct);

    Task PinAsync(ServiceFlowDbContext db, WorkflowDefinition created, ProcessDefinition process, Guid? pinsOf, CancellationToken ct);
}
