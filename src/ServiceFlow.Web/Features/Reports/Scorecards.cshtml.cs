using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Reports.Scorecards;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports;

/// Scorecards for a month: by handler, department or group for the report readers; a person's own row for everyone
/// else. Every figure drills down to its tickets; the table exports as CSV and XLSX.
internal sealed class ScorecardsModel(ServiceFlowDbContext db, MeasureService measures, SlaCalendars calendars, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? By { get; set; }
    /// yyyy-MM; default the current month.
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public ReportScope? Scope { get; private set; }
    public ScorecardReport? Card { get; private set; }
    public string Query { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        By = Scorecard.By.Contains(By) ? By : "handler";
        var request = new ReportRequest();
        if (Month is not null && DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            (request.From, request.To) = (ReportLinks.Day(first), ReportLinks.Day(first.AddMonths(1)));
        try
        {
            Scope = Scorecard.Scope(request, By, User, calendars, clock);
            Month = Scorecard.Month(Scope.FromDate);
            Card = await Scorecard.ComputeAsync(db, measures, Scope, ct);
            Query = ReportLinks.Query(Scope with { Filters = new Dictionary<string, string[]>() }, ("by", By));
        }
        catch (RuntimeProblem problem)
        {
            Error = problem.Message;
            Response.StatusCode = problem.Status;
        }
        return Page();
    }

    /// The tickets behind one cell: its handler, department or group added to the filter.
    public string Cell(ScorecardRow row, string measure) => row.Key == "total"
        ? ReportLinks.Drill(Scope! with { GroupBy = null }, measure)
        : ReportLinks.Drill(Scope! with { GroupBy = null, Filters = Without(Scope!.Filters, By!) }, measure, (By!, row.Key.Length == 0 ? ReportScope.NoValue : row.Key));

    // A person's own card is filtered to them as handler already; the cell adds the same filter once.
    static Dictionary<string, string[]> Without(IReadOnlyDictionary<string, string[]> filters, string by) =>
        filters.Where(f => f.Key != ReportScope.Dimensions[by]).ToDictionary(f => f.Key, f => f.Value);
}
