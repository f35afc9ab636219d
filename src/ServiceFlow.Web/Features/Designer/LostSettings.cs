using ServiceFlow.Engine.Model;

namespace ServiceFlow.Web.Features.Designer;

/// Settings an element keeps from one version to the next but loses on the way: an `sf:input` that is no
/// longer there, an `sf:`/vendor attribute that disappeared, an extension element or the documentation.
/// Editing them away on purpose is allowed, but a tool that drops what it does not understand (the designer
/// once silently removed the mail inputs of "Tell the customer") must not get past review unnoticed, so the
/// diff lists these separately and the designer asks before publishing them.
internal static class LostSettings
{
    public sealed record Warning(string Id, string Type, string? Name, IReadOnlyList<string> Lost);

    /// One warning per element present in both versions that had a setting `to` no longer has.
    public static IReadOnlyList<Warning> Find(ProcessDefinition from, ProcessDefinition to)
    {
        var warnings = new List<Warning>();
        foreach (var before in from.Nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            if (!to.Nodes.TryGetValue(before.Id, out var after))
                continue; // a removed element is listed under "removed", not as a loss
            var lost = Lost(before, after).ToList();
            if (lost.Count > 0)
                warnings.Add(new Warning(before.Id, after.ElementType, after.Name ?? before.Name, lost));
        }
        return warnings;
    }

    static IEnumerable<string> Lost(FlowNode before, FlowNode after)
    {
        foreach (var input in before.Inputs.Select(i => i.Name).Distinct(StringComparer.Ordinal))
            if (!after.Inputs.Any(i => i.Name == input))
                yield return $"sf:input {input}";
        foreach (var (name, mappings, now) in new[] { ("sf:in", before.InMappings, after.InMappings), ("sf:out", before.OutMappings, after.OutMappings) })
            foreach (var target in mappings.Select(m => m.Target).Distinct(StringComparer.Ordinal))
                if (!now.Any(m => m.Target == target))
                    yield return $"{name} → {target}";
        var lostVendor = before.VendorAttributes.Keys.Where(name => !after.VendorAttributes.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        // camunda:assignee is also read as sf:assignee; name the attribute the file really had, once
        var foldedFromVendor = lostVendor.Select(name => name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..])
            .Select(local => local switch { "asyncBefore" => "async", "dueDate" => "dueIn", _ => local }).ToHashSet(StringComparer.Ordinal);
        foreach (var name in before.Extensions.Keys.Order(StringComparer.Ordinal))
            if (!after.Extensions.ContainsKey(name) && !foldedFromVendor.Contains(name))
                yield return $"sf:{name}";
        foreach (var name in lostVendor)
            yield return name;
        // Extension elements by kind: fewer <zeebe:taskDefinition> than before is a loss (sf:input is counted above).
        var kinds = before.ExtensionElements.Where(e => !IsInput(e)).GroupBy(e => (e.Namespace, e.Name));
        foreach (var kind in kinds.OrderBy(k => k.Key.Name, StringComparer.Ordinal))
        {
            var remaining = after.ExtensionElements.Count(e => e.Namespace == kind.Key.Namespace && e.Name == kind.Key.Name);
            if (remaining < kind.Count())
                yield return $"<{kind.Key.Name}> ({kind.Key.Namespace})";
        }
        if (!string.IsNullOrWhiteSpace(before.Documentation) && string.IsNullOrWhiteSpace(after.Documentation))
            yield return "documentation";
    }

    static bool IsInput(ExtensionElement e) =>
        e.Namespace == ServiceFlow.Engine.Parsing.Namespaces.ServiceFlow && e.Name is "input" or "in" or "out";
}
