using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using CsvHelper;
using Npgsql;
using NpgsqlTypes;

namespace ServiceFlow.Benchmarks;

/// The baseline of the import: the UCI log's rows parsed beforehand (not timed), then COPY alone into a bare
/// table with the columns report_import_events has (no index, no key), as fast as the server takes rows.
internal static class UciRows
{
    internal sealed record Row(string Case, string Activity, DateTimeOffset At, string Resource, string Attributes, long Line);

    public static List<Row> Read(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.Entries.First(e => e.Name.EndsWith(".csv", StringComparison.Ordinal)).Open());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Row>();
        while (csv.Read())
        {
            var record = csv.Parser.Record!;
            var attributes = new Dictionary<string, string>();
            for (var i = 0; i < header.Length; i++)
                if (header[i] is not ("number" or "incident_state" or "sys_updated_at" or "sys_updated_by"))
                    attributes[header[i]] = record[i];
            var at = DateTime.ParseExact(csv.GetField("sys_updated_at")!, "d/M/yyyy H:mm", CultureInfo.InvariantCulture);
            rows.Add(new Row(csv.GetField("number")!, csv.GetField("incident_state")!, new DateTimeOffset(at, TimeSpan.FromHours(8)),
                csv.GetField("sys_updated_by")!, JsonSerializer.Serialize(attributes), csv.Parser.RawRow));
        }
        return rows;
    }

    /// Rows per second of COPY into a fresh bare table.
    public static async Task<double> CopyAsync(NpgsqlDataSource db, List<Row> rows)
    {
        await using (var create = db.CreateCommand("DROP TABLE IF EXISTS bench_uci_events; " +
            "CREATE TABLE bench_uci_events (import_id uuid, case_id text, activity text, at timestamptz, resource text, attributes jsonb, line bigint)"))
            await create.ExecuteNonQueryAsync();
        var id = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync();
        await using (var copy = await conn.BeginBinaryImportAsync("COPY bench_uci_events FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.Case, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Activity, NpgsqlDbType.Text);
                await copy.WriteAsync(r.At.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(r.Resource, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Attributes, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(r.Line, NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }
        return rows.Count / clock.Elapsed.TotalSeconds;
    }
}
