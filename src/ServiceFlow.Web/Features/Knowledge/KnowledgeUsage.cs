using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceFlow.Web.Features.Knowledge;

public enum KnowledgeUsageKind { Visit, Search }

/// One use of the knowledge base: an article opened or a search run (seed 001 §5.1: visits, searches),
/// counted by the reports. A search keeps its text and how many articles it found.
public sealed class KnowledgeUsage
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public KnowledgeUsageKind Kind { get; set; }
    public Guid? ArticleId { get; set; }
    public string? Query { get; set; }
    public int? Results { get; set; }
    public string? UserName { get; set; }
}

internal sealed class KnowledgeUsageConfiguration : IEntityTypeConfiguration<KnowledgeUsage>
{
    public void Configure(EntityTypeBuilder<KnowledgeUsage> e)
    {
        e.ToTable("knowledge_usage");
        e.Property(u => u.Kind).HasConversion<string>().HasMaxLength(10);
        e.Property(u => u.Query).HasMaxLength(200);
        e.HasIndex(u => new { u.Kind, u.At });
    }
}

/// Records visits and searches. A failure to count must never cost the reader the page, so it is logged and dropped.
internal static class KnowledgeCounting
{
    public static async Task VisitAsync(Data.ServiceFlowDbContext db, Guid articleId, string? user, TimeProvider clock, ILogger logger, CancellationToken ct) =>
        await AddAsync(db, new KnowledgeUsage { At = clock.GetUtcNow(), Kind = KnowledgeUsageKind.Visit, ArticleId = articleId, UserName = user }, logger, ct);

    public static async Task SearchAsync(Data.ServiceFlowDbContext db, string? query, int results, string? user, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query))
            return; // the plain list is browsing, not a search
        var text = query.Trim();
        await AddAsync(db, new KnowledgeUsage
        {
            At = clock.GetUtcNow(),
            Kind = KnowledgeUsageKind.Search,
            Query = text.Length > 200 ? text[..200] : text,
            Results = results,
            UserName = user,
        }, logger, ct);
    }

    static async Task AddAsync(Data.ServiceFlowDbContext db, KnowledgeUsage usage, ILogger logger, CancellationToken ct)
    {
        try
        {
            db.Add(usage);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or Npgsql.NpgsqlException)
        {
            logger.LogWarning(ex, "Could not count a knowledge {Kind}", usage.Kind);
            db.Entry(usage).State = EntityState.Detached;
        }
    }
}
