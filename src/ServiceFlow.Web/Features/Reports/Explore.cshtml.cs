using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports;

/// Any measures over any period, grouped by a period or a dimension, filtered: the table (each cell drills down),
/// its chart and its exports. The same query string as GET /api/reports/measures.
[Authorize(Policy = ReportPolicies.Reports)]
internal sealed class ExploreModel(ServiceFlowDbContext db, MeasureService measures, SlaCalendars calendars, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Tickets.TicketOptions> tickets) : PageModel
{
    /// The customer types the record offers, for the filter (facts keep the code as recorded).
    public IReadOnlyList<string> CustomerTypes => tickets.Value.CustomerTypeList;
    public ReportRequest Asked { get; private set; } = new();
    public ReportScope? Scope { get; private set; }
    public MeasureReport? Report { get; private set; }
    public string Query { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] ReportRequest request, CancellationToken ct)
    {
        request.GroupBy ??= "month";
        Asked = request;
        try
        {
            Scope = ReportPolicies.Scope(request, User, calendars, clock);
            var list = ReportsApi.ParseMeasures(request.Measures);
            Report = await measures.ComputeAsync(db, Scope, list, ct);
            Query = ReportLinks.Query(Scope, ("groupBy", Scope.GroupBy), ("measures", string.Join(",", list.Select(m => m.Key))));
        }
        catch (RuntimeProblem problem)
        {
            Error = problem.Message;
            Response.StatusCode = problem.Status;
        }
        return Page();
    }

    /// The drill-down of one cell: its period, or its dimension value, added to the page's filter.
    public string Cell(MeasureRow row, string measure)
    {
        var scope = Scope!;
        if (row.From is not null)
            return ReportLinks.Drill(scope with
            {
                FromDate = DateOnly.Parse(row.From, System.Globalization.CultureInfo.InvariantCulture),
                ToDate = DateOnly.Parse(row.To!, System.Globalization.CultureInfo.InvariantCulture)
            }, measure);
        if (row.Key == "total" || scope.GroupBy is null)
            return ReportLinks.Drill(scope, measure);
        return ReportLinks.Drill(scope, measure, (scope.GroupBy, row.Key.Length == 0 ? ReportScope.NoValue : row.Key));
    }

    /// A row's label: a period as the chart writes it (a day or week by its date, longer periods by their first
    /// month, "2026-01"), any other grouping by its name in the page's language.
    public string PeriodOrName(string key, IReadOnlyDictionary<string, string> names) =>
        Scope?.GroupBy is { } by && ReportScope.Periods.Contains(by) && key.Length == 10
            ? (by is "day" or "week" ? key : key[..7])
            : names.GetValueOrDefault(key, key);
}
