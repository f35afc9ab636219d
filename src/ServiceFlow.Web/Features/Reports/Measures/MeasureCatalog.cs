namespace ServiceFlow.Web.Features.Reports.Measures;

public enum MeasureKind { Count, Rate, Duration, Average, Distribution }

/// Which instant puts a ticket into a period: when it was recorded (the period's cohort), when it was
/// resolved, or none (the desk as it is now: open tickets, current breaches).
public enum Basis { Recorded, Resolved, Now, Knowledge }

/// One figure, defined once: the tickets it counts (`Population`, SQL over report_facts `f`), and per
/// kind the numerator (Rate) or the value (Duration in seconds, Average). The API, the pages, the drill-down
/// lists and the exports all read these definitions; docs/reports.md explains each in words.
public sealed record Measure(string Key, MeasureKind Kind, Basis Basis, string Population, string? Value = null)
{
    public string Unit => Kind switch
    {
        MeasureKind.Count => "count",
        MeasureKind.Rate => "ratio",
        MeasureKind.Duration => "hours",
        _ => "score",
    };
}

public static class MeasureCatalog
{
    static Measure Rate(string key, string column) => new(key, MeasureKind.Rate, Basis.Recorded, $"f.\"{column}\" IS NOT NULL", $"f.\"{column}\"");

    static Measure Duration(string key, string column, Basis basis) =>
        new(key, MeasureKind.Duration, basis, $"f.\"{column}\" IS NOT NULL", $"f.\"{column}\"");

    public static readonly IReadOnlyList<Measure> All =
    [
        new("volume", MeasureKind.Count, Basis.Recorded, "TRUE"),
        new("resolved", MeasureKind.Count, Basis.Resolved, "f.\"Resolved\""),
        new("open", MeasureKind.Count, Basis.Now, "f.\"Open\""),
        new("breachedNow", MeasureKind.Count, Basis.Now, "f.\"BreachedNow\""),
        new("resolutionRate", MeasureKind.Rate, Basis.Recorded, "TRUE", "f.\"Resolved\""),
        Duration("handlingTime", "HandleDiscoveryWall", Basis.Resolved),
        Duration("handlingTimeBusiness", "HandleDiscoveryBusiness", Basis.Resolved),
        Duration("recordedToResolved", "HandleRecordedWall", Basis.Resolved),
        Duration("recordedToResolvedBusiness", "HandleRecordedBusiness", Basis.Resolved),
        Duration("firstResponse", "FirstResponseWall", Basis.Recorded),
        Duration("firstResponseBusiness", "FirstResponseBusiness", Basis.Recorded),
        Rate("firstContactRate", "FirstContact"),
        Rate("sla.response", "ResponseMet"),
        Rate("sla.resolution", "ResolutionMet"),
        Rate("sla.update", "UpdateMet"),
        new("satisfaction", MeasureKind.Average, Basis.Recorded, "f.\"SurveyScore\" IS NOT NULL", "f.\"SurveyScore\""),
        new("satisfaction.distribution", MeasureKind.Distribution, Basis.Recorded, "f.\"SurveyScore\" IS NOT NULL", "f.\"SurveyScore\""),
        Rate("satisfaction.responseRate", "SurveyAnswered"),
        // Until complaints are recorded as such, the answers of 1 or 2 stand in for them (each opened a follow-up).
        new("satisfaction.low", MeasureKind.Rate, Basis.Recorded, "f.\"SurveyScore\" IS NOT NULL", "f.\"SurveyScore\" <= 2"),
        // A complaint is a low answer with the customer's words of why (docs/reports.md); of the tickets recorded.
        Rate("complaintRate", "Complaint"),
        Rate("reopenRate", "Reopened"),
        Rate("reassignmentRate", "Reassigned"),
        Rate("escalation.tier2", "EscalatedTier2"),
        Rate("escalation.vendor", "EscalatedVendor"),
        Rate("lateRecordingRate", "RecordedLate"),
        // Of the records the supervisor has decided on, those accepted without being sent back for correction.
        new("recordAccuracy", MeasureKind.Rate, Basis.Recorded, "f.\"RecordCorrected\" IS NOT NULL", "NOT f.\"RecordCorrected\""),
        new("knowledge.visits", MeasureKind.Count, Basis.Knowledge, "visit"),
        new("knowledge.searches", MeasureKind.Count, Basis.Knowledge, "search"),
        new("knowledge.searchesWithoutResult", MeasureKind.Count, Basis.Knowledge, "empty-search"),
        new("knowledge.newArticles", MeasureKind.Count, Basis.Knowledge, "new-article"),
    ];

    static readonly Dictionary<string, Measure> ByKey = All.ToDictionary(m => m.Key, StringComparer.OrdinalIgnoreCase);

    public static Measure? Find(string key) => ByKey.GetValueOrDefault(key);

    /// What the pages show by default and the API returns without `measures=`.
    public static readonly IReadOnlyList<string> Default =
        ["volume", "resolved", "resolutionRate", "handlingTime", "firstResponse", "firstContactRate", "sla.response", "sla.resolution", "satisfaction"];
}
