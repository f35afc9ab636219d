using System.Globalization;
using System.Text.Json;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;

namespace ServiceFlow.Web.Features.Reports.Analyses;

/// What seed 000 §5.3 asks a periodic analysis to hold, computed by the same code as the report pages and API
/// (MeasureService, Breakdowns), so a figure in the analysis equals GET /api/reports/measures for its period:
/// the key measures this period and the one before (the comparison), volume by service type, priority, channel,
/// group and customer type (types and distribution), the causes this period and the one before (their trend) and the Pareto of causes
/// and of service objects.
internal sealed record AnalysisFigures(
    MeasureReport Current, MeasureReport Previous,
    MeasureReport ByServiceType, MeasureReport ByPriority, MeasureReport ByChannel, MeasureReport ByGroup,
    MeasureReport Causes, MeasureReport CausesBefore, Pareto ParetoOfCauses, Pareto ParetoOfServiceObjects,
    MeasureReport? ByCustomerType = null) // null in analyses frozen before the record had a customer type
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// The measures of the analysis, in the order the document shows them.
    public static readonly IReadOnlyList<string> Keys =
    [
        "volume", "resolved", "resolutionRate", "handlingTime", "handlingTimeBusiness", "firstResponse", "firstContactRate",
        "sla.response", "sla.resolution", "sla.update", "satisfaction", "satisfaction.responseRate", "complaintRate", "reopenRate",
        "escalation.tier2", "escalation.vendor", "lateRecordingRate", "recordAccuracy",
    ];

    /// What each breakdown counts: how many, how many resolved, and resolution on time.
    public static readonly IReadOnlyList<string> BreakdownKeys = ["volume", "resolved", "sla.resolution"];

    public static async Task<AnalysisFigures> ComputeAsync(ServiceFlowDbContext db, MeasureService engine, DateOnly from, DateOnly to, DateOnly previousFrom,
        TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        var scope = Scope(from, to, zone, now);
        var before = Scope(previousFrom, from, zone, now);
        var measures = Keys.Select(k => MeasureCatalog.Find(k)!).ToList();
        var breakdown = BreakdownKeys.Select(k => MeasureCatalog.Find(k)!).ToList();
        var volume = new List<Measure> { MeasureCatalog.Find("volume")! };
        return new AnalysisFigures(
            await engine.ComputeAsync(db, scope, measures, ct),
            await engine.ComputeAsync(db, before, measures, ct),
            await engine.ComputeAsync(db, scope with { GroupBy = "serviceType" }, breakdown, ct),
            await engine.ComputeAsync(db, scope with { GroupBy = "priority" }, breakdown, ct),
            await engine.ComputeAsync(db, scope with { GroupBy = "channel" }, breakdown, ct),
            await engine.ComputeAsync(db, scope with { GroupBy = "group" }, breakdown, ct),
            await engine.ComputeAsync(db, scope with { GroupBy = "cause" }, volume, ct),
            await engine.ComputeAsync(db, before with { GroupBy = "cause" }, volume, ct),
            await Breakdowns.ParetoAsync(db, engine, scope, "cause", ct),
            await Breakdowns.ParetoAsync(db, engine, scope, "serviceObject", ct),
            await engine.ComputeAsync(db, scope with { GroupBy = "customerType" }, breakdown, ct));
    }

    static ReportScope Scope(DateOnly from, DateOnly to, TimeZoneInfo zone, DateTimeOffset now) =>
        ReportScope.Parse(new ReportRequest { From = Day(from), To = Day(to) }, zone, now, mine: null);

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// Null when the row holds no figures (only a row written by hand lacks them).
    public static AnalysisFigures? FromJson(string json) =>
        JsonSerializer.Deserialize<AnalysisFigures>(json, Json) is { Current: not null, Previous: not null, ParetoOfCauses: not null } f ? f : null;
}
