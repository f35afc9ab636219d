using ServiceFlow.Engine.Expressions;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Timers;

namespace ServiceFlow.Engine.Validation;

/// <summary>Per-element validation rules.</summary>
internal sealed partial class NodeRules(ProcessDefinition process, List<ValidationIssue> issues)
{
    private static readonly HashSet<string> JavaScriptFormats = new(StringComparer.OrdinalIgnoreCase) { "javascript", "js", "ecmascript", "text/javascript", "application/javascript" };

    public void Check(FlowNode node)
    {
        CheckVendorBehaviour(node);
        foreach (var reference in node.MissingReferences)
        {
            Error(node, "unknown-reference", $"{node.ElementType} '{node.Id}' has {reference}, which names nothing declared in this file");
        }

        if (CheckSupported(node))
        {
            CheckConnections(node);
            CheckKindSpecific(node);
        }

        CheckAttributes(node);
    }

    public void Check(SequenceFlow flow)
    {
        foreach (var (end, id) in new[] { ("source", flow.SourceRef), ("target", flow.TargetRef) })
        {
            if (!process.Nodes.TryGetValue(id, out var node))
            {
                issues.Add(new(Severity.Error, flow.Id, flow.Line, "missing-flow-node", $"sequence flow '{flow.Id}' has {end} '{id}', which is not a flow node of this process"));
            }
            else if (node.ScopeId != flow.ScopeId)
            {
                issues.Add(new(Severity.Error, flow.Id, flow.Line, "flow-crosses-scope", $"sequence flow '{flow.Id}' crosses a sub-process boundary to '{id}'"));
            }
        }

        if (flow.Condition is { } condition && ExpressionSandbox.CheckSyntax(condition) is { } error)
        {
            issues.Add(new(Severity.Error, flow.Id, flow.Line, "invalid-expression", $"condition of sequence flow '{flow.Id}' is not valid JavaScript: {error}"));
        }
    }

    private bool CheckSupported(FlowNode node)
    {
        string? reason = node switch
        {
            { Kind: NodeKind.Unsupported } => $"{node.ElementType} '{node.Id}' is not executable in ServiceFlow",
            { EventDefinitions.Length: > 1 } => $"{node.ElementType} '{node.Id}' has several event definitions (multiple events are not executable in ServiceFlow)",
            { Kind: NodeKind.StartEvent, EventKind: EventKind.Conditional, ScopeId: null } =>
                $"conditional start event '{node.Id}' is not executable at process level (nothing watches variables before an instance exists); "
                + "put it in an event sub-process, or start the process with a message or timer",
            _ when !EventSupported(node) => $"{node.EventKind.ToString().ToLowerInvariant()} {node.ElementType} '{node.Id}' is not executable in ServiceFlow"
                + (node.Kind == NodeKind.StartEvent && InEventSubProcess(node) ? " as the start of an event sub-process" : ""),
            _ => null,
        };
        if (reason is not null)
        {
            Error(node, "unsupported-element", reason);
        }

        return reason is null;
    }

    private bool EventSupported(FlowNode node) => (node.Kind, node.EventKind) switch
    {
        (NodeKind.StartEvent, EventKind.None) => !InEventSubProcess(node),
        (NodeKind.StartEvent, EventKind.Message or EventKind.Timer or EventKind.Signal) => node.ScopeId is null || InEventSubProcess(node),
        (NodeKind.StartEvent, EventKind.Conditional or EventKind.Escalation) => InEventSubProcess(node),
        (NodeKind.StartEvent, EventKind.Error) => InEventSubProcess(node) && node.IsInterrupting,
        (NodeKind.EndEvent, EventKind.None or EventKind.Terminate or EventKind.Error or EventKind.Escalation
            or EventKind.Signal or EventKind.Message or EventKind.Compensate) => true,
        (NodeKind.IntermediateCatchEvent, EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Conditional or EventKind.Link) => true,
        (NodeKind.IntermediateThrowEvent, EventKind.None or EventKind.Signal or EventKind.Message or EventKind.Escalation
            or EventKind.Compensate or EventKind.Link) => true,
        (NodeKind.BoundaryEvent, EventKind.Message or EventKind.Timer or EventKind.Signal or EventKind.Conditional
            or EventKind.Escalation or EventKind.Compensate) => true,
        (NodeKind.BoundaryEvent, EventKind.Error) => node.CancelActivity,
        (NodeKind.StartEvent or NodeKind.EndEvent or NodeKind.IntermediateCatchEvent or NodeKind.IntermediateThrowEvent or NodeKind.BoundaryEvent, _) => false,
        _ => node.EventDefinitions.IsDefaultOrEmpty,
    };

    private bool InEventSubProcess(FlowNode node) =>
        node.ScopeId is { } parent && process.Nodes.TryGetValue(parent, out var scope) && scope.TriggeredByEvent;

    private void CheckConnections(FlowNode node)
    {
        var hasIncoming = process.Incoming(node.Id).Any();
        var hasOutgoing = process.Outgoing(node.Id).Any();
        // Started otherwise: event sub-processes by their event, compensation handlers by a compensation throw, link catches by their throw.
        var startedOtherwise = node.TriggeredByEvent || node.IsForCompensation
            || node is { Kind: NodeKind.IntermediateCatchEvent, EventKind: EventKind.Link };
        if (!hasIncoming && node.Kind is not (NodeKind.StartEvent or NodeKind.BoundaryEvent) && !startedOtherwise)
        {
            Error(node, "no-incoming-flow", $"{node.ElementType} '{node.Id}' has no incoming sequence flow and can never be reached");
        }

        // An activity or event without outgoing flow is an implicit end (BPMN): its token ends there. A gateway
        // without one is a modelling mistake.
        if (!hasOutgoing && node.Kind is NodeKind.ExclusiveGateway or NodeKind.ParallelGateway or NodeKind.InclusiveGateway or NodeKind.EventBasedGateway)
        {
            Error(node, "no-outgoing-flow", $"{node.ElementType} '{node.Id}' has no outgoing sequence flow");
        }

        if (hasOutgoing && node.Kind == NodeKind.EndEvent)
        {
            Error(node, "end-with-outgoing-flow", $"end event '{node.Id}' has an outgoing sequence flow, which would never be taken");
        }

        if (node.Kind == NodeKind.BoundaryEvent && (node.AttachedToRef is null || !process.Nodes.ContainsKey(node.AttachedToRef)))
        {
            Error(node, "bad-attached-to", $"boundary event '{node.Id}' is attached to '{node.AttachedToRef}', which does not exist");
        }

        if (node.DefaultFlow is { } d && !process.Outgoing(node.Id).Any(f => f.Id == d))
        {
            Error(node, "bad-default-flow", $"default flow '{d}' of '{node.Id}' is not one of its outgoing flows");
        }
    }

    private void CheckKindSpecific(FlowNode node)
    {
        if (node.Loop is { } loop)
        {
            CheckLoop(node, loop);
        }

        if (node.Kind == NodeKind.ReceiveTask && node.MessageRef is null)
        {
            Error(node, "missing-message-ref", $"receive task '{node.Id}' has no messageRef");
        }

        if (node.EventKind == EventKind.Message && node.MessageRef is null)
        {
            Error(node, "missing-message-ref", $"message event '{node.Id}' has no messageRef");
        }
        else if (node.MessageRef is { } messageRef && !process.Messages.ContainsKey(messageRef))
        {
            Error(node, "unknown-message", $"'{node.Id}' refers to message '{messageRef}', which is not declared in this file; add <message id=\"{messageRef}\" name=\"…\" />");
        }

        if (node.ErrorRef is { } errorRef && !process.Errors.ContainsKey(errorRef))
        {
            issues.Add(new(Severity.Warning, node.Id, node.Line, "unknown-error",
                $"'{node.Id}' refers to error '{errorRef}', which is not declared in this file; '{errorRef}' is used as the error code"));
        }

        if (node.EventKind == EventKind.Timer && TimerExpression.Validate(node.Timer) is { } timerError)
        {
            Error(node, "bad-timer", $"timer '{node.Id}': {timerError}");
        }

        CheckEvent(node);
        CheckCompensationHandler(node);
        var outgoing = process.Outgoing(node.Id).ToList();
        switch (node.Kind)
        {
            // An inclusive gateway's unconditioned flows are always taken; an exclusive one's would be ambiguous.
            case NodeKind.ExclusiveGateway when outgoing.Count > 1:
                foreach (var flow in outgoing.Where(f => f.Condition is null && f.Id != node.DefaultFlow))
                {
                    Error(node, "missing-condition", $"{node.ElementType} '{node.Id}' has several outgoing flows but '{flow.Id}' has no condition and is not the default flow");
                }

                break;
            case NodeKind.EventBasedGateway:
                foreach (var flow in outgoing.Where(f => !process.Nodes.TryGetValue(f.TargetRef, out var t) || !Execution.Runner.IsRaceTarget(t)))
                {
                    Error(node, "bad-event-gateway-target", $"event-based gateway '{node.Id}' must lead to catch events or receive tasks; '{flow.TargetRef}' is not one");
                }

                break;
            case NodeKind.BusinessRuleTask:
                BusinessRuleTaskRules.Check(node, issues);
                break;
            case NodeKind.CallActivity when node.CalledElement is null:
                Error(node, "missing-called-element", $"call activity '{node.Id}' has no calledElement");
                break;
            case NodeKind.SubProcess when node.TriggeredByEvent:
                CheckEventSubProcess(node);
                break;
            case NodeKind.SubProcess when !process.NodesInScope(node.Id).Any(n => n.Kind == NodeKind.StartEvent && n.EventKind == EventKind.None):
                Error(node, "no-start-event", $"sub-process '{node.Id}' has no none start event");
                break;
            case NodeKind.ScriptTask:
                if (node.ScriptFormat is { } format && !JavaScriptFormats.Contains(format))
                {
                    Error(node, "unsupported-script-format", $"script task '{node.Id}' uses scriptFormat '{format}'; only JavaScript is supported");
                }
                else if (string.IsNullOrWhiteSpace(node.Script))
                {
                    Error(node, "missing-script", $"script task '{node.Id}' has no script");
                }
                else
                {
                    CheckExpression(node, node.Script, "script", wrappedOnly: false);
                }

                break;
            default:
                break;
        }
    }

    private void CheckExpression(FlowNode node, string? text, string what, bool wrappedOnly)
    {
        if (text is null || (wrappedOnly && !ExpressionSandbox.IsWrapped(text)))
        {
            return;
        }

        if (ExpressionSandbox.CheckSyntax(text) is { } error)
        {
            Error(node, "invalid-expression", $"{what} of '{node.Id}' is not valid JavaScript: {error}");
        }
    }

    private void Error(FlowNode node, string code, string message) => issues.Add(new(Severity.Error, node.Id, node.Line, code, message));
}
