using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Knowledge;

/// The knowledge base's tables, declared by this feature rather than by the context (Data names no feature).
internal static class KnowledgeTables
{
    extension(ServiceFlowDbContext db)
    {
        public DbSet<KnowledgeArticle> KnowledgeArticles => db.Set<KnowledgeArticle>();
    }
}

/// Article numbers come from a sequence of their own (KnowledgeDrafts).
internal sealed class KnowledgeNumbers : IModelPart
{
    public void Apply(ModelBuilder builder) => builder.HasSequence<long>("knowledge_numbers", ServiceFlowDbContext.Schema);
}
