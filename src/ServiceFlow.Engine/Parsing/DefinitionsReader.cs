using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Parsing;

/// <summary>Turns a definitions element into model records; one instance per parse.</summary>
internal sealed partial class DefinitionsReader(BpmnParserOptions options)
{
    private static readonly XNamespace Bpmn = Namespaces.BpmnNs;
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private readonly List<DuplicateId> _duplicates = [];
    private readonly Dictionary<string, XElement> _sharedEventDefinitions = new(StringComparer.Ordinal);

    public BpmnDocument Read(XElement definitions)
    {
        foreach (var element in definitions.Descendants())
        {
            var id = (string?)element.Attribute("id");
            if (id is not null && element.Name.Namespace == Bpmn && !_seenIds.Add(id))
            {
                _duplicates.Add(new DuplicateId(id, LineOf(element)));
            }
        }

        var messages = definitions.Elements(Bpmn + "message")
            .Select(e => new BpmnMessage(Id(e), (string?)e.Attribute("name"), LineOf(e)) { Extensions = ExtensionReader.ReadAttributes(e, out _) });
        var errors = definitions.Elements(Bpmn + "error")
            .Select(e => new BpmnError(Id(e), (string?)e.Attribute("name"), (string?)e.Attribute("errorCode"), LineOf(e)));
        var signals = definitions.Elements(Bpmn + "signal")
            .Select(e => new BpmnSignal(Id(e), (string?)e.Attribute("name"), LineOf(e)));
        var escalations = ToDictionary(definitions.Elements(Bpmn + "escalation")
            .Select(e => new BpmnEscalation(Id(e), (string?)e.Attribute("name"), (string?)e.Attribute("escalationCode"), LineOf(e))), e => e.Id);
        var msgDict = ToDictionary(messages, m => m.Id);
        var errDict = ToDictionary(errors, e => e.Id);
        var sigDict = ToDictionary(signals, s => s.Id);

        // Event definitions declared once at definitions level and used by eventDefinitionRef (27 vendor files do).
        foreach (var shared in definitions.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)))
        {
            if ((string?)shared.Attribute("id") is { } sharedId)
            {
                _sharedEventDefinitions.TryAdd(sharedId, shared);
            }
        }

        var processes = definitions.Elements(Bpmn + "process")
            .Select(p => ReadProcess(p, msgDict, errDict, sigDict) with { Escalations = escalations })
            .ToImmutableArray();
        return new BpmnDocument(processes, msgDict, errDict, sigDict, [.. _duplicates]);
    }

    private ProcessDefinition ReadProcess(
        XElement process,
        ImmutableDictionary<string, BpmnMessage> messages,
        ImmutableDictionary<string, BpmnError> errors,
        ImmutableDictionary<string, BpmnSignal> signals)
    {
        var nodes = ImmutableDictionary.CreateBuilder<string, FlowNode>(StringComparer.Ordinal);
        var flows = ImmutableDictionary.CreateBuilder<string, SequenceFlow>(StringComparer.Ordinal);
        ReadScope(process, null, nodes, flows);
        return new ProcessDefinition(
            Id(process),
            (string?)process.Attribute("name"),
            string.Equals((string?)process.Attribute("isExecutable"), "true", StringComparison.OrdinalIgnoreCase),
            LineOf(process),
            nodes.ToImmutable(),
            flows.ToImmutable(),
            messages,
            errors,
            signals)
        {
            Extensions = ExtensionReader.ReadAttributes(process, out _),
        };
    }

    /// <summary>
    /// Reads the nodes and flows of a process and of every sub-process in it, in document order. A stack of
    /// child enumerators instead of recursion: nesting depth is the document's to choose, the stack is not.
    /// </summary>
    private void ReadScope(
        XElement process,
        string? processScopeId,
        ImmutableDictionary<string, FlowNode>.Builder nodes,
        ImmutableDictionary<string, SequenceFlow>.Builder flows)
    {
        var associations = new List<(string Source, string Target)>();
        var open = new Stack<(IEnumerator<XElement> Children, string? ScopeId)>();
        open.Push((process.Elements().Where(e => e.Name.Namespace == Bpmn).GetEnumerator(), processScopeId));
        while (open.TryPeek(out var current))
        {
            if (!current.Children.MoveNext())
            {
                current.Children.Dispose();
                open.Pop();
                continue;
            }

            var element = current.Children.Current;
            var scopeId = current.ScopeId;
            var local = element.Name.LocalName;
            if (local == "sequenceFlow")
            {
                var flow = new SequenceFlow(
                    Id(element),
                    (string?)element.Attribute("sourceRef") ?? "",
                    (string?)element.Attribute("targetRef") ?? "",
                    NullIfBlank(element.Element(Bpmn + "conditionExpression")?.Value),
                    (string?)element.Attribute("name"),
                    scopeId,
                    LineOf(element),
                    flows.Count + nodes.Count);
                flows.TryAdd(flow.Id, flow);
                continue;
            }

            if (local == "association" && LocalRef((string?)element.Attribute("sourceRef")) is { } source
                && LocalRef((string?)element.Attribute("targetRef")) is { } target)
            {
                associations.Add((source, target)); // how a compensation boundary names its handler
                continue;
            }

            if (!NodeReader.IsFlowNode(local))
            {
                continue; // data objects, lanes, other artifacts: not part of execution
            }

            var node = NodeReader.Read(element, scopeId, _sharedEventDefinitions) with { Order = flows.Count + nodes.Count };
            nodes.TryAdd(node.Id, node);
            if (local is "subProcess" or "transaction" or "adHocSubProcess")
            {
                if (open.Count > options.MaxSubProcessDepth)
                {
                    throw new BpmnLimitException(
                        $"Sub-process '{node.Id}' (line {node.Line}) is nested more than {options.MaxSubProcessDepth} levels deep; "
                        + $"ServiceFlow accepts at most {options.MaxSubProcessDepth} nested sub-processes.", node.Line, 0);
                }

                open.Push((element.Elements().Where(e => e.Name.Namespace == Bpmn).GetEnumerator(), node.Id));
            }
        }

        foreach (var (source, target) in associations)
        {
            if (nodes.TryGetValue(source, out var boundary) && boundary is { Kind: NodeKind.BoundaryEvent, EventKind: EventKind.Compensate })
            {
                nodes[source] = boundary with { CompensationHandler = target };
            }
        }
    }

    private static ImmutableDictionary<string, T> ToDictionary<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            builder.TryAdd(key(item), item);
        }

        return builder.ToImmutable();
    }

    internal static string Id(XElement e) => (string?)e.Attribute("id") ?? $"{e.Name.LocalName}@line{LineOf(e)}";

    internal static int LineOf(XObject o) => o is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    internal static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// The id a QName reference names: <c>tns:m1</c> → <c>m1</c>. Ids are NCNames (no colon), so a prefix is never part
    /// of one; text that is not a plain QName (an expression in calledElement) is left as written.
    /// </summary>
    internal static string? LocalRef(string? reference)
    {
        var text = NullIfBlank(reference);
        return text is not null && QName().IsMatch(text) ? text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..] : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z_][\w.\-]*:[A-Za-z_][\w.\-]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex QName();
}
