using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Decisions;

/// Every DMN document: its published version, whether a draft waits, and the decisions it declares.
[Authorize(Policy = Policies.ProcessOwner)]
internal sealed class DecisionListModel(ServiceFlowDbContext db) : PageModel
{
    public sealed record Row(string Key, string? Name, int? PublishedVersion, DateTimeOffset? PublishedAt, string? PublishedBy, IReadOnlyList<string> DecisionIds,
        DateTimeOffset? DraftAt, string? DraftBy);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var latest = await DecisionStore.AllLatestAsync(db, ct);
        var drafts = await DecisionStore.Drafts(db).AsNoTracking().Select(d => new { d.Key, d.UpdatedAt, d.UpdatedBy }).ToListAsync(ct);
        Rows = latest.Select(v => v.Key).Union(drafts.Select(d => d.Key)).Order(StringComparer.Ordinal).Select(key =>
        {
            var v = latest.SingleOrDefault(l => l.Key == key);
            var d = drafts.SingleOrDefault(x => x.Key == key);
            return new Row(key, v?.Name, v?.Version, v?.PublishedAt, v?.PublishedBy, v?.DecisionIds ?? [], d?.UpdatedAt, d?.UpdatedBy);
        }).ToList();
    }
}
