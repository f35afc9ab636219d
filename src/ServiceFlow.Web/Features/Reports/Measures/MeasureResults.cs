namespace ServiceFlow.Web.Features.Reports.Measures;

/// One figure of one group. `Value`: the count, the rate (0..1), the mean in hours, or the mean score;
/// null when nothing was counted. `N`: how many tickets it is about (a rate's denominator); `K`: a rate's numerator.
public sealed record MeasureValue(double? Value, long N, long? K = null, double? Median = null, double? Min = null, double? Max = null,
    IReadOnlyDictionary<string, long>? Buckets = null);

/// A group: a period (key = its first day, yyyy-MM-dd, with `From`/`To` for the drill-down) or a dimension value ("" = none recorded).
public sealed record MeasureRow(string Key, string? From, string? To, IReadOnlyDictionary<string, MeasureValue> Values);

public sealed record MeasureInfo(string Key, string Kind, string Unit, string Basis);

public sealed record MeasureReport(
    string Source, string From, string To, string TimeZone, string? GroupBy, IReadOnlyDictionary<string, string[]> Filters,
    IReadOnlyList<MeasureInfo> Measures, IReadOnlyList<MeasureRow> Rows, MeasureRow Total, DateTimeOffset? FactsAsOf);
