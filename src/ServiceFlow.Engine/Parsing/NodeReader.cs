using System.Collections.Immutable;
using System.Xml.Linq;
using ServiceFlow.Engine.Model;
using static ServiceFlow.Engine.Parsing.DefinitionsReader;

namespace ServiceFlow.Engine.Parsing;

/// <summary>Reads one flow node element, including its event definitions and extensions.</summary>
internal static class NodeReader
{
    private static readonly XNamespace Bpmn = Namespaces.BpmnNs;

    private static readonly Dictionary<string, NodeKind> Kinds = new(StringComparer.Ordinal)
    {
        ["startEvent"] = NodeKind.StartEvent,
        ["endEvent"] = NodeKind.EndEvent,
        ["intermediateCatchEvent"] = NodeKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = NodeKind.IntermediateThrowEvent,
        ["boundaryEvent"] = NodeKind.BoundaryEvent,
        ["userTask"] = NodeKind.UserTask,
        ["serviceTask"] = NodeKind.ServiceTask,
        ["sendTask"] = NodeKind.SendTask,
        ["scriptTask"] = NodeKind.ScriptTask,
        ["exclusiveGateway"] = NodeKind.ExclusiveGateway,
        ["parallelGateway"] = NodeKind.ParallelGateway,
        ["inclusiveGateway"] = NodeKind.InclusiveGateway,
        ["eventBasedGateway"] = NodeKind.EventBasedGateway,
        ["subProcess"] = NodeKind.SubProcess,
        ["callActivity"] = NodeKind.CallActivity,
        ["task"] = NodeKind.Task,
        ["manualTask"] = NodeKind.ManualTask,
        ["receiveTask"] = NodeKind.ReceiveTask,
        ["businessRuleTask"] = NodeKind.BusinessRuleTask,
        ["complexGateway"] = NodeKind.Unsupported,
        ["transaction"] = NodeKind.Unsupported,
        ["adHocSubProcess"] = NodeKind.Unsupported,
        ["implicitThrowEvent"] = NodeKind.Unsupported,
    };

    private static readonly Dictionary<string, EventKind> EventKinds = new(StringComparer.Ordinal)
    {
        ["messageEventDefinition"] = EventKind.Message,
        ["timerEventDefinition"] = EventKind.Timer,
        ["errorEventDefinition"] = EventKind.Error,
        ["terminateEventDefinition"] = EventKind.Terminate,
        ["signalEventDefinition"] = EventKind.Signal,
        ["conditionalEventDefinition"] = EventKind.Conditional,
        ["escalationEventDefinition"] = EventKind.Escalation,
        ["compensateEventDefinition"] = EventKind.Compensate,
        ["linkEventDefinition"] = EventKind.Link,
        ["cancelEventDefinition"] = EventKind.Cancel,
    };

    public static bool IsFlowNode(string localName) => Kinds.ContainsKey(localName);

    public static FlowNode Read(XElement e, string? scopeId, IReadOnlyDictionary<string, XElement> sharedEventDefinitions)
    {
        var definitions = e.Elements().Where(c => c.Name.Namespace == Bpmn && EventKinds.ContainsKey(c.Name.LocalName)).ToList();
        var missing = ImmutableArray.CreateBuilder<string>();
        foreach (var reference in e.Elements(Bpmn + "eventDefinitionRef").Select(r => LocalRef(r.Value)).OfType<string>())
        {
            if (sharedEventDefinitions.TryGetValue(reference, out var shared) && EventKinds.ContainsKey(shared.Name.LocalName))
            {
                definitions.Add(shared);
            }
            else
            {
                missing.Add($"eventDefinitionRef '{reference}'");
            }
        }

        var message = definitions.FirstOrDefault(d => d.Name.LocalName == "messageEventDefinition")
            ?? (e.Name.LocalName is "receiveTask" or "sendTask" ? e : null); // a receive task names its message itself
        var signal = definitions.FirstOrDefault(d => d.Name.LocalName == "signalEventDefinition");
        var escalation = definitions.FirstOrDefault(d => d.Name.LocalName == "escalationEventDefinition");
        var conditional = definitions.FirstOrDefault(d => d.Name.LocalName == "conditionalEventDefinition");
        var link = definitions.FirstOrDefault(d => d.Name.LocalName == "linkEventDefinition");
        var compensate = definitions.FirstOrDefault(d => d.Name.LocalName == "compensateEventDefinition");
        var error = definitions.FirstOrDefault(d => d.Name.LocalName == "errorEventDefinition");
        var timer = definitions.FirstOrDefault(d => d.Name.LocalName == "timerEventDefinition");
        var extensionElements = e.Element(Bpmn + "extensionElements")?.Elements().ToList() ?? [];
        var extensions = ExtensionReader.WithZeebeForm(
            VendorReader.WithResourceAssignments(e, ExtensionReader.ReadAttributes(e, out var vendor)), extensionElements);

        return new FlowNode
        {
            Id = Id(e),
            Kind = Kinds[e.Name.LocalName],
            ElementType = e.Name.LocalName,
            Name = (string?)e.Attribute("name"),
            Line = LineOf(e),
            ScopeId = scopeId,
            EventDefinitions = [.. definitions.Select(d => EventKinds[d.Name.LocalName])],
            AttachedToRef = LocalRef((string?)e.Attribute("attachedToRef")),
            CancelActivity = !string.Equals((string?)e.Attribute("cancelActivity"), "false", StringComparison.OrdinalIgnoreCase),
            MessageRef = LocalRef((string?)message?.Attribute("messageRef")),
            ErrorRef = LocalRef((string?)error?.Attribute("errorRef")),
            Timer = timer is null ? null : ReadTimer(timer),
            DefaultFlow = NullIfBlank((string?)e.Attribute("default")),
            CalledElement = LocalRef((string?)e.Attribute("calledElement"))
                ?? NullIfBlank(extensionElements.FirstOrDefault(x => x.Name.LocalName == "calledElement")?.Attribute("processId")?.Value),
            Script = e.Element(Bpmn + "script")?.Value,
            ScriptFormat = (string?)e.Attribute("scriptFormat"),
            Documentation = NullIfBlank(e.Element(Bpmn + "documentation")?.Value),
            Loop = LoopReader.Read(e),
            TriggeredByEvent = IsTrue(e, "triggeredByEvent"),
            IsInterrupting = !string.Equals((string?)e.Attribute("isInterrupting"), "false", StringComparison.OrdinalIgnoreCase),
            SignalRef = LocalRef((string?)signal?.Attribute("signalRef")),
            EscalationRef = LocalRef((string?)escalation?.Attribute("escalationRef")),
            EventCondition = NullIfBlank(conditional?.Element(Bpmn + "condition")?.Value),
            LinkName = NullIfBlank((string?)link?.Attribute("name")),
            CompensateActivityRef = LocalRef((string?)compensate?.Attribute("activityRef")),
            IsForCompensation = IsTrue(e, "isForCompensation"),
            Extensions = extensions,
            VendorAttributes = vendor,
            ExtensionElements = [.. extensionElements.Select(x => new ExtensionElement(
                x.Name.NamespaceName, x.Name.LocalName, x.ToString(SaveOptions.DisableFormatting)))],
            InMappings = ExtensionReader.ReadMappings(extensionElements, "in"),
            OutMappings = ExtensionReader.ReadMappings(extensionElements, "out"),
            Inputs = ExtensionReader.ReadInputs(extensionElements),
            ClockActions = ExtensionReader.ParseClock(extensions.GetValueOrDefault("clock")),
            DecisionCall = DecisionCallReader.Read(e, extensionElements),
            MissingReferences = missing.ToImmutable(),
            UnsupportedExtensions = VendorReader.Unsupported(e, extensionElements),
        };
    }

    private static bool IsTrue(XElement e, string attribute) =>
        string.Equals((string?)e.Attribute(attribute), "true", StringComparison.OrdinalIgnoreCase);

    private static TimerDefinition? ReadTimer(XElement timer)
    {
        foreach (var (name, kind) in new[] { ("timeDuration", TimerKind.Duration), ("timeDate", TimerKind.Date), ("timeCycle", TimerKind.Cycle) })
        {
            var child = timer.Element(Bpmn + name);
            if (child is not null)
            {
                return new TimerDefinition(kind, child.Value.Trim());
            }
        }

        return null;
    }

}
