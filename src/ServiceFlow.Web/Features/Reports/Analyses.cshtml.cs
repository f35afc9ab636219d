using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Analyses;
using ServiceFlow.Web.Features.Reports.Measures;

namespace ServiceFlow.Web.Features.Reports;

/// The periodic analyses (list) and one analysis as a document: its frozen figures, conclusions, proposals, the review
/// and the actions decided. Quality supervisors, management (supervisors), auditors and administrators.
[Authorize(Policy = ReportPolicies.Analyses)]
internal sealed class AnalysesModel(ServiceFlowDbContext db, Sla.SlaCalendars calendars) : PageModel
{
    [FromRoute] public Guid? Id { get; set; }

    public IReadOnlyList<PeriodAnalysis> List { get; private set; } = [];
    public PeriodAnalysis? Analysis { get; private set; }
    public AnalysisFigures? Figures { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not { } id)
        {
            List = await db.Set<PeriodAnalysis>().AsNoTracking().OrderByDescending(a => a.PeriodFrom).ThenBy(a => a.Kind).Take(200).ToListAsync(ct);
            return Page();
        }
        Analysis = await db.Set<PeriodAnalysis>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (Analysis is null)
            return NotFound();
        Figures = AnalysisFigures.FromJson(Analysis.Figures);
        return Page();
    }

    public string Local(DateTimeOffset? at) => at is { } a
        ? TimeZoneInfo.ConvertTime(a, calendars.Get("default").TimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        : "—";

    public static string StateText(AnalysisState state) => state switch
    {
        AnalysisState.InAnalysis => "With quality",
        AnalysisState.InReview => "In management review",
        _ => "Approved",
    };

    /// The frozen breakdowns in the order the document shows them; by customer type only in analyses frozen since the record has one.
    public static IEnumerable<(string Title, string By, MeasureReport Report)> Breakdowns(AnalysisFigures f)
    {
        yield return ("By service type", "serviceType", f.ByServiceType);
        yield return ("By priority", "priority", f.ByPriority);
        yield return ("By channel", "channel", f.ByChannel);
        yield return ("By group", "group", f.ByGroup);
        if (f.ByCustomerType is { } byCustomerType)
            yield return ("By customer type", "customerType", byCustomerType);
    }

    public static string KindText(string kind) => kind == "quarter" ? "Quarter" : "Month";

    public static string Show(string key, MeasureValue? value) =>
        MeasureCatalog.Find(key) is { } m ? MeasureText.Display(m, value?.Value) : "—";

    /// The change from the period before, as the figure reads: percentage points for rates, hours, score or count,
    /// with the unit in the reader's language.
    public static string Change(Microsoft.Extensions.Localization.IStringLocalizer l, string key, MeasureValue? now, MeasureValue? before)
    {
        if (MeasureCatalog.Find(key) is not { } m || MeasureText.Rounded(m, now?.Value) is not { } a || MeasureText.Rounded(m, before?.Value) is not { } b)
            return "—";
        var d = a - b;
        var text = d.ToString(m.Kind == MeasureKind.Average ? "+0.00;-0.00;0.00" : m.Kind == MeasureKind.Count ? "+#,0;-#,0;0" : "+0.0;-0.0;0.0",
            System.Globalization.CultureInfo.InvariantCulture);
        return m.Kind switch { MeasureKind.Rate => l["{0} pp", text], MeasureKind.Duration => l["{0} h", text], _ => text };
    }
}
