using System.Collections.Immutable;
using System.Text.Json;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

/// <summary>Intermediate throw and end events: terminate, error, escalation, signal, message, compensation, link.</summary>
internal sealed partial class Runner
{
    private void Throw(Token token, FlowNode node, bool end)
    {
        switch (node.EventKind)
        {
            case EventKind.Terminate when end:
                Terminate(token);
                return;
            case EventKind.Error when end:
                ThrowError(token, node);
                return;
            case EventKind.Link when !end:
                FollowLink(token, node);
                return;
            case EventKind.Compensate when !token.Caught && StartCompensation(token, node):
                return; // continues when the last handler ends (HandlerDone)
            case EventKind.Escalation when !ThrowEscalation(token, node):
                return; // an interrupting catch cancelled the thrower
            case EventKind.Signal:
                ThrowSignal(token, node);
                break;
            case EventKind.Message:
                ThrowMessageEvent(token, node);
                break;
            default:
                break;
        }

        // A signal this instance catches itself may have interrupted the thrower's own scope.
        if (FindToken(token.Id) is not { } current)
        {
            return;
        }

        _current = current;
        if (end)
        {
            Take(current, []);
        }
        else
        {
            Leave(current);
        }
    }

    /// <summary>The element's sf:input values, evaluated: the payload of a thrown signal or message.</summary>
    private ImmutableDictionary<string, JsonElement> Payload(FlowNode node) => node.Inputs.ToImmutableDictionary(
        i => i.Name, i => i.IsExpression ? Evaluate(i.Value, $"input '{i.Name}' of '{node.Id}'") : Json(i.Value), StringComparer.Ordinal);

    /// <summary>
    /// Signals are broadcast: this instance's own subscriptions are triggered here, every other instance's by the
    /// host (<see cref="BroadcastSignal"/>).
    /// </summary>
    private void ThrowSignal(Token token, FlowNode node)
    {
        var name = node.SignalRef is { } signalRef ? _def.SignalName(signalRef) : throw new IncidentException($"signal event '{node.Id}' has no signalRef", false);
        var payload = Payload(node);
        Log(JournalKind.EventThrown, node.Id, token.Id, $"signal '{name}'");
        _effects.Add(new BroadcastSignal(node.Id, name, payload));
        foreach (var wait in _waits.Where(w => w.Kind == WaitKind.Signal && w.MessageName == name).ToList())
        {
            if (_waits.Contains(wait))
            {
                Trigger(wait, payload);
            }
        }
    }

    private void ThrowMessageEvent(Token token, FlowNode node)
    {
        var name = node.MessageRef is { } messageRef ? _def.MessageName(messageRef) : throw new IncidentException($"message event '{node.Id}' has no messageRef", false);
        var expression = node.Ext("correlationKey") is { Length: > 0 } e ? e : null;
        var key = expression is null ? null : AsText(Evaluate(expression, $"sf:correlationKey of '{node.Id}'"));
        var payload = Payload(node);
        Log(JournalKind.EventThrown, node.Id, token.Id, $"message '{name}'");
        _effects.Add(new ThrowMessage(node.Id, name, key, payload) { ByBusinessKey = expression is null });
    }

    /// <summary>Escalation: caught like an error, but a non-interrupting catch lets the thrower go on; uncaught it changes nothing.</summary>
    private bool ThrowEscalation(Token token, FlowNode node)
    {
        var code = EscalationCode(node.EscalationRef);
        Log(JournalKind.EventThrown, node.Id, token.Id, $"escalation '{code}'");
        if (FindCatch(token.ScopeId, EventKind.Escalation, code, n => EscalationCode(n.EscalationRef)) is not { } found)
        {
            Log(JournalKind.GatewayDecision, node.Id, token.Id, $"escalation '{code}' not caught");
            return true;
        }

        var interrupting = found.Attached is null ? found.Event.IsInterrupting : found.Event.CancelActivity;
        if (interrupting && found.Attached is null)
        {
            _tokens.RemoveAll(t => t.Id == token.Id); // the event sub-process cancels its scope, the thrower with it
        }

        TakeCatch(found, $"escalation '{code}'");
        return FindToken(token.Id) is not null;
    }

    private string? EscalationCode(string? escalationRef) =>
        escalationRef is null ? null
        : _def.Escalations.TryGetValue(escalationRef, out var e) && !string.IsNullOrEmpty(e.EscalationCode) ? e.EscalationCode : escalationRef;

    /// <summary>A link throw continues at the link catch of the same name in its scope.</summary>
    private void FollowLink(Token token, FlowNode node)
    {
        var target = _def.NodesInScope(node.ScopeId)
            .FirstOrDefault(n => n.Kind == NodeKind.IntermediateCatchEvent && n.EventKind == EventKind.Link && n.LinkName == node.LinkName)
            ?? throw new IncidentException($"link '{node.LinkName}' thrown by '{node.Id}' has no link catch event of that name in its scope", false);
        CancelWaitsOf(token, "left");
        Log(JournalKind.EventThrown, node.Id, token.Id, $"link '{node.LinkName}' to '{target.Id}'");
        Log(JournalKind.NodeLeft, node.Id, token.Id, null);
        Schedule(Replace(token with { NodeId = target.Id, ArrivedVia = null, AsyncDone = false, Caught = false }), Step.Enter);
    }
}
