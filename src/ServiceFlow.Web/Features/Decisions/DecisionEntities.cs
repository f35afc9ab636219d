using System.Collections.Concurrent;
using ServiceFlow.Engine.Decisions;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Decisions;

/// One published version of a DMN document (decisions/<key>.dmn or the designer's draft), read from the
/// artifact store (kind "decision") with its parsed document: the name and the decision ids a business rule
/// task names in decisionRef come from the XML, so they cannot disagree with it.
internal sealed record DecisionVersion(Artifact Row, DmnDocument Document)
{
    /// Parsed documents by content hash: a published version never changes, and the hash (not key and
    /// version) stays right when several hosts with their own databases share one process, as the tests do.
    static readonly ConcurrentDictionary<string, DmnDocument> Parsed = new(StringComparer.Ordinal);

    public string Key => Row.Key;
    public int Version => Row.Version;
    public string Xml => Row.Content;
    public DateTimeOffset PublishedAt => Row.PublishedAt;
    public string? PublishedBy => Row.PublishedBy;
    public string? Name => Shorten(Document.Name ?? Document.Decisions.FirstOrDefault()?.Name);
    public IReadOnlyList<string> DecisionIds { get; } = [.. Document.Decisions.Select(d => d.Id)];

    public static DecisionVersion Of(Artifact row) =>
        new(row, Parsed.GetOrAdd(row.ContentHash, _ => DmnParser.Parse(row.Content)));

    static string? Shorten(string? name) => name is { Length: > 200 } ? name[..200] : name;
}
