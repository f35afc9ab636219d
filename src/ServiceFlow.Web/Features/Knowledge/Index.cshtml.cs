using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Knowledge;

internal sealed class IndexModel(ServiceFlowDbContext db, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public IReadOnlyList<KnowledgeArticle> Articles { get; private set; } = [];
    public IReadOnlySet<string> ReadableSources { get; private set; } = new HashSet<string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Articles = await KnowledgeApi.Search(db, Q, Status).Take(200).ToListAsync(ct);
        await KnowledgeCounting.SearchAsync(db, Q, Articles.Count, User.Identity?.Name, clock, logger, ct);
        ReadableSources = await KnowledgeAccess.ReadableSourcesAsync(db, Articles, User, ct);
    }
}
