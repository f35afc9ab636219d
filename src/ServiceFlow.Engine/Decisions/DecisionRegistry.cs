namespace ServiceFlow.Engine.Decisions;

/// <summary>A DMN document as the host deployed it, with the version label the journal shows.</summary>
/// <param name="Document">The parsed (and validated) document.</param>
/// <param name="Version">The deployed version, e.g. "3", or null.</param>
public sealed record DecisionDeployment(DmnDocument Document, string? Version = null);

/// <summary>A decision found in a <see cref="DecisionRegistry"/>.</summary>
/// <param name="Document">The document holding it (required decisions are looked up there).</param>
/// <param name="Decision">The decision.</param>
/// <param name="Version">The deployment's version label, or null.</param>
public sealed record DeployedDecision(DmnDocument Document, DmnDecision Decision, string? Version);

/// <summary>
/// The decisions business rule tasks may call, by decision id. It is data the host hands the interpreter with
/// each step (<c>InterpreterOptions.Decisions</c>), built from the decision versions the instance's workflow
/// version is pinned to; the engine never loads anything itself. Immutable, so one registry per workflow version
/// can be cached and shared.
/// </summary>
public sealed class DecisionRegistry
{
    private readonly Dictionary<string, DeployedDecision> _decisions = new(StringComparer.Ordinal);

    /// <summary>Registers every decision of every deployment.</summary>
    /// <param name="deployments">The documents to offer.</param>
    /// <exception cref="ArgumentException">Two documents declare a decision with the same id.</exception>
    public DecisionRegistry(IEnumerable<DecisionDeployment> deployments)
    {
        foreach (var deployment in deployments)
        {
            foreach (var decision in deployment.Document.Decisions)
            {
                if (!_decisions.TryAdd(decision.Id, new DeployedDecision(deployment.Document, decision, deployment.Version)))
                {
                    throw new ArgumentException(
                        $"Two DMN documents declare decision '{decision.Id}' ('{_decisions[decision.Id].Document.Id}' and '{deployment.Document.Id}').", nameof(deployments));
                }
            }
        }
    }

    /// <summary>Registers the documents without version labels.</summary>
    /// <param name="documents">The documents to offer.</param>
    /// <exception cref="ArgumentException">Two documents declare a decision with the same id.</exception>
    public DecisionRegistry(params DmnDocument[] documents)
        : this(documents.Select(d => new DecisionDeployment(d)))
    {
    }

    /// <summary>No decisions: every business rule task raises an incident saying which decision is missing.</summary>
    public static DecisionRegistry Empty { get; } = new();

    /// <summary>The ids of every registered decision, sorted.</summary>
    public IEnumerable<string> DecisionIds => _decisions.Keys.Order(StringComparer.Ordinal);

    /// <summary>The decision with this id, or null.</summary>
    /// <param name="decisionId">What a business rule task's decisionRef names.</param>
    /// <returns>The decision with its document and version, or null.</returns>
    public DeployedDecision? Find(string decisionId) => _decisions.GetValueOrDefault(decisionId);
}
