using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Tickets;

/// The titles of a page's tickets, for lists of tasks (inbox, home): one query, and only of tickets the
/// user may read, so a task never shows more of a record than its ticket page would.
internal static class TicketTitles
{
    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(ServiceFlowDbContext db, IReadOnlyCollection<string> numbers,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (numbers.Count == 0)
            return new Dictionary<string, string>();
        return await TicketAccess.Visible(db.Tickets.AsNoTracking(), user).Where(t => numbers.Contains(t.Number))
            .ToDictionaryAsync(t => t.Number, t => t.Title, ct);
    }
}
