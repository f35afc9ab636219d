using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Knowledge;

[Authorize(Roles = $"{Roles.FrontLine},{Roles.Supervisor},{Roles.TechSupport},{Roles.Admin},{Roles.QualitySupervisor},{Roles.ProcessOwner}")]
internal sealed class EditModel(ServiceFlowDbContext db, TimeProvider clock) : PageModel
{
    public KnowledgeArticle Article { get; private set; } = null!;
    public bool CanPublish => KnowledgeAccess.CanPublish(User);
    public IReadOnlySet<string> ReadableSources { get; private set; } = new HashSet<string>();
    /// Set when the user asked for a draft of a ticket that already had one.
    [BindProperty(SupportsGet = true)] public bool Existing { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.KnowledgeArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) is not { } article)
            return NotFound();
        Article = article;
        ReadableSources = await KnowledgeAccess.ReadableSourcesAsync(db, [article], User, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string title, string body, string status, string? tags, uint rowVersion, CancellationToken ct)
    {
        try
        {
            await KnowledgeDrafts.UpdateAsync(db, id, new KnowledgeUpdate(title, body, status, tags, rowVersion), User, clock, ct);
            return Redirect($"/knowledge/{id}");
        }
        catch (RuntimeProblem problem)
        {
            Error = HttpContext.Localize(problem);
            db.ChangeTracker.Clear();
            var result = await OnGetAsync(id, ct);
            // Keep what the person typed; the version stays the stale one so they must reload to overwrite.
            if (Article is not null)
                (Article.Title, Article.Body, Article.Tags) = (title, body, tags);
            return result;
        }
    }
}
