using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Model;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Forms;

/// Published form versions: the shipped ones from forms/*.json, the designer's drafts once their workflow is
/// published. A parsed version is cached by key and version (a published version never changes).
internal sealed class FormStore(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<FormStore> log)
{
    readonly ConcurrentDictionary<(string Key, int Version), FormSchema> parsed = new();
    readonly ConcurrentDictionary<(Guid DefinitionId, string Key), int> pins = new();

    /// The forms a process names: `sf:formKey` (or `camunda:formRef`, `zeebe:formDefinition`) of its user tasks and start events.
    public static IEnumerable<(FlowNode Node, string Key)> NamedBy(ProcessDefinition process) =>
        process.Nodes.Values.Where(n => n.Kind is NodeKind.UserTask or NodeKind.StartEvent)
            .Select(n => (n, n.Ext("formKey")?.Trim())).Where(x => !string.IsNullOrEmpty(x.Item2)).Select(x => (x.n, x.Item2!));

    /// Form keys ServiceFlow serves; others (`embedded:app:…`, `camunda-forms:…`) belong to another product's task list.
    public static bool IsOurs(string key) => FormSchema.FormKey().IsMatch(key);

    public FormSchema Parsed(Artifact version) =>
        parsed.GetOrAdd((version.Key, version.Version), _ => FormSchema.Parse(version.Key, version.Content));

    public static Task<Artifact?> LatestAsync(ServiceFlowDbContext db, string key, CancellationToken ct) =>
        db.Artifacts.AsNoTracking().Where(a => a.Kind == ArtifactKinds.Form && a.Key == key).OrderByDescending(a => a.Version).FirstOrDefaultAsync(ct);

    /// The form version a task of `definitionId` shows and checks: the one its workflow version pinned; for a
    /// version published before forms were versioned, the latest.
    public async Task<(FormSchema Schema, int Version)?> ForAsync(ServiceFlowDbContext db, Guid definitionId, string key, CancellationToken ct)
    {
        int? pinned = pins.TryGetValue((definitionId, key), out var known) ? known
            : await db.ArtifactPins.AsNoTracking().Where(p => p.DefinitionId == definitionId && p.Kind == ArtifactKinds.Form && p.Key == key)
                .Select(p => (int?)p.Version).SingleOrDefaultAsync(ct);
        if (pinned is { } pin)
            pins.TryAdd((definitionId, key), pin); // a workflow version's pins are written with it and never change
        if (pinned is { } v && parsed.TryGetValue((key, v), out var hit))
            return (hit, v);
        var version = pinned is { } p
            ? await db.Artifacts.AsNoTracking().SingleOrDefaultAsync(a => a.Kind == ArtifactKinds.Form && a.Key == key && a.Version == p, ct)
            : await LatestAsync(db, key, ct);
        return version is null ? null : (Parsed(version), version.Version);
    }

    /// Adds `content` as the next version of `key` unless the latest version holds the same.
    public async Task<Artifact> AddVersionAsync(ServiceFlowDbContext db, string key, string content, string? user, CancellationToken ct)
    {
        var hash = DefinitionStore.Hash(content);
        var latest = await LatestAsync(db, key, ct);
        if (latest is not null && latest.ContentHash == hash)
            return latest;
        var version = new Artifact
        {
            Kind = ArtifactKinds.Form,
            Key = key,
            Version = (latest?.Version ?? 0) + 1,
            Content = content,
            ContentHash = hash,
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = user,
        };
        db.Artifacts.Add(version);
        return version;
    }

    /// forms/*.json at start: each file is form `<file name>`; a changed file becomes a new version, a broken one stops the start.
    public async Task DeployShippedAsync(CancellationToken ct)
    {
        var folder = configuration["ServiceFlow:FormsFolder"] is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "forms");
        if (!Directory.Exists(folder))
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var key = Path.GetFileNameWithoutExtension(file);
            var content = await File.ReadAllTextAsync(file, ct);
            if (!IsOurs(key) || FormSchema.Parse(key, content).Problems is { Count: > 0 } problems)
                throw new InvalidOperationException($"The shipped form {file} cannot be used: "
                    + (IsOurs(key) ? string.Join("; ", FormSchema.Parse(key, content).Problems) : "its file name is not a form key"));
            var version = await AddVersionAsync(db, key, content, "system", ct);
            if (db.Entry(version).State == EntityState.Added)
                log.LogInformation("Deployed form {File} as {Key} version {Version}", Path.GetFileName(file), key, version.Version);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // Another node deployed the same files at the same moment; its versions stand.
        }
    }
}
