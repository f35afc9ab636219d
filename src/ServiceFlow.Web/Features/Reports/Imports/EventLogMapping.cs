using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServiceFlow.Web.Features.Reports.Imports;

/// How the columns of a CSV log (or the attributes of an XES log) become events and report dimensions.
/// Sent as the `mapping` JSON of an upload; docs/reports.md has an example.
public sealed partial record EventLogMapping
{
    public string? CaseId { get; init; }
    public string? Activity { get; init; }
    public string? Timestamp { get; init; }
    public string? Resource { get; init; }
    /// Columns kept with each event; null: every column not mapped above.
    public string[]? Attributes { get; init; }
    /// .NET formats tried in turn (e.g. "d/M/yyyy H:mm"); none: ISO 8601 and the usual invariant forms.
    public string[]? TimestampFormats { get; init; }
    /// Zone of timestamps written without an offset; default: the desk's.
    public string? TimeZone { get; init; }
    public string? Delimiter { get; init; }
    /// Report dimension (channel, serviceType, serviceObject, priority, group, handler, department, customer, customerType) → column or attribute.
    public Dictionary<string, string>? Dimensions { get; init; }
    /// Activities that resolve a case (its first such event is its resolution); none: every case is resolved by its last event.
    public string[]? ResolvedActivities { get; init; }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// Parses and checks the mapping; throws ArgumentException with what to fix.
    public static EventLogMapping Parse(string? json, bool columnsRequired)
    {
        EventLogMapping mapping;
        try
        {
            mapping = string.IsNullOrWhiteSpace(json) ? new EventLogMapping() : JsonSerializer.Deserialize<EventLogMapping>(json, Json) ?? new EventLogMapping();
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The mapping is not valid JSON: {ex.Message}");
        }
        if (columnsRequired)
        {
            var missing = new[] { ("caseId", mapping.CaseId), ("activity", mapping.Activity), ("timestamp", mapping.Timestamp) }
                .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
            if (missing.Count > 0)
                throw new ArgumentException($"The mapping must name the column of {string.Join(", ", missing)} (e.g. {{\"caseId\": \"Case ID\", \"activity\": \"Activity\", \"timestamp\": \"Complete Timestamp\"}}).");
        }
        if (mapping.Dimensions?.Keys.FirstOrDefault(k => !Measures.ReportScope.Dimensions.ContainsKey(k)) is { } bad)
            throw new ArgumentException($"'{bad}' is not a report dimension; use {string.Join(", ", Measures.ReportScope.Dimensions.Keys)}.");
        if (mapping.TimeZone is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            throw new ArgumentException($"Time zone '{zone}' is not known; use an IANA name such as Asia/Shanghai.");
        if (mapping.Delimiter is { Length: not 1 })
            throw new ArgumentException("delimiter is one character, e.g. \",\" or \";\".");
        return mapping;
    }

    /// A timestamp with its own offset keeps it; one without is read in `zone`.
    public static bool TryParseTime(string text, string[]? formats, TimeZoneInfo zone, out DateTimeOffset at)
    {
        text = text.Trim();
        at = default;
        if (text.Length == 0)
            return false;
        var hasOffset = OffsetSuffix().IsMatch(text);
        if (hasOffset)
        {
            return formats is { Length: > 0 }
                ? DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out at)
                : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out at);
        }
        var ok = formats is { Length: > 0 }
            ? DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)
            : DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out local);
        if (!ok || zone.IsInvalidTime(local))
            return false;
        at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
        return true;
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetSuffix();
}
