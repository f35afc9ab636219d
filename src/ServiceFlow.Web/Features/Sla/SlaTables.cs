using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Sla;

/// The SLA tables, declared by this feature rather than by the context (Data names no feature).
internal static class SlaTables
{
    extension(ServiceFlowDbContext db)
    {
        public DbSet<CalendarRecord> BusinessCalendars => db.Set<CalendarRecord>();
        public DbSet<SlaPolicy> SlaPolicies => db.Set<SlaPolicy>();
        public DbSet<SlaClock> SlaClocks => db.Set<SlaClock>();
        public DbSet<SlaClockSegment> SlaClockSegments => db.Set<SlaClockSegment>();
        public DbSet<SlaTimer> SlaTimers => db.Set<SlaTimer>();
    }
}
