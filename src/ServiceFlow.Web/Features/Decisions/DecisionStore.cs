using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Decisions;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Decisions;

/// Published DMN versions: the shipped ones from decisions/*.dmn (the file name is the key), the designer's
/// drafts once published. A parsed version is cached by key and version (a published version never changes).
internal sealed class DecisionStore(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<DecisionStore> log)
{
    /// The published versions: artifacts of kind "decision".
    public static IQueryable<Artifact> Versions(ServiceFlowDbContext db) =>
        db.Artifacts.AsNoTracking().Where(a => a.Kind == ArtifactKinds.Decision);

    /// The drafts, tracked (the callers change them).
    public static IQueryable<ArtifactDraft> Drafts(ServiceFlowDbContext db) =>
        db.ArtifactDrafts.Where(d => d.Kind == ArtifactKinds.Decision);

    /// Parses (no DTDs, size and depth limits) and validates; a file that cannot be read is one error with its line.
    public static (DmnDocument? Document, ValidationReport Report) Validate(string xml)
    {
        try
        {
            var document = DmnParser.Parse(xml);
            return (document, DmnValidator.Validate(document));
        }
        catch (DmnParseException ex)
        {
            return (null, new ValidationReport(false, [new ValidationIssue(Severity.Error, "document", ex.Line > 0 ? ex.Line : null, "parse", ex.Message)]));
        }
    }

    public static async Task<DecisionVersion?> LatestAsync(ServiceFlowDbContext db, string key, CancellationToken ct) =>
        await Versions(db).Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct) is { } row ? DecisionVersion.Of(row) : null;

    /// The latest version of every key, by key.
    public static async Task<List<DecisionVersion>> AllLatestAsync(ServiceFlowDbContext db, CancellationToken ct) =>
        (await Versions(db).GroupBy(d => d.Key).Select(g => g.OrderByDescending(d => d.Version).First()).ToListAsync(ct))
            .OrderBy(d => d.Key, StringComparer.Ordinal).Select(DecisionVersion.Of).ToList();

    /// Problems that stop `document` being published as `key`: its own validation errors, and a decision id
    /// that another key's latest version already declares (a business rule task must find one decision).
    public static async Task<List<ValidationIssue>> ProblemsAsync(ServiceFlowDbContext db, string key, DmnDocument document, ValidationReport report, CancellationToken ct)
    {
        var problems = report.Issues.Where(i => i.Severity == Severity.Error).ToList();
        foreach (var other in await AllLatestAsync(db, ct))
        {
            if (other.Key == key)
                continue;
            foreach (var decision in document.Decisions.Where(d => other.DecisionIds.Contains(d.Id)))
                problems.Add(new ValidationIssue(Severity.Error, decision.Id, decision.Line, "duplicate-decision",
                    $"Decision '{decision.Id}' is already declared by '{other.Key}' (version {other.Version}); give it another id, or edit it there."));
        }
        return problems;
    }

    /// Adds `xml` as the next version of `key` unless the latest version holds the same; the caller saves.
    public async Task<(DecisionVersion Version, bool Created)> AddVersionAsync(ServiceFlowDbContext db, string key, string xml, DmnDocument document,
        string? user, CancellationToken ct)
    {
        var hash = DefinitionStore.Hash(xml);
        var latest = await LatestAsync(db, key, ct);
        if (latest is not null && latest.Row.ContentHash == hash)
            return (latest, false);
        var row = new Artifact
        {
            Kind = ArtifactKinds.Decision,
            Key = key,
            Version = (latest?.Version ?? 0) + 1,
            Content = xml,
            ContentHash = hash,
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = user,
        };
        db.Artifacts.Add(row);
        return (new DecisionVersion(row, document), true);
    }

    /// decisions/*.dmn at start, before the workflows that use them: a changed file becomes a new version (an
    /// unchanged one does not, even when process owners published other versions since); an invalid one stops
    /// the start with its name and problems.
    public async Task DeployShippedAsync(CancellationToken ct)
    {
        var folder = configuration["ServiceFlow:DecisionsFolder"] is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "decisions");
        if (!Directory.Exists(folder))
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        foreach (var file in Directory.GetFiles(folder, "*.dmn").Order(StringComparer.Ordinal))
        {
            var key = Path.GetFileNameWithoutExtension(file);
            var xml = await File.ReadAllTextAsync(file, ct);
            var (document, report) = Validate(xml);
            var problems = document is null ? [.. report.Issues] : await ProblemsAsync(db, key, document, report, ct);
            if (DecisionKeys.Check(key) is { } badKey)
                problems.Add(new ValidationIssue(Severity.Error, "document", null, "key", badKey));
            if (problems.Count > 0)
                throw new InvalidOperationException($"The shipped decisions {file} cannot be deployed: "
                    + string.Join("; ", problems.Select(p => p.Line is { } line ? $"{p.ElementId} (line {line}): {p.Message}" : $"{p.ElementId}: {p.Message}")));
            // A file deployed before (any version) is not deployed again: what process owners published since stands.
            var hash = DefinitionStore.Hash(xml);
            if (await Versions(db).AnyAsync(v => v.Key == key && v.ContentHash == hash, ct))
                continue;
            var (version, _) = await AddVersionAsync(db, key, xml, document!, "system", ct);
            log.LogInformation("Deployed decisions {File} as {Key} version {Version}", Path.GetFileName(file), key, version.Version);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (!ct.IsCancellationRequested)
            {
                // Another node deployed the same file at the same moment; its version stands.
                db.ChangeTracker.Clear();
            }
        }
    }
}
