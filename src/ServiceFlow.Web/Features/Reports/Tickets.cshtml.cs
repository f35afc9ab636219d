using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports;

/// The tickets behind a figure (every tile, bar, point and cell links here), with the figure worked out from
/// the list itself and the same list as CSV and XLSX. Any signed-in user; outside the report roles, their own tickets.
internal sealed class TicketsModel(ServiceFlowDbContext db, MeasureService measures, SlaCalendars calendars, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Measure { get; set; }
    public DrillDownList? List { get; private set; }
    public Measure? Definition { get; private set; }
    public ReportScope? Scope { get; private set; }
    public string Query { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] ReportRequest request, CancellationToken ct)
    {
        try
        {
            Definition = MeasureCatalog.Find(Measure ?? "volume") ?? throw RuntimeProblem.BadRequest($"measure '{Measure}' is not known.");
            Scope = ReportPolicies.Scope(request, User, calendars, clock);
            List = await DrillDown.ListAsync(db, measures, Scope, Definition, Scope.Mine is not null || TicketAccess.SeesAll(User), DrillDown.PageLimit, ct);
            Query = ReportLinks.Query(Scope, ("measure", Definition.Key));
        }
        catch (RuntimeProblem problem)
        {
            Error = problem.Message;
            Response.StatusCode = problem.Status;
        }
        return Page();
    }

    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Scope!.Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
