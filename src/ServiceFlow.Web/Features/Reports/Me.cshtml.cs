using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Reports.Pages;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Features.Reports;

/// Everyone's own scorecard: this month's figures over the tickets they recorded or handle, and the year's trend.
internal sealed class MeModel(ServiceFlowDbContext db, MeasureService measures, SlaCalendars calendars, TimeProvider clock, IStringLocalizer l) : PageModel
{
    public ReportScope Scope { get; private set; } = null!;
    public ReportScope Year { get; private set; } = null!;
    public List<Tile> Tiles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var zone = calendars.Get("default").TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var month = new DateOnly(today.Year, today.Month, 1);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var me = User.Identity?.Name ?? "";
        Scope = ReportScope.Parse(new ReportRequest { From = Day(month), To = Day(month.AddMonths(1)) }, zone, clock.GetUtcNow(), me);
        Year = ReportScope.Parse(new ReportRequest { From = Day(month.AddMonths(-11)), To = Day(month.AddMonths(1)) }, zone, clock.GetUtcNow(), me);
        Tiles = await TileBuilder.BuildAsync(db, measures, Scope, Dashboards.Me, l, ct);
    }
}
