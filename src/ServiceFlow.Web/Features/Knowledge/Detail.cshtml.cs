using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Knowledge;

internal sealed class DetailModel(ServiceFlowDbContext db, TimeProvider clock, ILogger<DetailModel> logger) : PageModel
{
    public KnowledgeArticle Article { get; private set; } = null!;
    public bool CanEdit => KnowledgeAccess.CanEdit(User);
    public IReadOnlySet<string> ReadableSources { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.KnowledgeArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) is not { } article)
            return NotFound();
        Article = article;
        await KnowledgeCounting.VisitAsync(db, id, User.Identity?.Name, clock, logger, ct);
        ReadableSources = await KnowledgeAccess.ReadableSourcesAsync(db, [article], User, ct);
        return Page();
    }
}
