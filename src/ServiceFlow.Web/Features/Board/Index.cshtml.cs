using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Board;

/// A supervisor's team board: open work per person, the people with overdue work first.
[Authorize(Policy = Policies.Operator)]
internal sealed class IndexModel(ServiceFlowDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(string? Assignee, int Open, int Overdue, DateTimeOffset Oldest);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.UserTasks.AsNoTracking().Where(t => t.Status == UserTaskStatus.Open)
            .GroupBy(t => t.Assignee)
            .Select(g => new Row(g.Key, g.Count(), g.Count(t => t.DueAt != null && t.DueAt < now), g.Min(t => t.CreatedAt)))
            .ToListAsync(ct);
        Rows = rows.OrderByDescending(r => r.Overdue).ThenByDescending(r => r.Open).ToList();
    }
}
