using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Imports;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Reports.Pages;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports;

/// The dashboards, one per role (docs/reports.md): the desk (supervisors: today's queue and breaches), quality
/// (compliance, satisfaction, complaints, Pareto) and management (the month). Tiles are rendered here, with their
/// drill-down links; charts are drawn by reports.js from the API URLs in their data- attributes.
[Authorize(Policy = ReportPolicies.Reports)]
internal sealed class IndexModel(ServiceFlowDbContext db, MeasureService measures, SlaCalendars calendars, TimeProvider clock, IStringLocalizer l) : PageModel
{
    public static readonly string[] Views = ["desk", "quality", "management"];

    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    /// yyyy-MM: the month of the quality and management views.
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }

    public DateOnly MonthStart { get; private set; }
    public ReportScope Scope { get; private set; } = null!;
    /// The twelve months ending with the chosen one (trends, Pareto).
    public ReportScope Year { get; private set; } = null!;
    public List<Tile> Tiles { get; private set; } = [];
    public List<(string Id, string Label)> Sources { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = Views.Contains(View) ? View : DefaultView();
        var zone = calendars.Get("default").TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        MonthStart = Month is not null && DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            ? m : new DateOnly(today.Year, today.Month, 1);
        Month = MonthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        try
        {
            ReportScope Parse(DateOnly from, DateOnly to) =>
                ReportScope.Parse(new ReportRequest { From = ReportLinks.Day(from), To = ReportLinks.Day(to), Source = Source }, zone, clock.GetUtcNow(), mine: null);
            Scope = View == "desk" ? Parse(today, today.AddDays(1)) : Parse(MonthStart, MonthStart.AddMonths(1));
            Year = Parse(MonthStart.AddMonths(-11), MonthStart.AddMonths(1));
        }
        catch (RuntimeProblem problem)
        {
            Error = problem.Message;
            return Page();
        }
        Tiles = await TileBuilder.BuildAsync(db, measures, Scope, Dashboards.Of(View!), l, ct);
        Sources = [("desk", l["The desk"]), .. (await db.Set<ReportImport>().AsNoTracking().Where(i => i.State == ImportState.Succeeded)
            .OrderByDescending(i => i.CreatedAt).Take(20).ToListAsync(ct)).Select(i => (i.Id.ToString(), $"{l["Import"]}: {i.FileName} ({i.CreatedAt:yyyy-MM-dd})"))];
        return Page();
    }

    string DefaultView() =>
        User.IsInRole(Roles.Supervisor) ? "desk" : User.IsInRole(Roles.QualitySupervisor) || User.IsInRole(Roles.Auditor) ? "quality" : "management";

    public string Labels(params string[] keys) => ReportLinks.Labels(l, keys);
}
