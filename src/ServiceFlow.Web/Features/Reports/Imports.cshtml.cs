using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Imports;

namespace ServiceFlow.Web.Features.Reports;

/// Import history: upload an event log with a progress bar (reports.js posts to /api/imports and follows it), and the imports so far.
[Authorize(Policy = ReportPolicies.Reports)]
internal sealed class ImportsModel(ServiceFlowDbContext db, IAntiforgery antiforgery, Sla.SlaCalendars calendars) : PageModel
{
    public IReadOnlyList<ReportImport> Imports { get; private set; } = [];
    public bool CanImport { get; private set; }
    public string Token { get; private set; } = "";

    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, calendars.Get("default").TimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ImportRecovery.FailInterruptedAsync(HttpContext.RequestServices, ct);
        Imports = await db.Set<ReportImport>().AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(50).ToListAsync(ct);
        CanImport = ReportPolicies.RunsImports(User);
        Token = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
    }
}
