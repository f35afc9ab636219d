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

    /// The tickets behind a measure's figure. A measure of knowledge use (visits, searches without a result, new
    /// articles) counts no tickets: it leads to the knowledge base instead.
    public static string Drill(ReportScope s, string measure, params (string Key, string? Value)[] extra) =>
        CountsKnowledge(measure) ? KnowledgePage : $"/reports/tickets?{Query(s, [("measure", measure), .. extra])}";

    public const string KnowledgePage = "/knowledge";

    public static bool CountsKnowledge(string measure) => MeasureCatalog.Find(measure)?.Basis == Basis.Knowledge;

    /// Measure labels in the page's language, for the charts' legends (a data- attribute).
    // Written into an HTML attribute, which Razor encodes; readable Chinese in the page source.
    static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Labels(IStringLocalizer l, IEnumerable<string> keys) => JsonSerializer.Serialize(keys.ToDictionary(k => k, k => MeasureText.Label(l, k)), Relaxed);

    public static string Json(object value) => JsonSerializer.Serialize(value, Relaxed);

    /// A report or Pareto as the API gives it (camelCase), for a chart drawn from figures in the page (a frozen analysis).
    static readonly JsonSerializerOptions WebRelaxed = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Figures(object value) => JsonSerializer.Serialize(value, WebRelaxed);

    /// The stored codes of a dimension as people read them ("TechSupport" → "Technical support" / "技术支持",
    /// "Phone" → "电话"), for chart axes (a data- attribute) and table rows. Dimensions of free text (service
    /// object, department, customer, handler) and codes no table knows are shown as stored.
    public static IReadOnlyDictionary<string, string> CategoryNames(IStringLocalizer l, string? groupBy)
    {
        if (string.Equals(groupBy, "cause", StringComparison.OrdinalIgnoreCase))
            return ReportScope.CauseCategories.ToDictionary(c => c, c => l[char.ToUpperInvariant(c[0]) + c[1..]].Value, StringComparer.Ordinal);
        var prefix = groupBy?.ToLowerInvariant() switch
        {
            "group" => "Role.",
            "channel" => "Channel.",
            "servicetype" => "ServiceType.",
            "customertype" => "CustomerType.",
            _ => null,
        };
        return prefix is null
            ? new Dictionary<string, string>()
            : l.GetAllStrings(false).Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(s => s.Name[prefix.Length..], s => s.Value, StringComparer.Ordinal);
    }

    public static string Categories(IStringLocalizer l, string? groupBy) => Json(CategoryNames(l, groupBy));

    public static string Api(string path, ReportScope scope, params (string Key, string? Value)[] extra) => $"/api/reports/{path}?{Query(scope, extra)}";

    public static string DrillBase(ReportScope scope) => $"/reports/tickets?{Query(scope)}";
}

/// A figure on a dashboard: its value as shown, how many tickets it is about, where it drills to, and its target.
public sealed record Tile(string Key, string Label, string Figure, string? Sub, string Href, bool? Met, string? Target);
