using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

/// <summary>
/// The pure BPMN interpreter: (definition, state, command, now) → (new state, effects, journal).
/// No I/O, no clock, no randomness; every id comes from the counter in the state.
/// </summary>
public static class ProcessInterpreter
{
    /// <summary>Applies one command to an instance.</summary>
    /// <param name="definition">The process the instance is pinned to.</param>
    /// <param name="state">The stored state (<see cref="InstanceState.New"/> for <see cref="StartInstance"/>).</param>
    /// <param name="command">What happened.</param>
    /// <param name="now">The current time (the host's TimeProvider).</param>
    /// <param name="options">Limits and business time; null for the defaults.</param>
    /// <returns>The new state, the effects for the host and the journal entries.</returns>
    /// <exception cref="ArgumentException"><see cref="StartInstance.StartEventId"/> names no process-level start event (a host bug).</exception>
    /// <remarks>
    /// Bad expressions, failing scripts and endless loops become incidents on the token; they never throw.
    /// A command naming an unknown task/timer/job is ignored (<see cref="StepResult.Ignored"/>), so duplicate
    /// deliveries are harmless.
    /// </remarks>
    public static StepResult Execute(
        ProcessDefinition definition, InstanceState state, EngineCommand command, DateTimeOffset now, InterpreterOptions? options = null)
    {
        var run = new Runner(definition, state, now, options ?? InterpreterOptions.Default);
        run.Handle(command);
        return run.Result();
    }
}
