using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Reports.Targets;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Features.Reports;

/// The organisation's targets, met or missed month by month; administrators and quality supervisors set them.
[Authorize(Policy = ReportPolicies.Reports)]
internal sealed class TargetsModel(ServiceFlowDbContext db, MeasureService measures, SlaCalendars calendars, TimeProvider clock, IStringLocalizer l) : PageModel
{
    public IReadOnlyList<TargetStatus> Status { get; private set; } = [];
    public bool CanEdit => ReportPolicies.EditsTargets(User);
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Status = await TargetsApi.StatusAsync(new ReportRequest(), new ReportContext(db, measures, calendars, clock, User, l), ct);

    /// Percent for rates as people write them ("95"), stored as a fraction like the API's.
    public async Task<IActionResult> OnPostAsync(string measure, string comparison, string value, CancellationToken ct)
    {
        if (!CanEdit)
            return Forbid();
        var m = MeasureCatalog.Find(measure);
        if (m is null || m.Kind == MeasureKind.Distribution || comparison is not (">=" or "<=")
            || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || (m.Kind == MeasureKind.Rate ? number is < 0 or > 100 : number < 0))
        {
            Error = l["Choose a measure, at least or at most, and a number (percent for rates, 0–100)."];
            await OnGetAsync(ct);
            return Page();
        }
        var target = await db.Set<ReportTarget>().SingleOrDefaultAsync(t => t.Measure == m.Key, ct);
        if (target is null)
            db.Add(target = new ReportTarget { Measure = m.Key });
        (target.Comparison, target.Value, target.UpdatedAt, target.UpdatedBy) =
            (comparison, m.Kind == MeasureKind.Rate ? number / 100 : number, clock.GetUtcNow(), User.Identity?.Name);
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string measure, CancellationToken ct)
    {
        if (!CanEdit)
            return Forbid();
        await db.Set<ReportTarget>().Where(t => t.Measure == measure).ExecuteDeleteAsync(ct);
        return RedirectToPage();
    }
}
