using System.Text.Json;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

/// <summary>
/// Event sub-processes: while their scope (the process or a sub-process instance) runs, their start events wait.
/// Started, one runs as a scope of its own owned by a token at the event sub-process node, so its scope cannot
/// complete under it; an interrupting one first cancels everything else in the scope.
/// </summary>
internal sealed partial class Runner
{
    /// <summary>The owner of the process level's event sub-process waits (sub-process levels use the scope's owner token).</summary>
    private const string ProcessLevel = "";

    private bool IsEventSubProcessStart(FlowNode node) =>
        node.Kind == NodeKind.StartEvent && node.ScopeId is { } parent && _def.Nodes[parent].TriggeredByEvent;

    private IEnumerable<FlowNode> EventSubProcessStarts(string? scopeActivityId) =>
        _def.NodesInScope(scopeActivityId).Where(n => n.TriggeredByEvent)
            .SelectMany(esp => _def.NodesInScope(esp.Id).Where(n => n.Kind == NodeKind.StartEvent).Take(1));

    /// <summary>A scope began: its event sub-processes' timer, message, signal and conditional starts wait from now on.</summary>
    private void SubscribeEventSubProcesses(ScopeInstance? scope)
    {
        var owner = scope?.OwnerTokenId ?? ProcessLevel;
        foreach (var start in EventSubProcessStarts(scope?.ActivityId).Where(IsWaitingEvent))
        {
            var (wait, effect) = PrepareEventWait(owner, start);
            AddWait(wait, effect);
        }
    }

    private void TriggerEventSubProcess(WaitItem wait, FlowNode start, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        var scope = wait.TokenId == ProcessLevel ? null : _scopes.Find(s => s.OwnerTokenId == wait.TokenId && s.Kind == ScopeKind.SubProcess);
        if (wait.TokenId != ProcessLevel && scope is null)
        {
            _waits.Remove(wait); // its scope is gone; nothing left to start in
            return;
        }

        if (!start.IsInterrupting)
        {
            Rearm(wait, start);
        }

        _current = null;
        Merge(variables);
        StartEventSubProcess(scope?.Id, wait.TokenId, start);
    }

    /// <summary>Runs the event sub-process of <paramref name="start"/> in a scope instance (null: the process).</summary>
    private void StartEventSubProcess(string? scopeId, string owner, FlowNode start)
    {
        var esp = _def.Nodes[start.ScopeId!];
        if (start.IsInterrupting)
        {
            var reason = $"interrupted by event sub-process '{esp.Id}'";
            foreach (var token in _tokens.Where(t => t.ScopeId == scopeId).ToList())
            {
                if (FindToken(token.Id) is not null)
                {
                    CancelToken(token, reason);
                }
            }

            // The scope is ending: its other event sub-processes cannot start any more.
            CancelWaits(w => w.TokenId == owner && IsEventSubProcessStart(_def.Nodes[w.ActivityId]), reason);
        }

        var espToken = Replace(NewToken(esp.Id, scopeId) with { State = TokenState.InScope });
        var espScope = new ScopeInstance(NextId("scope"), esp.Id, espToken.Id, scopeId) { Kind = ScopeKind.EventSubProcess };
        _scopes.Add(espScope);
        Log(JournalKind.NodeEntered, esp.Id, espToken.Id, start.IsInterrupting ? "event sub-process (interrupting)" : "event sub-process");
        Schedule(NewToken(start.Id, espScope.Id), Step.Enter);
    }
}
