using System.Collections.Immutable;
using System.Xml.Linq;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Parsing;

/// <summary>Reads sf: (and equivalent camunda:) attributes and extension elements.</summary>
internal static class ExtensionReader
{
    // camunda:/flowable: attributes folded into sf: names when no sf: attribute says otherwise.
    private static readonly Dictionary<string, string> CamundaEquivalents = new(StringComparer.Ordinal)
    {
        ["candidateGroups"] = "candidateGroups",
        ["candidateUsers"] = "candidateUsers",
        ["assignee"] = "assignee",
        ["formKey"] = "formKey",
        ["formRef"] = "formKey", // Camunda Forms: the form's id is what the inbox looks up
        ["priority"] = "priority",
        ["asyncBefore"] = "async",
        ["async"] = "async", // camunda:async (Camunda < 7.3) and flowable:async
        ["resultVariable"] = "resultVariable",
        ["candidateStarterGroups"] = "candidateStarterGroups",
        ["candidateStarterUsers"] = "candidateStarterUsers",
    };

    public static ImmutableDictionary<string, string> ReadAttributes(XElement e, out ImmutableDictionary<string, string> vendor)
    {
        var sf = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var camunda = new Dictionary<string, string>(StringComparer.Ordinal);
        var other = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var attribute in e.Attributes())
        {
            var ns = attribute.Name.Namespace;
            if (attribute.IsNamespaceDeclaration || ns == XNamespace.None)
            {
                continue;
            }

            if (ns == Namespaces.SfNs)
            {
                sf[attribute.Name.LocalName] = attribute.Value;
                continue;
            }

            var prefix = e.GetPrefixOfNamespace(ns) ?? ns.NamespaceName;
            other[$"{prefix}:{attribute.Name.LocalName}"] = attribute.Value;
            if (Namespaces.IsCamunda(ns))
            {
                var local = attribute.Name.LocalName;
                if (CamundaEquivalents.TryGetValue(local, out var sfName))
                {
                    camunda[sfName] = attribute.Value;
                }
                else if (local == "dueDate")
                {
                    // A plain ISO duration is sf:dueIn (business time applies); a date or an expression is sf:dueDate.
                    camunda[attribute.Value.TrimStart().StartsWith('P') ? "dueIn" : "dueDate"] = attribute.Value;
                }
            }
        }

        foreach (var (key, value) in camunda)
        {
            sf.TryAdd(key, value);
        }

        vendor = other.ToImmutable();
        return sf.ToImmutable();
    }

    private static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    /// <summary>
    /// Camunda 8 names a task's form in <c>zeebe:formDefinition</c>: <c>formId</c> (a linked form, its id) or
    /// <c>formKey</c>. Either is the form key, as camunda:formRef is; an sf:/camunda: attribute wins.
    /// </summary>
    public static ImmutableDictionary<string, string> WithZeebeForm(ImmutableDictionary<string, string> extensions, IReadOnlyList<XElement> extensionElements)
    {
        if (extensions.ContainsKey("formKey")
            || extensionElements.FirstOrDefault(x => x.Name == Zeebe + "formDefinition") is not { } form
            || DefinitionsReader.NullIfBlank((string?)form.Attribute("formId") ?? (string?)form.Attribute("formKey")) is not { } key)
        {
            return extensions;
        }

        return extensions.SetItem("formKey", key);
    }

    public static ImmutableArray<VariableMapping> ReadMappings(IReadOnlyList<XElement> extensionElements, string direction)
    {
        var mappings = ImmutableArray.CreateBuilder<VariableMapping>();
        foreach (var x in extensionElements.Where(x => x.Name.LocalName == direction
                     && (x.Name.Namespace == Namespaces.SfNs || Namespaces.IsCamunda(x.Name.Namespace))))
        {
            var target = (string?)x.Attribute("target");
            var source = (string?)x.Attribute("source");
            var expression = (string?)x.Attribute("sourceExpression");
            if (target is null || (source is null && expression is null))
            {
                continue; // camunda:in variables="all" and similar: pass-all is our default anyway
            }

            mappings.Add(expression is not null ? new VariableMapping(expression, target, true) : new VariableMapping(source!, target, false));
        }

        return mappings.ToImmutable();
    }

    public static ImmutableArray<TaskInput> ReadInputs(IReadOnlyList<XElement> extensionElements)
    {
        var inputs = ImmutableArray.CreateBuilder<TaskInput>();
        foreach (var x in extensionElements)
        {
            if (x.Name.Namespace == Namespaces.SfNs && x.Name.LocalName == "input" && x.Attribute("name") is { } name)
            {
                var expression = (string?)x.Attribute("expression");
                inputs.Add(expression is not null
                    ? new TaskInput(name.Value, expression, true)
                    : new TaskInput(name.Value, (string?)x.Attribute("value") ?? x.Value, false));
            }
            else if (Namespaces.IsCamunda(x.Name.Namespace) && x.Name.LocalName == "inputOutput")
            {
                foreach (var p in x.Elements().Where(p => p.Name.LocalName == "inputParameter" && p.Attribute("name") is not null))
                {
                    var value = p.Value.Trim();
                    inputs.Add(new TaskInput(p.Attribute("name")!.Value, value, value.StartsWith("${", StringComparison.Ordinal)));
                }
            }
        }

        return inputs.ToImmutable();
    }

    /// <summary>Parses "start:resolution; pause:resolution" into clock actions; malformed parts are skipped.</summary>
    public static ImmutableArray<ClockActionSpec> ParseClock(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return [.. text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(':', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2 && p[0].Length > 0 && p[1].Length > 0)
            .Select(p => new ClockActionSpec(p[0].ToLowerInvariant(), p[1]))];
    }
}
