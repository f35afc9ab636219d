using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Validation;

/// <summary>Rules for event sub-processes, signals, escalations, links, conditions and compensation.</summary>
internal sealed partial class NodeRules
{
    private void CheckEvent(FlowNode node)
    {
        switch (node.EventKind)
        {
            case EventKind.Signal when node.SignalRef is null:
                Error(node, "missing-signal-ref", $"signal event '{node.Id}' has no signalRef");
                break;
            case EventKind.Signal when !process.Signals.ContainsKey(node.SignalRef):
                Error(node, "unknown-signal", $"'{node.Id}' refers to signal '{node.SignalRef}', which is not declared in this file; add <signal id=\"{node.SignalRef}\" name=\"…\" />");
                break;
            case EventKind.Escalation when node.EscalationRef is null && node.Kind is NodeKind.IntermediateThrowEvent or NodeKind.EndEvent:
                Error(node, "missing-escalation-ref", $"escalation throw '{node.Id}' has no escalationRef");
                break;
            case EventKind.Escalation when node.EscalationRef is { } reference && !process.Escalations.ContainsKey(reference):
                Error(node, "unknown-escalation", $"'{node.Id}' refers to escalation '{reference}', which is not declared in this file");
                break;
            case EventKind.Conditional when node.EventCondition is null:
                Error(node, "missing-condition", $"conditional event '{node.Id}' has no condition");
                break;
            case EventKind.Conditional:
                CheckExpression(node, node.EventCondition, "condition", wrappedOnly: false);
                break;
            case EventKind.Link:
                CheckLink(node);
                break;
            case EventKind.Compensate:
                CheckCompensation(node);
                break;
            default:
                break;
        }
    }

    private void CheckEventSubProcess(FlowNode node)
    {
        if (process.Incoming(node.Id).Any() || process.Outgoing(node.Id).Any())
        {
            Error(node, "bad-event-sub-process", $"event sub-process '{node.Id}' must not have sequence flows; its start event starts it");
        }

        var starts = process.NodesInScope(node.Id).Where(n => n.Kind == NodeKind.StartEvent).ToList();
        if (starts.Count != 1 || starts[0].EventKind == EventKind.None)
        {
            Error(node, "bad-event-sub-process", $"event sub-process '{node.Id}' needs exactly one start event with a message, timer, signal, conditional, error or escalation trigger");
        }
    }

    private void CheckLink(FlowNode node)
    {
        if (node.LinkName is null)
        {
            Error(node, "bad-link", $"link event '{node.Id}' has no name");
            return;
        }

        var catches = process.NodesInScope(node.ScopeId).Count(n => n is { Kind: NodeKind.IntermediateCatchEvent, EventKind: EventKind.Link } && n.LinkName == node.LinkName);
        if (node.Kind == NodeKind.IntermediateThrowEvent && catches != 1)
        {
            Error(node, "bad-link", $"link '{node.LinkName}' thrown by '{node.Id}' needs exactly one link catch event of that name in the same scope; found {catches}");
        }
        else if (node.Kind == NodeKind.IntermediateCatchEvent && catches > 1)
        {
            Error(node, "bad-link", $"link name '{node.LinkName}' is caught more than once in the same scope");
        }
    }

    private void CheckCompensation(FlowNode node)
    {
        if (node.Kind == NodeKind.BoundaryEvent)
        {
            if (node.CompensationHandler is null || !process.Nodes.TryGetValue(node.CompensationHandler, out var handler) || !handler.IsForCompensation)
            {
                Error(node, "bad-compensation", $"compensation boundary '{node.Id}' needs an association to an activity with isForCompensation=\"true\"");
            }

            if (process.Outgoing(node.Id).Any())
            {
                Error(node, "bad-compensation", $"compensation boundary '{node.Id}' connects to its handler by an association, not a sequence flow");
            }
        }
        else if (node.CompensateActivityRef is { } activity
            && !process.BoundaryEvents(activity).Any(b => b.EventKind == EventKind.Compensate))
        {
            Error(node, "bad-compensation", $"'{node.Id}' compensates '{activity}', which has no compensation boundary event");
        }
    }

    private void CheckCompensationHandler(FlowNode node)
    {
        if (node.IsForCompensation && (process.Incoming(node.Id).Any() || process.Outgoing(node.Id).Any()))
        {
            Error(node, "bad-compensation", $"compensation handler '{node.Id}' must not have sequence flows; a compensation throw runs it");
        }
    }
}
