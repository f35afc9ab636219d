using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Timers;

namespace ServiceFlow.Engine.Execution;

/// <summary>Limits and services for the interpreter.</summary>
public sealed record InterpreterOptions
{
    /// <summary>Node activations per command before the token is stopped with a loop incident.</summary>
    public int MaxStepsPerCommand { get; init; } = 1000;
    /// <summary>Most instances one multi-instance activity may start (its collection or loopCardinality); more is an incident.</summary>
    public int MaxLoopInstances { get; init; } = 1000;
    /// <summary>Wall-clock limit of one expression or script.</summary>
    public TimeSpan ExpressionTimeLimit { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>Statement limit of one expression or script.</summary>
    public int ExpressionMaxStatements { get; init; } = 100_000;
    /// <summary>Memory limit of one expression or script, in bytes.</summary>
    public long ExpressionMemoryBytes { get; init; } = 4 * 1024 * 1024;
    /// <summary>Call depth limit of one expression or script.</summary>
    public int ExpressionRecursionDepth { get; init; } = 64;
    /// <summary>Business-time arithmetic for timers and due dates (sf:calendar).</summary>
    public IBusinessTime BusinessTime { get; init; } = WallClockBusinessTime.Instance;
    /// <summary>The DMN decisions business rule tasks may call: the versions the instance's workflow version is pinned to.</summary>
    public DecisionRegistry Decisions { get; init; } = DecisionRegistry.Empty;

    /// <summary>The defaults.</summary>
    public static InterpreterOptions Default { get; } = new();
}
