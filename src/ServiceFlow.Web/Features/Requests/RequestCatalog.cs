using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Model;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Requests;

/// One request a person may make: a published workflow whose none start event names a form (`sf:formKey`).
/// Name, description and category come from the process (`name`, `sf:description`, `sf:category`), each
/// with its `-zh-CN` (any culture) variant beside it, as workflow names are written (WorkflowText).
internal sealed record CatalogEntry(string Key, int Version, Guid DefinitionId, string FormKey, string Name, string? Description, string Category);

/// What a catalog request asked, shown on the tasks it opened: the start form's fields with the values the
/// instance was started with, and the files entered in them.
internal sealed record RequestAnswers(FormSchema Form, Func<string?, string> T, IReadOnlyDictionary<string, JsonElement> Values,
    IReadOnlyList<InstanceFile> Files, Guid InstanceId, string? StartedBy)
{
    /// A field's value as the requester saw it: an option by its label in the reader's language, a tick as ✓.
    public string Shown(FormField field)
    {
        if (!Values.TryGetValue(field.Key, out var value) || value.ValueKind is JsonValueKind.Null)
            return "—";
        if (field.Type == "checkbox")
            return value.ValueKind == JsonValueKind.True ? "✓" : "—";
        var labels = Component(Form.Raw["components"] as JsonArray, field.Key) is { } c
            ? Inbox.TaskFormView.Options(c).Where(o => o.Label.Length > 0).DistinctBy(o => o.Value).ToDictionary(o => o.Value, o => T(o.Label)) : [];
        var texts = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(FormSchema.OptionText) : [FormSchema.OptionText(value)];
        return string.Join(", ", texts.OfType<string>().Select(t => labels.GetValueOrDefault(t, t)));
    }

    static JsonObject? Component(JsonArray? components, string key) =>
        components?.OfType<JsonObject>().Select(c => (string?)c["key"] == key ? c : Component(c["components"] as JsonArray, key)).FirstOrDefault(c => c is not null);
}

/// The request catalog (`/requests/new`, `GET /api/requests/catalog`): the latest published version of every
/// workflow with a start form that the person may start (WorkflowAccess.MayStart), except those a feature
/// starts in code (service exceptions are recorded as tickets, surveys follow resolved tickets).
internal sealed class RequestCatalog(DefinitionStore definitions, WorkflowAccess workflows, FormStore forms)
{
    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(ServiceFlowDbContext db, ClaimsPrincipal user, CultureInfo culture, CancellationToken ct)
    {
        var latest = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => !db.WorkflowDefinitions.Any(n => n.Key == d.Key && n.Version > d.Version))
            .Select(DefinitionStore.Header).ToListAsync(ct);
        var entries = new List<CatalogEntry>();
        foreach (var header in latest.Where(h => workflows.OwnerOf(h.Key) is null))
        {
            var process = await definitions.GetAsync(header.Id, ct);
            if (StartForm(process) is { } formKey && WorkflowAccess.MayStart(process, user))
                entries.Add(new CatalogEntry(header.Key, header.Version, header.Id, formKey, Text(process, "name", culture) ?? process.Name ?? header.Key,
                    Text(process, "description", culture), Text(process, "category", culture) ?? ""));
        }
        return [.. entries.OrderBy(e => e.Category.Length == 0).ThenBy(e => e.Category, StringComparer.CurrentCulture).ThenBy(e => e.Name, StringComparer.CurrentCulture)];
    }

    /// The entry for `key` if `user` may start it: null when there is no such request, Forbidden when it is not theirs to start.
    public async Task<CatalogEntry> FindAsync(ServiceFlowDbContext db, string key, ClaimsPrincipal user, CultureInfo culture, CancellationToken ct)
    {
        var header = await definitions.LatestAsync(db, key, ct);
        var process = header is null || workflows.OwnerOf(key) is not null ? null : await definitions.GetAsync(header.Id, ct);
        if (header is null || process is null || StartForm(process) is not { } formKey)
            throw RuntimeProblem.NotFound($"There is no request '{key}' in the catalog.");
        if (!WorkflowAccess.MayStart(process, user))
            throw RuntimeProblem.Forbidden($"Request '{key}' may be made by {string.Join(", ", new[] { process.Ext("candidateStarterGroups"), process.Ext("candidateStarterUsers") }.OfType<string>().DefaultIfEmpty("administrators"))}; you are not among them.");
        return new CatalogEntry(key, header.Version, header.Id, formKey, Text(process, "name", culture) ?? process.Name ?? key,
            Text(process, "description", culture), Text(process, "category", culture) ?? "");
    }

    /// The start form of a catalog entry: the version its workflow version pinned.
    public async Task<FormSchema> FormAsync(ServiceFlowDbContext db, CatalogEntry entry, CancellationToken ct) =>
        (await forms.ForAsync(db, entry.DefinitionId, entry.FormKey, ct))?.Schema
        ?? throw RuntimeProblem.NotFound($"The form '{entry.FormKey}' of request '{entry.Key}' is not published.");

    /// The request an instance was started with, or null when it was not started from a start form.
    public async Task<RequestAnswers?> AnswersAsync(ServiceFlowDbContext db, Guid instanceId, CancellationToken ct)
    {
        var instance = await db.ProcessInstances.AsNoTracking().Where(i => i.Id == instanceId)
            .Select(i => new { i.DefinitionId, i.Variables, i.StartedBy }).SingleOrDefaultAsync(ct);
        if (instance is null || StartForm(await definitions.GetAsync(instance.DefinitionId, ct)) is not { } formKey
            || await forms.ForAsync(db, instance.DefinitionId, formKey, ct) is not { } form)
            return null;
        var files = await db.Set<InstanceFile>().AsNoTracking().Where(f => f.InstanceId == instanceId).OrderBy(f => f.UploadedAt)
            .Select(f => new InstanceFile { Id = f.Id, FieldKey = f.FieldKey, FileName = f.FileName, Size = f.Size, ContentType = f.ContentType }).ToListAsync(ct);
        return new RequestAnswers(form.Schema, FormText.For(form.Schema, CultureInfo.CurrentUICulture), Variables.Deserialize(instance.Variables),
            files, instanceId, instance.StartedBy);
    }

    /// The form key of the process's none start event, when it names one of ours.
    public static string? StartForm(ProcessDefinition process) =>
        process.NodesInScope(null).Where(n => n.Kind == NodeKind.StartEvent && n.EventKind == EventKind.None)
            .Select(n => n.Ext("formKey")?.Trim()).FirstOrDefault(k => !string.IsNullOrEmpty(k) && FormStore.IsOurs(k));

    static string? Text(ProcessDefinition process, string attribute, CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            if (process.Ext($"{attribute}-{c.Name}") is { Length: > 0 } text)
                return text;
        return attribute == "name" ? null : process.Ext(attribute) is { Length: > 0 } plain ? plain : null;
    }
}
