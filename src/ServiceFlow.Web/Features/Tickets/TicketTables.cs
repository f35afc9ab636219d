using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Tickets;

/// The ticket tables, declared by this feature rather than by the context (Data names no feature):
/// `db.Tickets` and `db.TicketEntries` read as they would as context properties.
internal static class TicketTables
{
    extension(ServiceFlowDbContext db)
    {
        public DbSet<Ticket> Tickets => db.Set<Ticket>();
        public DbSet<TicketEntry> TicketEntries => db.Set<TicketEntry>();
    }
}

/// Ticket numbers come from a sequence of their own (TicketService).
internal sealed class TicketNumbers : IModelPart
{
    public void Apply(ModelBuilder builder) => builder.HasSequence<long>("ticket_numbers", ServiceFlowDbContext.Schema);
}
