using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Web.Runtime;

/// The DMN decisions a workflow version's business rule tasks may call, handed to the interpreter with each
/// step as InterpreterOptions.Decisions: the decision versions that workflow version pinned when it was
/// published, so a running instance keeps them whatever is published later. The feature that stores
/// decisions provides it; without one, every business rule task raises the engine's "not deployed" incident.
internal interface IWorkflowDecisions
{
    ValueTask<DecisionRegistry> ForAsync(Guid definitionId, ProcessDefinition process, CancellationToken ct);

    /// The newest published version of every decision, for work no workflow version pinned decisions for.
    Task<DecisionRegistry> LatestAsync(CancellationToken ct);
}

internal sealed class NoWorkflowDecisions : IWorkflowDecisions
{
    public ValueTask<DecisionRegistry> ForAsync(Guid definitionId, ProcessDefinition process, CancellationToken ct) =>
        ValueTask.FromResult(DecisionRegistry.Empty);

    public Task<DecisionRegistry> LatestAsync(CancellationToken ct) => Task.FromResult(DecisionRegistry.Empty);
}
