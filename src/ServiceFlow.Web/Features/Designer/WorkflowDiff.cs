using System.Globalization;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Web.Features.Designer;

/// What changed between two versions of a process, element by element (nodes and sequence flows by id).
/// Layout (BPMN DI) is ignored: moving a shape is not a change a process owner reviews. Settings an
/// element lost on the way are also listed as warnings (see LostSettings).
internal static class WorkflowDiff
{
    public sealed record Element(string Id, string Kind, string Type, string? Name);
    public sealed record PropertyChange(string Property, string? From, string? To);
    public sealed record ChangedElement(string Id, string Kind, string Type, string? Name, IReadOnlyList<PropertyChange> Changes);
    public sealed record Result(string Key, string From, string To, IReadOnlyList<Element> Added, IReadOnlyList<Element> Removed,
        IReadOnlyList<ChangedElement> Changed, IReadOnlyList<LostSettings.Warning> Warnings);

    public static Result Compare(string key, string fromLabel, ProcessDefinition from, string toLabel, ProcessDefinition to)
    {
        var before = Describe(from);
        var after = Describe(to);
        var added = after.Keys.Except(before.Keys).Order(StringComparer.Ordinal).Select(id => after[id].Element).ToList();
        var removed = before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).Select(id => before[id].Element).ToList();
        var changed = new List<ChangedElement>();
        foreach (var id in before.Keys.Intersect(after.Keys).Order(StringComparer.Ordinal))
        {
            var (element, oldProps) = before[id];
            var newProps = after[id].Properties;
            var changes = oldProps.Keys.Union(newProps.Keys).Order(StringComparer.Ordinal)
                .Select(p => new PropertyChange(p, oldProps.GetValueOrDefault(p), newProps.GetValueOrDefault(p)))
                .Where(c => c.From != c.To)
                .ToList();
            if (changes.Count > 0)
                changed.Add(new ChangedElement(id, element.Kind, after[id].Element.Type, after[id].Element.Name, changes));
        }
        var processChanges = new List<PropertyChange>();
        if (from.Name != to.Name)
            processChanges.Add(new PropertyChange("name", from.Name, to.Name));
        if (processChanges.Count > 0)
            changed.Insert(0, new ChangedElement(to.Id, "process", "process", to.Name, processChanges));
        return new Result(key, fromLabel, toLabel, added, removed, changed, LostSettings.Find(from, to));
    }

    static Dictionary<string, (Element Element, Dictionary<string, string?> Properties)> Describe(ProcessDefinition process)
    {
        var map = new Dictionary<string, (Element, Dictionary<string, string?>)>(StringComparer.Ordinal);
        foreach (var node in process.Nodes.Values)
            map[node.Id] = (new Element(node.Id, "node", node.ElementType, node.Name), NodeProperties(node));
        foreach (var flow in process.Flows.Values)
        {
            map[flow.Id] = (new Element(flow.Id, "flow", "sequenceFlow", flow.Name), new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["name"] = flow.Name,
                ["sourceRef"] = flow.SourceRef,
                ["targetRef"] = flow.TargetRef,
                ["condition"] = flow.Condition?.Trim(),
            });
        }
        return map;
    }

    static Dictionary<string, string?> NodeProperties(FlowNode node)
    {
        var p = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["type"] = node.ElementType,
            ["name"] = node.Name,
            ["scope"] = node.ScopeId,
            ["eventDefinitions"] = node.EventDefinitions.IsDefaultOrEmpty ? null : string.Join(", ", node.EventDefinitions),
            ["attachedToRef"] = node.AttachedToRef,
            ["cancelActivity"] = node.Kind == NodeKind.BoundaryEvent ? node.CancelActivity.ToString(CultureInfo.InvariantCulture).ToLowerInvariant() : null,
            ["messageRef"] = node.MessageRef,
            ["errorRef"] = node.ErrorRef,
            ["timer"] = node.Timer is { } t ? $"{t.Kind}: {t.Expression}" : null,
            ["default"] = node.DefaultFlow,
            ["calledElement"] = node.CalledElement,
            ["script"] = node.Script?.Trim(),
            ["documentation"] = node.Documentation?.Trim(),
            ["in"] = Join(node.InMappings.Select(m => $"{m.Source}→{m.Target}")),
            ["out"] = Join(node.OutMappings.Select(m => $"{m.Source}→{m.Target}")),
            ["inputs"] = Join(node.Inputs.Select(i => $"{i.Name}={(i.IsExpression ? "${" + i.Value + "}" : i.Value)}")),
        };
        foreach (var (name, value) in node.Extensions)
            p["sf:" + name] = value;
        foreach (var (name, value) in node.VendorAttributes)
            p[name] = value;
        if (!node.ExtensionElements.IsDefaultOrEmpty)
            p["extensionElements"] = string.Join("\n", node.ExtensionElements.Select(e => e.Xml.Trim()));
        return p;
    }

    static string? Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : string.Join(", ", list);
    }
}
