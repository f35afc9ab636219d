using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Decisions;

/// The dmn-js decision table editor for one DMN document. The page hands over the key; loading, saving and
/// publishing go through /api/decisions, which validates every save.
[Authorize(Policy = Policies.ProcessOwner)]
internal sealed class DecisionDesignModel(ServiceFlowDbContext db, IAntiforgery antiforgery) : PageModel
{
    public string Key { get; private set; } = "";
    public string RequestToken { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (DecisionKeys.Check(key) is not null
            || !(await DecisionStore.Drafts(db).AnyAsync(d => d.Key == key, ct) || await DecisionStore.Versions(db).AnyAsync(v => v.Key == key, ct)))
            return NotFound();
        Key = key;
        RequestToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        return Page();
    }
}
