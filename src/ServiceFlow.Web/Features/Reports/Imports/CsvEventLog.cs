using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace ServiceFlow.Web.Features.Reports.Imports;

/// A CSV event log (RFC 4180, header row) read row by row with CsvHelper; the mapping names the columns.
/// A row whose case, activity or timestamp is missing or unreadable is a bad row with its line number.
internal static class CsvEventLog
{
    public static async IAsyncEnumerable<LogRow> ReadAsync(Stream log, EventLogMapping mapping, TimeZoneInfo zone, [EnumeratorCancellation] CancellationToken ct)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = mapping.Delimiter ?? ",",
            BadDataFound = null, // a stray quote inside a field is kept as text, as spreadsheet programs do
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StreamReader(log, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, config);
        if (!await csv.ReadAsync() || !csv.ReadHeader())
            throw new EventLogException("The file is empty: a CSV log starts with a header row naming its columns.");
        var header = csv.HeaderRecord!;
        int Column(string? name, string role)
        {
            var index = Array.FindIndex(header, h => string.Equals(h.Trim(), name?.Trim(), StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index : throw new EventLogException(
                $"The mapping's {role} column '{name}' is not in the header ({string.Join(", ", header.Take(40))}).");
        }
        var caseColumn = Column(mapping.CaseId, "caseId");
        var activityColumn = Column(mapping.Activity, "activity");
        var timeColumn = Column(mapping.Timestamp, "timestamp");
        var resourceColumn = mapping.Resource is { Length: > 0 } ? Column(mapping.Resource, "resource") : -1;
        var mapped = new HashSet<int> { caseColumn, activityColumn, timeColumn, resourceColumn };
        var kept = mapping.Attributes is { } named
            ? named.Select(n => Column(n, "attribute")).ToArray()
            : [.. Enumerable.Range(0, header.Length).Where(i => !mapped.Contains(i))];
        foreach (var dimension in mapping.Dimensions?.Values.ToArray() ?? [])
            if (!kept.Contains(Column(dimension, "dimension")))
                kept = [.. kept, Column(dimension, "dimension")];

        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            var line = csv.Parser.RawRow;
            var record = csv.Parser.Record ?? [];
            string Field(int i) => i >= 0 && i < record.Length ? record[i] : "";
            var caseId = Field(caseColumn).Trim();
            var activity = Field(activityColumn).Trim();
            var time = Field(timeColumn);
            if (record.Length < header.Length)
                yield return LogRow.Bad(line, $"{record.Length} fields where the header has {header.Length}.");
            else if (caseId.Length == 0)
                yield return LogRow.Bad(line, $"No case id in column '{header[caseColumn]}'.");
            else if (activity.Length == 0)
                yield return LogRow.Bad(line, $"No activity in column '{header[activityColumn]}'.");
            else if (!EventLogMapping.TryParseTime(time, mapping.TimestampFormats, zone, out var at))
                yield return LogRow.Bad(line, $"'{time}' in column '{header[timeColumn]}' is not a timestamp" +
                    (mapping.TimestampFormats is { Length: > 0 } f ? $" in the format {string.Join(" or ", f)}." : "; give timestampFormats in the mapping."));
            else
            {
                var attributes = new Dictionary<string, string>(kept.Length, StringComparer.Ordinal);
                foreach (var i in kept)
                    attributes[header[i]] = Field(i);
                var resource = resourceColumn >= 0 ? Field(resourceColumn).Trim() : null;
                yield return new LogRow(line, new LogEvent(caseId, activity, at, string.IsNullOrEmpty(resource) ? null : resource, attributes), null);
            }
        }
    }
}
