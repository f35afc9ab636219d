using System.Text.Json;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Tests.Support;

/// <summary>Drives one instance through the interpreter and keeps every effect and journal entry.</summary>
internal sealed class Scenario(ProcessDefinition definition, InterpreterOptions? options = null)
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public InstanceState State { get; private set; } = InstanceState.New;
    public DateTimeOffset Now { get; set; } = T0;
    /// <summary>The options of the next steps (the host may hand the engine other data, e.g. decisions, per step).</summary>
    public InterpreterOptions? Options { get; set; } = options;
    public List<EngineEffect> Effects { get; } = [];
    public List<JournalEntry> Journal { get; } = [];
    public StepResult Last { get; private set; } = null!;

    public static Scenario Of(string processBody, string definitionsExtra = "", InterpreterOptions? options = null) =>
        new(Bpmn.Process(processBody, definitionsExtra), options);

    public Scenario Run(EngineCommand command)
    {
        // Every step goes through the JSON round trip, as the host stores state between steps.
        var stored = InstanceStateJson.Deserialize(InstanceStateJson.Serialize(State));
        Last = ProcessInterpreter.Execute(definition, stored, command, Now, Options);
        State = Last.State;
        Effects.AddRange(Last.Effects);
        Journal.AddRange(Last.Journal);
        return this;
    }

    public Scenario Start(object? variables = null, string? startEventId = null) => Run(new StartInstance(Vars(variables), startEventId));

    public Scenario Complete(string activityId, object? variables = null, string? user = null) =>
        Run(new CompleteUserTask(WaitId(activityId, WaitKind.UserTask), Vars(variables), user));

    public Scenario CompleteJob(string activityId, object? variables = null) => Run(new ServiceFlow.Engine.Execution.CompleteJob(WaitId(activityId, WaitKind.Job), Vars(variables)));

    public Scenario Fire(string activityId) => Run(new FireTimer(WaitId(activityId, WaitKind.Timer)));

    public Scenario Correlate(string activityId, object? variables = null) =>
        Run(new CorrelateMessage(WaitId(activityId, WaitKind.Message), Vars(variables)));

    public Scenario Signal(string activityId, object? variables = null) =>
        Run(new ReceiveSignal(WaitId(activityId, WaitKind.Signal), Vars(variables)));

    public string WaitId(string activityId, WaitKind kind) =>
        State.Waits.FirstOrDefault(w => w.ActivityId == activityId && w.Kind == kind)?.Id
        ?? throw new InvalidOperationException($"nothing of kind {kind} waits at '{activityId}'. Waits: "
            + string.Join(", ", State.Waits.Select(w => $"{w.Kind}@{w.ActivityId}")));

    public IEnumerable<string> Entered => Journal.Where(j => j.Kind == JournalKind.NodeEntered).Select(j => j.NodeId!);

    public IEnumerable<string> OpenTasks => State.Waits.Where(w => w.Kind == WaitKind.UserTask).Select(w => w.ActivityId);

    public IEnumerable<T> EffectsOf<T>() => Effects.OfType<T>();

    public JsonElement Var(string name) => State.Variables[name];

    public static IReadOnlyDictionary<string, JsonElement>? Vars(object? variables) => variables is null
        ? null
        : JsonSerializer.SerializeToElement(variables).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
