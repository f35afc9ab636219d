using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using ServiceFlow.Web.Features.Reports.Measures;

namespace ServiceFlow.Web.Features.Reports.Exports;

/// Every report and every drill-down list as CSV (CsvHelper, RFC 4180, UTF-8 with BOM so spreadsheet programs
/// read Chinese) and XLSX (MiniExcel). The cells hold the figures rounded as the page shows them (MeasureText).
internal static class ReportExports
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// The measures table: one line per group (and a total line), one column per figure and its count.
    public static List<Dictionary<string, object?>> MeasureTable(MeasureReport report, IStringLocalizer l)
    {
        var measures = report.Measures.Select(i => MeasureCatalog.Find(i.Key)!).ToList();
        var groupHeader = report.GroupBy is null ? l["Period"] : l[Dimension(report.GroupBy)];
        Dictionary<string, object?> Line(MeasureRow row, string label)
        {
            var line = new Dictionary<string, object?> { [groupHeader] = label };
            foreach (var m in measures)
            {
                if (!row.Values.TryGetValue(m.Key, out var v))
                    continue;
                line[MeasureText.Header(l, m)] = m.Kind == MeasureKind.Distribution ? v.N : MeasureText.Rounded(m, v.Value);
                if (m.Kind is not MeasureKind.Count)
                    line[$"{MeasureText.Label(l, m.Key)}: n"] = v.N;
                if (m.Kind == MeasureKind.Distribution)
                    foreach (var (score, count) in v.Buckets!)
                        line[$"{MeasureText.Label(l, m.Key)}: {score}"] = count;
            }
            return line;
        }
        var names = ReportLinks.CategoryNames(l, report.GroupBy);
        var lines = report.Rows.Select(r => Line(r, r.Key.Length == 0 ? l["(none)"] : names.GetValueOrDefault(r.Key, r.Key))).ToList();
        lines.Add(Line(report.Total, $"{l["Total"]} {report.From} – {report.To}"));
        return lines;
    }

    /// The drill-down: a summary (the figure, its count, the filter) and one line per ticket.
    public static (List<Dictionary<string, object?>> Summary, List<Dictionary<string, object?>> Tickets) DrillTables(DrillDownList list, IStringLocalizer l)
    {
        var m = MeasureCatalog.Find(list.Measure.Key)!;
        Dictionary<string, object?> Pair(string name, object? value) => new() { [l["Item"]] = name, [l["Value"]] = value };
        var summary = new List<Dictionary<string, object?>>
        {
            Pair(l["Measure"], MeasureText.Label(l, m.Key)),
            Pair(MeasureText.Header(l, m), MeasureText.Rounded(m, list.Summary.Value)),
            Pair(l["Tickets"], list.Count),
        };
        if (list.Summary.K is { } k)
            summary.Add(Pair(l["Counted in the rate"], k));
        summary.Add(Pair(l["Period"], $"{list.Scope.From} – {list.Scope.To} ({list.Scope.TimeZone})"));
        summary.Add(Pair(l["Source"], list.Scope.Source));
        foreach (var (column, values) in list.Scope.Filters)
            summary.Add(Pair(l[column], string.Join(", ", values.Select(v => v.Length == 0 ? "-" : v))));
        if (!list.Complete)
            summary.Add(Pair(l["Note"], l["Only the first {0} tickets are listed.", list.Rows.Count].Value));
        var tickets = list.Rows.Select(r => new Dictionary<string, object?>
        {
            [l["Number"]] = r.Number,
            [l["Title"]] = r.Title,
            [l["Status"]] = r.Status,
            [l["Recorded"]] = Local(r.RecordedAt, list.Scope.TimeZone),
            [l["Resolved"]] = r.ResolvedAt is { } at ? Local(at, list.Scope.TimeZone) : null,
            [l["Priority"]] = r.Priority,
            [l["Channel"]] = r.Channel,
            [l["Service type"]] = r.ServiceType,
            [l["Service object"]] = r.ServiceObject,
            [l["Customer type"]] = r.CustomerType,
            [l["Group"]] = r.Group,
            [l["Handler"]] = r.Handler,
            [MeasureText.Header(l, m)] = m.Kind == MeasureKind.Rate ? (r.Value == 1 ? 1 : 0) : m.Kind == MeasureKind.Count ? 1 : r.Value is { } v ? Math.Round(v, 2) : null,
        }).ToList();
        return (summary, tickets);
    }

    static string Local(DateTimeOffset at, string zone) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// The English label (a localization key) of a grouping.
    public static string Dimension(string key) => key switch
    {
        "serviceType" => "Service type",
        "serviceObject" => "Service object",
        "customerType" => "Customer type",
        "halfyear" => "Half year",
        _ => char.ToUpperInvariant(key[0]) + key[1..],
    };

    public static byte[] Csv(IReadOnlyList<Dictionary<string, object?>> lines)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            var headers = lines.SelectMany(l => l.Keys).Distinct().ToList();
            foreach (var h in headers)
                csv.WriteField(h);
            csv.NextRecord();
            foreach (var line in lines)
            {
                foreach (var h in headers)
                    csv.WriteField(line.GetValueOrDefault(h));
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    public static async Task<byte[]> XlsxAsync(IReadOnlyDictionary<string, IReadOnlyList<Dictionary<string, object?>>> sheets, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var value = sheets.ToDictionary(s => s.Key, s => (object)s.Value.Select(Complete(s.Value)).ToList());
        await MiniExcel.SaveAsAsync(buffer, value, excelType: ExcelType.XLSX, cancellationToken: ct);
        return buffer.ToArray();
    }

    // MiniExcel takes its columns from the first line: give every line every header.
    static Func<Dictionary<string, object?>, IDictionary<string, object?>> Complete(IReadOnlyList<Dictionary<string, object?>> lines)
    {
        var headers = lines.SelectMany(l => l.Keys).Distinct().ToList();
        return line => headers.ToDictionary(h => h, h => line.GetValueOrDefault(h));
    }
}
