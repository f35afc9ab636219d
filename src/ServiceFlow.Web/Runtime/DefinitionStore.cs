using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

/// The outcome of publishing: the version that now holds the document, and whether it is new.
internal sealed record PublishResult(WorkflowDefinition Definition, bool Created);

/// A document that cannot be published, with every problem the validator found.
internal sealed class WorkflowInvalidException(string key, ValidationReport report)
    : Exception($"Workflow '{key}' is not executable: " + string.Join("; ", report.Issues.Where(i => i.Severity == Severity.Error).Select(i => i.Message)))
{
    public ValidationReport Report { get; } = report;
}

/// Published workflow versions: parse, validate, store; parsed definitions are cached by id
/// (a published version never changes, so the cache never goes stale). "The latest version of key"
/// is cached for LatestVersionTtl: a publish on this node replaces it at once, a publish on another
/// node is seen here within that time (wall time, not the host's TimeProvider). Starting an instance then needs no definition query.
internal sealed class DefinitionStore(IServiceScopeFactory scopes, TimeProvider clock, TimerStartScheduler timerStarts, IBusinessCalendars calendars,
    Jobs.IntentDispatcher dispatcher)
{
    public static readonly TimeSpan LatestVersionTtl = TimeSpan.FromSeconds(1);

    /// The columns a new instance needs (the XML is parsed once per node and cached by id).
    public static readonly Expression<Func<WorkflowDefinition, WorkflowDefinition>> Header =
        d => new WorkflowDefinition { Id = d.Id, Key = d.Key, Version = d.Version };

    readonly ConcurrentDictionary<Guid, ProcessDefinition> parsed = new();
    readonly ConcurrentDictionary<string, (WorkflowDefinition Definition, long At)> latest = new(StringComparer.Ordinal);

    /// The versions of `key`, newest first: the one query form of "latest version" (the cached lookup below,
    /// publishing, the designer and drafts take their first row).
    public static IQueryable<WorkflowDefinition> NewestFirst(IQueryable<WorkflowDefinition> definitions, string key) =>
        definitions.Where(d => d.Key == key).OrderByDescending(d => d.Version);

    /// The latest published version of `key` (id, key and version only), or null when none is published.
    public async Task<WorkflowDefinition?> LatestAsync(ServiceFlowDbContext db, string key, CancellationToken ct = default)
    {
        if (latest.TryGetValue(key, out var hit) && Stopwatch.GetElapsedTime(hit.At) < LatestVersionTtl)
            return hit.Definition;
        var found = await NewestFirst(db.WorkflowDefinitions.AsNoTracking(), key).Select(Header).FirstOrDefaultAsync(ct);
        if (found is not null)
            Remember(found, Stopwatch.GetTimestamp());
        return found;
    }

    /// Keeps the newest version seen, unless an entry still fresh already names a newer one.
    void Remember(WorkflowDefinition definition, long at)
    {
        var entry = (new WorkflowDefinition { Id = definition.Id, Key = definition.Key, Version = definition.Version }, at);
        latest.AddOrUpdate(definition.Key, entry,
            (_, old) => old.Definition.Version > definition.Version && Stopwatch.GetElapsedTime(old.At) < LatestVersionTtl ? old : entry);
    }

    public const string LimitCode = "limit";

    public static (BpmnDocument? Document, ValidationReport Report) Validate(string xml)
    {
        BpmnDocument document;
        try
        {
            document = BpmnParser.Parse(xml);
        }
        catch (BpmnParseException ex)
        {
            // "limit": the document exceeds a size or nesting limit; an endpoint refuses it rather than reporting on it.
            var code = ex is BpmnLimitException ? LimitCode : "parse";
            return (null, new ValidationReport(false, [new ValidationIssue(Severity.Error, "document", ex.Line > 0 ? ex.Line : null, code, ex.Message)]));
        }
        return (document, BpmnValidator.Validate(document));
    }

    /// The executable process a document deploys: its only process, or the one marked executable.
    public static ProcessDefinition MainProcess(BpmnDocument document) =>
        document.Processes.FirstOrDefault(p => p.IsExecutable) ?? document.Processes.First();

    /// `pinsOf`: the version whose artifacts (forms, decisions) a rollback pins again; otherwise the newest are pinned.
    public Task<PublishResult> PublishAsync(string xml, string? user, CancellationToken ct = default) => PublishAsync(xml, user, null, ct);

    public async Task<PublishResult> PublishAsync(string xml, string? user, Guid? pinsOf, CancellationToken ct)
    {
        var (document, report) = Validate(xml);
        if (document is null || !report.Executable || document.Processes.IsEmpty)
            throw new WorkflowInvalidException(document is null || document.Processes.IsEmpty ? "?" : MainProcess(document).Id, report);
        var process = MainProcess(document);
        var hash = Hash(xml);
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            var artifacts = scope.ServiceProvider.GetServices<IWorkflowArtifacts>().ToList();
            var missing = new List<ValidationIssue>();
            foreach (var artifact in artifacts)
                missing.AddRange(await artifact.CheckAsync(db, process, ct));
            if (missing.Any(i => i.Severity == Severity.Error))
                throw new WorkflowInvalidException(process.Id, new ValidationReport(false, [.. missing, .. report.Issues]));
            var latest = await NewestFirst(db.WorkflowDefinitions, process.Id).FirstOrDefaultAsync(ct);
            if (latest is not null && latest.ContentHash == hash && await PinsMatchAsync(artifacts, db, latest, process, pinsOf, ct))
                return new PublishResult(latest, Created: false);
            var definition = new WorkflowDefinition
            {
                Id = Guid.CreateVersion7(),
                Key = process.Id,
                Version = (latest?.Version ?? 0) + 1,
                Name = process.Name,
                Xml = xml,
                ContentHash = hash,
                PublishedAt = clock.GetUtcNow(),
                PublishedBy = user,
            };
            db.WorkflowDefinitions.Add(definition);
            foreach (var artifact in artifacts)
                await artifact.PinAsync(db, definition, process, pinsOf, ct);
            var intents = TimerStartScheduler.Add(db, definition, process, definition.PublishedAt, await calendars.SnapshotAsync(ct), dispatcher.Soon);
            try
            {
                await db.SaveChangesAsync(ct);
                parsed[definition.Id] = process;
                Remember(definition, Stopwatch.GetTimestamp());
                await timerStarts.AfterPublishAsync(definition);
                dispatcher.AfterCommit(intents);
                return new PublishResult(definition, Created: true);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 5)
            {
                // Someone published the same key at the same moment; look again.
            }
        }
    }

    static async Task<bool> PinsMatchAsync(List<IWorkflowArtifacts> artifacts, ServiceFlowDbContext db, WorkflowDefinition latest,
        ProcessDefinition process, Guid? pinsOf, CancellationToken ct)
    {
        foreach (var artifact in artifacts)
            if (!await artifact.PinsMatchAsync(db, latest, process, pinsOf, ct))
                return false;
        return true;
    }

    public async Task<ProcessDefinition> GetAsync(Guid definitionId, CancellationToken ct = default)
    {
        if (parsed.TryGetValue(definitionId, out var hit))
            return hit;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var xml = await db.WorkflowDefinitions.Where(d => d.Id == definitionId).Select(d => d.Xml).SingleAsync(ct);
        return parsed.GetOrAdd(definitionId, _ => MainProcess(BpmnParser.Parse(xml)));
    }

    public static string Hash(string xml) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml.ReplaceLineEndings("\n").Trim())));
}
