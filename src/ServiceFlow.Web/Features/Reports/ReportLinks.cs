using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Localization;

namespace ServiceFlow.Web.Features.Reports;

/// Query strings for the report API and pages, built from a scope so a chart, its drill-down and its
/// export ask for exactly the same tickets.
internal static class ReportLinks
{
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Query(ReportScope s, params (string Key, string? Value)[] extra)
    {
        var parts = new List<string> { $"from={Day(s.FromDate)}", $"to={Day(s.ToDate)}" };
        if (s.Source != Facts.ReportFact.DeskSource)
            parts.Add($"source={s.Source}");
        foreach (var (column, values) in s.Filters)
        {
            var name = ReportScope.Dimensions.First(d => d.Value == column).Key;
            parts.AddRange(values.Select(v => $"{name}={Uri.EscapeDataString(v.Length == 0 ? ReportScope.NoValue : v)}"));
        }
        parts.AddRange(s.Causes.Select(c => $"cause={c}"));
        if (s.Weekday is { } w) parts.Add($"weekday={w}");
        if (s.Hour is { } h) parts.Add($"hour={h}");
        if (s.Score is { } score) parts.Add($"score={score}");
        parts.AddRange(extra.Where(e => e.Value is not null).Select(e => $"{e.Key}={Uri.EscapeDataString(e.Value!)}"));
        return string.Join("&", parts);
    }

    public static string Drill(ReportScope s, string measure, params (string Key, string? Value)[] extra) =>
        $"/reports/tickets?{Query(s, [("measure", measure), .. extra])}";

    /// Measure labels in the page's language, for the charts' legends (a data- attribute).
    // Written into an HTML attribute, which Razor encodes; readable Chinese in the page source.
    static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Labels(IStringLocalizer l, IEnumerable<string> keys) => JsonSerializer.Serialize(keys.ToDictionary(k => k, k => MeasureText.Label(l, k)), Relaxed);

    static readonly Dictionary<string, string> CategoryOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["group"] = "Role", ["channel"] = "Channel", ["serviceType"] = "ServiceType", ["status"] = "TicketStatus",
    };

    /// A dimension's value as people read it (a group "TechSupport" → "技术支持"); a value without an entry as stored.
    public static string DimensionValue(IStringLocalizer l, string? groupBy, string key) =>
        groupBy is not null && CategoryOf.TryGetValue(groupBy, out var category) ? l.Code(category, key) : key;

    static readonly string[] CodeCategories = ["Role.", "Channel.", "ServiceType.", "TicketStatus.", "Severity."];

    /// Stored codes a chart may have as categories (groups, channels, service types, states) in the page's
    /// language: "TechSupport" → "技术支持". A code without an entry is shown as stored (DisplayText.Code).
    public static string Values(IStringLocalizer l) => JsonSerializer.Serialize(l.GetAllStrings(false)
        .Where(s => CodeCategories.Any(c => s.Name.StartsWith(c, StringComparison.Ordinal)))
        .GroupBy(s => s.Name[(s.Name.IndexOf('.') + 1)..]).ToDictionary(g => g.Key, g => g.First().Value), Relaxed);

    public static string Json(object value) => JsonSerializer.Serialize(value, Relaxed);

    public static string Api(string path, ReportScope scope, params (string Key, string? Value)[] extra) => $"/api/reports/{path}?{Query(scope, extra)}";

    public static string DrillBase(ReportScope scope) => $"/reports/tickets?{Query(scope)}";
}

/// A figure on a dashboard: its value as shown, how many tickets it is about, where it drills to, and its target.
public sealed record Tile(string Key, string Label, string Figure, string? Sub, string Href, bool? Met, string? Target);
