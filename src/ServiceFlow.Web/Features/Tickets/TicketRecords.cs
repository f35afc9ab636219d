using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Tickets as the business records of their instances (the lifecycle and the callback survey carry the
/// ticket number as business key): an instance, its journal and its incidents are as visible as the ticket.
internal sealed class TicketRecords : IBusinessRecords
{
    public async Task<RecordVisibility> FindAsync(ServiceFlowDbContext db, string businessKey, ClaimsPrincipal user, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Number == businessKey, ct);
        return ticket is null ? RecordVisibility.NoRecord : TicketAccess.CanRead(ticket, user) ? RecordVisibility.Visible : RecordVisibility.Hidden;
    }

    public IQueryable<string> VisibleKeys(ServiceFlowDbContext db, ClaimsPrincipal user) =>
        TicketAccess.Visible(db.Tickets.AsNoTracking(), user).Select(t => t.Number);
}
