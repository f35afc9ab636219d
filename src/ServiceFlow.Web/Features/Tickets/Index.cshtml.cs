using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Tickets;

internal sealed class IndexModel(ServiceFlowDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public IReadOnlyList<Ticket> Tickets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = TicketAccess.Visible(db.Tickets.AsNoTracking(), User);
        if (Enum.TryParse<TicketStatus>(Status, out var s))
            query = query.Where(t => t.Status == s);
        if (!string.IsNullOrWhiteSpace(Q))
            query = query.Where(t => t.Number == Q.Trim() || EF.Functions.ILike(t.Title, $"%{Q.Trim()}%"));
        Tickets = await query.OrderByDescending(t => t.RecordedAt).Take(200).ToListAsync(ct);
    }
}
