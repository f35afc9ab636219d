using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ServiceFlow.Web.Features.Reports.Measures;

/// How a figure reads to a person, in the pages and the exports alike (so a file holds the number the page
/// showed): rates as percent with one decimal, hours with one decimal, scores with two; labels in English,
/// translated through Localization/zh-CN.json.
public static class MeasureText
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["volume"] = "Tickets recorded",
        ["resolved"] = "Tickets resolved",
        ["open"] = "Open now",
        ["breachedNow"] = "Past due now",
        ["resolutionRate"] = "Resolution rate",
        ["handlingTime"] = "Handling time, discovery to resolved (h)",
        ["handlingTimeBusiness"] = "Handling time, discovery to resolved (business h)",
        ["recordedToResolved"] = "Handling time, recorded to resolved (h)",
        ["recordedToResolvedBusiness"] = "Handling time, recorded to resolved (business h)",
        ["firstResponse"] = "First response time (h)",
        ["firstResponseBusiness"] = "First response time (business h)",
        ["firstContactRate"] = "First-contact resolution rate",
        ["sla.response"] = "SLA compliance: first response",
        ["sla.resolution"] = "SLA compliance: resolution",
        ["sla.update"] = "SLA compliance: progress updates",
        ["satisfaction"] = "Satisfaction (1–5)",
        ["satisfaction.distribution"] = "Satisfaction answers by score",
        ["satisfaction.responseRate"] = "Survey response rate",
        ["satisfaction.low"] = "Low survey scores (1–2)",
        ["complaintRate"] = "Complaint rate",
        ["reopenRate"] = "Reopen rate",
        ["reassignmentRate"] = "Reassignment rate",
        ["escalation.tier2"] = "Escalation rate: tier 2",
        ["escalation.vendor"] = "Escalation rate: vendor",
        ["lateRecordingRate"] = "Late recording rate",
        ["recordAccuracy"] = "Record accuracy",
        ["knowledge.visits"] = "Knowledge visits",
        ["knowledge.searches"] = "Knowledge searches",
        ["knowledge.searchesWithoutResult"] = "Searches without result",
        ["knowledge.newArticles"] = "New knowledge articles",
    };

    public static string Label(IStringLocalizer l, string key) => l[Labels.GetValueOrDefault(key, key)];

    /// The figure rounded as shown: percent for rates, else the unit's own.
    public static double? Rounded(Measure m, double? value) => value is not { } v ? null : m.Kind switch
    {
        MeasureKind.Rate => Math.Round(v * 100, 1, MidpointRounding.AwayFromZero),
        MeasureKind.Duration => Math.Round(v, 1, MidpointRounding.AwayFromZero),
        MeasureKind.Average => Math.Round(v, 2, MidpointRounding.AwayFromZero),
        _ => v,
    };

    public static string Display(Measure m, double? value) => Rounded(m, value) is not { } r ? "—" : m.Kind switch
    {
        MeasureKind.Rate => r.ToString("0.0", CultureInfo.InvariantCulture) + " %",
        MeasureKind.Duration => r.ToString("0.0", CultureInfo.InvariantCulture) + " h",
        MeasureKind.Average => r.ToString("0.00", CultureInfo.InvariantCulture),
        _ => r.ToString("#,0", CultureInfo.InvariantCulture),
    };

    /// The column header of the figure in an export: rates say "(%)".
    public static string Header(IStringLocalizer l, Measure m) => Label(l, m.Key) + (m.Kind == MeasureKind.Rate ? " (%)" : "");
}
