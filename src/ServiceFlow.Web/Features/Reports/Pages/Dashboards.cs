namespace ServiceFlow.Web.Features.Reports.Pages;

/// The figures each dashboard shows as tiles; a scheduled report of a dashboard mails the same figures.
internal static class Dashboards
{
    public static readonly IReadOnlyList<string> Desk = ["open", "breachedNow", "volume", "resolved", "firstResponse", "sla.response"];

    public static readonly IReadOnlyList<string> Quality =
        ["sla.response", "sla.resolution", "sla.update", "satisfaction", "satisfaction.responseRate", "satisfaction.low", "complaintRate", "reopenRate", "firstContactRate", "lateRecordingRate", "recordAccuracy"];

    public static readonly IReadOnlyList<string> Management =
    [
        "volume", "resolved", "resolutionRate", "handlingTime", "handlingTimeBusiness", "firstResponse", "firstContactRate", "sla.resolution",
        "satisfaction", "escalation.tier2", "escalation.vendor", "reassignmentRate", "knowledge.visits", "knowledge.searchesWithoutResult", "knowledge.newArticles",
    ];

    /// A person's own figures (/reports/me).
    public static readonly IReadOnlyList<string> Me =
        ["volume", "resolved", "handlingTime", "firstResponse", "sla.response", "sla.resolution", "satisfaction", "lateRecordingRate", "firstContactRate"];

    /// The scorecard (000 §6.3, 003 §5): handled, resolved, on time, satisfaction, reopened, low scores and complaints.
    public static readonly IReadOnlyList<string> Scorecard =
        ["volume", "resolved", "sla.response", "sla.resolution", "satisfaction", "reopenRate", "satisfaction.low", "complaintRate"];

    public static IReadOnlyList<string> Of(string view) => view switch
    {
        "desk" => Desk,
        "quality" => Quality,
        "me" => Me,
        "scorecard" => Scorecard,
        _ => Management,
    };
}
