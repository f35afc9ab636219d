using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Surveys;

/// The survey table, declared by this feature rather than by the context (Data names no feature).
internal static class SurveyTables
{
    extension(ServiceFlowDbContext db)
    {
        public DbSet<Survey> Surveys => db.Set<Survey>();
    }
}
