using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Localization;

/// Names of workflows and their elements in the reader's language. BPMN's `name` is the default; beside it
/// a process owner writes `sf:name-zh-CN="审核与补充"` (or `sf:name-en`, any culture) on a task, event,
/// gateway or the process itself — in the designer's ServiceFlow group, "Name in Chinese / in English"
/// (docs/bpmn-extensions.md). A published version never changes, so what is read from it is cached by id.
internal sealed partial class WorkflowText(IServiceScopeFactory scopes, IStringLocalizer l)
{
    static readonly XNamespace Sf = "https://serviceflow.dev/bpmn";

    /// Element id → (culture → name); the process's own names under its id too.
    sealed record Names(FrozenDictionary<string, FrozenDictionary<string, string>> ById, string? ProcessId);

    readonly ConcurrentDictionary<Guid, Names> names = new();
    readonly ConcurrentDictionary<(Guid, string), string> viewerXml = new();

    /// The element's name in the current UI language, or null when the workflow says nothing for it.
    public async Task<string?> NameAsync(Guid definitionId, string elementId, CancellationToken ct = default) =>
        Pick((await NamesAsync(definitionId, ct)).ById.GetValueOrDefault(elementId));

    /// The process's name in the current UI language, or null.
    public async Task<string?> ProcessNameAsync(Guid definitionId, CancellationToken ct = default)
    {
        var n = await NamesAsync(definitionId, ct);
        return n.ProcessId is null ? null : Pick(n.ById.GetValueOrDefault(n.ProcessId));
    }

    /// Display names of a page of tasks: the localized name of each task's element, else the task's stored name.
    /// SLA escalation tasks (no process instance) keep theirs. One query for the tasks' instances.
    public async Task<IReadOnlyDictionary<Guid, string>> TaskNamesAsync(ServiceFlowDbContext db, IReadOnlyCollection<UserTask> tasks, CancellationToken ct = default)
    {
        var instanceIds = tasks.Select(t => t.InstanceId).OfType<Guid>().Distinct().ToList();
        var definitionOf = instanceIds.Count == 0 ? []
            : await db.ProcessInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).Select(i => new { i.Id, i.DefinitionId }).ToDictionaryAsync(i => i.Id, i => i.DefinitionId, ct);
        var result = new Dictionary<Guid, string>(tasks.Count);
        foreach (var task in tasks)
            result[task.Id] = task.InstanceId is { } instanceId && definitionOf.TryGetValue(instanceId, out var definitionId)
                ? await NameAsync(definitionId, task.ActivityId, ct) ?? task.Name
                : SlaTaskName(task.Name);
        return result;
    }

    /// SLA escalation tasks are named by the SLA feature as "SLA {stage}: {clock} of {ticket}" (SlaEscalations).
    string SlaTaskName(string name) => SlaName().Match(name) is { Success: true } m
        ? l["SLA {0}: {1} of {2}", l.SlaStage(m.Groups["stage"].Value), l.Code("Clock", m.Groups["clock"].Value), m.Groups["key"].Value].Value
        : name;

    [System.Text.RegularExpressions.GeneratedRegex(@"^SLA (?<stage>\S+): (?<clock>\S+) of (?<key>.+)$")]
    private static partial System.Text.RegularExpressions.Regex SlaName();

    /// The definition's XML with every element that has a name in the current UI language renamed to it,
    /// for the read-only diagram viewer (the designer edits the document as written).
    public string ViewerXml(Guid definitionId, string xml)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        return viewerXml.GetOrAdd((definitionId, culture), _ => Localize(xml, culture));
    }

    async Task<Names> NamesAsync(Guid definitionId, CancellationToken ct)
    {
        if (names.TryGetValue(definitionId, out var hit))
            return hit;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var xml = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.Id == definitionId).Select(d => d.Xml).SingleOrDefaultAsync(ct);
        return names.GetOrAdd(definitionId, _ => xml is null ? new Names(FrozenDictionary<string, FrozenDictionary<string, string>>.Empty, null) : Read(xml));
    }

    static string? Pick(FrozenDictionary<string, string>? byCulture)
    {
        if (byCulture is null)
            return null;
        for (var c = CultureInfo.CurrentUICulture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            if (byCulture.TryGetValue(c.Name, out var name))
                return name;
        return null;
    }

    static Names Read(string xml)
    {
        var document = Load(xml);
        var byId = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var element in document.Descendants())
        {
            if ((string?)element.Attribute("id") is not { } id)
                continue;
            var localized = LocalizedNames(element).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
            if (localized.Count > 0)
                byId[id] = localized;
        }
        var process = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "process" && (string?)e.Attribute("isExecutable") != "false")
            ?? document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "process");
        return new Names(byId.ToFrozenDictionary(StringComparer.Ordinal), (string?)process?.Attribute("id"));
    }

    static IEnumerable<KeyValuePair<string, string>> LocalizedNames(XElement element) =>
        element.Attributes()
            .Where(a => a.Name.Namespace == Sf && a.Name.LocalName.StartsWith("name-", StringComparison.Ordinal) && a.Value.Trim().Length > 0)
            .Select(a => KeyValuePair.Create(a.Name.LocalName["name-".Length..], a.Value.Trim()));

    static string Localize(string xml, string culture)
    {
        var document = Load(xml);
        var changed = false;
        foreach (var element in document.Descendants())
        {
            var localized = LocalizedNames(element).ToDictionary(StringComparer.OrdinalIgnoreCase);
            if (localized.Count == 0)
                continue;
            for (var c = new CultureInfo(culture); !string.IsNullOrEmpty(c.Name); c = c.Parent)
            {
                if (localized.TryGetValue(c.Name, out var name))
                {
                    element.SetAttributeValue("name", name);
                    changed = true;
                    break;
                }
            }
        }
        return changed ? document.ToString(SaveOptions.DisableFormatting) : xml;
    }

    // Stored definitions passed the engine's parser (depth and size limits) when published; still read them
    // as untrusted XML: no DTD, no resolver, bounded size.
    static XDocument Load(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 20_000_000 };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        return XDocument.Load(reader);
    }
}
