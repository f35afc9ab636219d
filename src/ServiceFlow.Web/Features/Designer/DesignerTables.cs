using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Designer;

/// The designer's drafts table, declared by this feature rather than by the context (Data names no feature).
internal static class DesignerTables
{
    extension(ServiceFlowDbContext db)
    {
        public DbSet<WorkflowDraft> WorkflowDrafts => db.Set<WorkflowDraft>();
    }
}
