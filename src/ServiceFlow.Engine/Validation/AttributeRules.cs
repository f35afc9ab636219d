using System.Text.RegularExpressions;
using ServiceFlow.Engine.Expressions;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Timers;

namespace ServiceFlow.Engine.Validation;

/// <summary>Rules for sf: (and mapped camunda:/flowable:) attributes, other engines' behaviour and loops.</summary>
internal sealed partial class NodeRules
{
    [GeneratedRegex(@"^\w+:(class|delegateExpression|expression|type)=")]
    private static partial Regex DelegateAttribute();

    private void CheckVendorBehaviour(FlowNode node)
    {
        foreach (var feature in node.UnsupportedExtensions)
        {
            // A Java delegate next to an sf:type is left over from another engine: the sf:type handler runs instead.
            var replaced = node.Ext("type") is not null && DelegateAttribute().IsMatch(feature);
            issues.Add(new(replaced ? Severity.Warning : Severity.Error, node.Id, node.Line, "unsupported-extension", replaced
                ? $"{node.ElementType} '{node.Id}' has {feature}, which ServiceFlow ignores; its sf:type handler runs instead"
                : $"{node.ElementType} '{node.Id}' uses {feature}, which needs another engine's runtime (Java code, listeners, connectors) "
                  + "and is not run by ServiceFlow; give a service task an sf:type naming a ServiceFlow handler, or model the work as a task"));
        }
    }

    private void CheckAttributes(FlowNode node)
    {
        CheckExpression(node, node.Ext("correlationKey"), "sf:correlationKey", wrappedOnly: false);
        foreach (var name in new[] { "assignee", "priority", "candidateGroups", "candidateUsers", "dueDate" })
        {
            CheckExpression(node, node.Ext(name), $"sf:{name}", wrappedOnly: true);
        }
        foreach (var mapping in node.InMappings.Concat(node.OutMappings).Where(m => m.IsExpression))
        {
            CheckExpression(node, mapping.Source, $"mapping to '{mapping.Target}'", wrappedOnly: false);
        }

        foreach (var input in node.Inputs.Where(i => i.IsExpression))
        {
            CheckExpression(node, input.Value, $"input '{input.Name}'", wrappedOnly: false);
        }

        if (node.Ext("priority") is { } priority && !ExpressionSandbox.IsWrapped(priority) && !int.TryParse(priority, out _))
        {
            Error(node, "bad-priority", $"sf:priority '{priority}' is neither an integer nor a ${{...}} expression");
        }

        if (node.Ext("dueDate") is { } dueDate && !ExpressionSandbox.IsWrapped(dueDate)
            && !TimerExpression.TryParseDate(dueDate, out _) && !TimerExpression.TryParseDuration(dueDate, out _))
        {
            Error(node, "bad-due-date", $"sf:dueDate '{dueDate}' of '{node.Id}' is neither an ISO-8601 date-time, a duration nor a ${{...}} expression");
        }

        if (node.Ext("dueIn") is { } dueIn && TimerExpression.DurationError(dueIn, out _) is { } dueError)
        {
            Error(node, "bad-due-in", $"sf:dueIn '{dueIn}' of '{node.Id}' {dueError}");
        }
    }

    private void CheckLoop(FlowNode node, LoopCharacteristics loop)
    {
        if (node.Kind is NodeKind.StartEvent or NodeKind.EndEvent or NodeKind.IntermediateCatchEvent or NodeKind.IntermediateThrowEvent
            or NodeKind.BoundaryEvent or NodeKind.ExclusiveGateway or NodeKind.ParallelGateway or NodeKind.InclusiveGateway or NodeKind.EventBasedGateway)
        {
            Error(node, "bad-loop", $"{node.ElementType} '{node.Id}' cannot loop; only activities can");
            return;
        }

        if (loop.IsMultiInstance && loop.Collection is null && loop.LoopCardinality is null)
        {
            Error(node, "bad-loop", $"multi-instance '{node.Id}' needs a loopCardinality or a collection (sf:collection, camunda:collection or loopDataInputRef)");
        }

        if (!loop.IsMultiInstance && loop.LoopCondition is null && loop.LoopMaximum is null)
        {
            Error(node, "bad-loop", $"standard loop '{node.Id}' needs a loopCondition or a loopMaximum; without either it never ends");
        }

        if ((loop.OutputCollection is null) != (loop.OutputElement is null))
        {
            Error(node, "bad-loop", $"multi-instance '{node.Id}' needs both sf:outputCollection and sf:outputElement, or neither");
        }

        foreach (var (name, value) in new[] { ("sf:elementVariable", loop.ElementVariable), ("sf:outputCollection", loop.OutputCollection) })
        {
            if (value is not null && !System.Text.RegularExpressions.Regex.IsMatch(value, @"^[A-Za-z_$][A-Za-z0-9_$]*$"))
            {
                Error(node, "bad-loop", $"{name} '{value}' of '{node.Id}' is not a variable name");
            }
        }

        CheckExpression(node, loop.LoopCardinality, "loopCardinality", wrappedOnly: false);
        CheckExpression(node, loop.Collection, "collection", wrappedOnly: false);
        CheckExpression(node, loop.CompletionCondition, "completionCondition", wrappedOnly: false);
        CheckExpression(node, loop.OutputElement, "sf:outputElement", wrappedOnly: false);
        CheckExpression(node, loop.LoopCondition, "loopCondition", wrappedOnly: false);
    }
}
