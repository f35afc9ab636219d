using System.Text.Json;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Timers;

namespace ServiceFlow.Engine.Execution;

internal sealed partial class Runner
{
    private (WaitItem, EngineEffect?) PrepareEventWait(Token token, FlowNode node) => PrepareEventWait(token.Id, node);

    /// <summary>The wait (and host effect) for a catch event, boundary, receive task or event sub-process start.</summary>
    private (WaitItem, EngineEffect?) PrepareEventWait(string tokenId, FlowNode node)
    {
        switch (node.EventKind)
        {
            case EventKind.Timer:
                var (due, remaining) = node.Timer is { } timer && TimerExpression.Validate(timer) is null
                    ? FirstDue(node, timer)
                    : throw new IncidentException($"timer '{node.Id}': {TimerExpression.Validate(node.Timer)}", false);
                var timerId = NextId("timer");
                return (new WaitItem(timerId, WaitKind.Timer, tokenId, node.Id) { DueAt = due, RemainingCycles = remaining }, new ScheduleTimer(timerId, node.Id, due));
            case EventKind.Signal:
                var signal = node.SignalRef is { } signalRef ? _def.SignalName(signalRef)
                    : throw new IncidentException($"signal event '{node.Id}' has no signalRef", false);
                var signalId = NextId("subscription");
                return (new WaitItem(signalId, WaitKind.Signal, tokenId, node.Id) { MessageName = signal }, new SubscribeSignal(signalId, node.Id, signal));
            case EventKind.Conditional:
                // Evaluated by the engine itself after every change of variables (EvaluateConditions); the host sees nothing.
                return (new WaitItem(NextId("condition"), WaitKind.Conditional, tokenId, node.Id), null);
            default:
                var name = node.MessageRef is { } messageRef ? _def.MessageName(messageRef)
                    : throw new IncidentException($"{node.ElementType} '{node.Id}' has no messageRef", false);
                var expression = node.Ext("correlationKey") is { Length: > 0 } e ? e : null;
                var key = expression is null ? null : AsText(Evaluate(expression, $"sf:correlationKey of '{node.Id}'"));
                var subscription = NextId("subscription");
                return (new WaitItem(subscription, WaitKind.Message, tokenId, node.Id) { MessageName = name, CorrelationKey = key },
                    new SubscribeMessage(subscription, node.Id, name, key) { ByBusinessKey = expression is null });
        }
    }

    private (DateTimeOffset Due, int? Remaining) FirstDue(FlowNode node, TimerDefinition timer)
    {
        try
        {
            return TimerExpression.FirstDue(timer, _now, node.Ext("calendar"), _options.BusinessTime);
        }
        catch (ArgumentOutOfRangeException)
        {
            // A long duration in a sparse business calendar can pass year 9999.
            throw new IncidentException($"timer '{node.Id}': its due time lies beyond the year 9999", false);
        }
    }

    /// <summary>Events a boundary can wait for; error, escalation and compensation boundaries are found when thrown.</summary>
    private static bool IsWaitingEvent(FlowNode node) => node.EventKind is EventKind.Timer or EventKind.Message or EventKind.Signal or EventKind.Conditional;

    private List<(WaitItem, EngineEffect?)> PrepareBoundaryWaits(Token token, FlowNode activity) => IsLoopPass(token) ? [] :
        [.. _def.BoundaryEvents(activity.Id)
            .Where(IsWaitingEvent)
            .Where(b => !_waits.Exists(w => w.TokenId == token.Id && w.ActivityId == b.Id)) // a retry keeps existing ones
            .Select(b => PrepareEventWait(token, b))];

    /// <summary>
    /// An event happened for a wait: a catch event, a race of an event-based gateway, a boundary, a receive task,
    /// or the start of an event sub-process.
    /// </summary>
    private void Trigger(WaitItem wait, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        var node = _def.Nodes[wait.ActivityId];
        if (IsEventSubProcessStart(node))
        {
            TriggerEventSubProcess(wait, node, variables);
            return;
        }

        var token = FindToken(wait.TokenId)!;
        _current = token;
        Merge(variables);
        if (node.Kind == NodeKind.BoundaryEvent)
        {
            TriggerBoundary(wait, token, node);
            return;
        }

        _waits.Remove(wait);
        if (token.NodeId != node.Id)
        {
            // Event-based gateway: the first event wins and cancels the others.
            var gateway = token.NodeId;
            CancelWaitsOf(token, $"{node.Id} won the race");
            Log(JournalKind.GatewayDecision, gateway, token.Id, $"{node.Id} won");
            var flow = _def.Outgoing(gateway).First(f => f.TargetRef == node.Id);
            Log(JournalKind.NodeLeft, gateway, token.Id, flow.Id);
            // Entered like any node (its sf:clock and sf:async apply); Caught makes its activation just leave.
            Schedule(Replace(token with { NodeId = node.Id, ArrivedVia = flow.Id, Caught = true }), Step.Enter);
            return;
        }

        Schedule(token, Step.Leave);
    }

    private void TriggerBoundary(WaitItem wait, Token attached, FlowNode boundary)
    {
        if (boundary.CancelActivity)
        {
            _waits.Remove(wait);
            CancelToken(attached, $"interrupted by boundary event '{boundary.Id}'");
        }
        else
        {
            Rearm(wait, boundary);
        }

        Schedule(NewToken(boundary.Id, attached.ScopeId), Step.Enter);
    }

    /// <summary>Removes a token with its bookmarks, incidents and, for a sub-process, everything inside it.</summary>
    private void CancelToken(Token token, string reason)
    {
        // Iterative over the scope tree: how deep sub-processes nest is up to the model.
        var doomed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(_scopes.Where(s => s.OwnerTokenId == token.Id).Select(s => s.Id));
        while (pending.TryDequeue(out var scopeId))
        {
            if (doomed.Add(scopeId))
            {
                foreach (var child in _scopes.Where(s => s.ParentScopeId == scopeId))
                {
                    pending.Enqueue(child.Id);
                }
            }
        }

        CancelWaitsOf(token, reason);
        var inner = _tokens.Where(t => t.ScopeId is not null && doomed.Contains(t.ScopeId)).ToList();
        foreach (var t in inner)
        {
            CancelWaitsOf(t, reason);
            _incidents.RemoveAll(i => i.TokenId == t.Id);
            Log(JournalKind.TokenCancelled, t.NodeId, t.Id, reason);
        }

        _incidents.RemoveAll(i => i.TokenId == token.Id);
        _tokens.RemoveAll(t => t.Id == token.Id || (t.ScopeId is not null && doomed.Contains(t.ScopeId)));
        _scopes.RemoveAll(s => doomed.Contains(s.Id));
        Log(JournalKind.TokenCancelled, token.NodeId, token.Id, reason);
    }

    private void CancelAll(string reason)
    {
        while ((_tokens.Find(t => t.ScopeId is null) ?? _tokens.FirstOrDefault()) is { } token)
        {
            CancelToken(token, reason);
        }

        CancelWaits(w => w.TokenId == ProcessLevel, reason); // the process's event sub-process starts
        _scopes.Clear();
        _compensations.Clear();
    }

    private void CompleteScopeIfEmpty(string? scopeId)
    {
        if (_tokens.Exists(t => t.ScopeId == scopeId) || _status != InstanceStatus.Running)
        {
            return;
        }

        if (scopeId is null)
        {
            CancelWaits(w => w.TokenId == ProcessLevel, "instance completed");
            _compensations.Clear();
            _status = InstanceStatus.Completed;
            _effects.Add(new InstanceCompleted());
            Log(JournalKind.InstanceCompleted, null, null);
            return;
        }

        if (_scopes.Find(s => s.Id == scopeId) is { Kind: ScopeKind.SubProcess or ScopeKind.EventSubProcess } scope)
        {
            _scopes.Remove(scope);
            ScopeCompleted(scope);
            if (FindToken(scope.OwnerTokenId) is { } owner)
            {
                Schedule(owner, Step.Leave);
            }
        }
    }
}
