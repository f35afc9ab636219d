using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Facts;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Features.Reports.Imports;

/// Runs one import: reads the upload as a stream, bulk-loads its events with binary COPY and its cases as
/// report facts, all in one transaction, so a failure (a refused bad row, unreadable XML, the node stopping)
/// leaves nothing behind. Progress goes to the import's row on a second connection every half second.
internal sealed class Importer(IServiceScopeFactory scopes, SlaCalendars calendars, TimeProvider clock, ILogger<Importer> logger)
{
    const int KeptErrors = 100;

    public async Task RunAsync(Guid id, string path, CancellationToken ct)
    {
        await using var statusScope = scopes.CreateAsyncScope();
        var status = new ImportStatus(statusScope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>(), id, clock);
        var import = await status.StartAsync(ct);
        try
        {
            await LoadAsync(import, path, status, ct);
        }
        catch (Exception ex) when (ex is EventLogException or ArgumentException)
        {
            await status.FailAsync(ex.Message, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Import {Id} failed", id);
            await status.FailAsync($"The import failed and nothing was imported: {ex.Message}", CancellationToken.None);
        }
    }

    async Task LoadAsync(ReportImport import, string path, ImportStatus status, CancellationToken ct)
    {
        var desk = calendars.Get("default");
        var mapping = import.Format == "uci" ? UciIncidentLog.Mapping : EventLogMapping.Parse(import.Mapping, columnsRequired: import.Format == "csv");
        var zone = mapping.TimeZone is { Length: > 0 } z ? TimeZoneInfo.FindSystemTimeZoneById(z) : desk.TimeZone;
        var uci = import.Format == "uci" ? new UciIncidentLog(zone) : null;
        CaseBuilder cases = uci ?? (CaseBuilder)new GenericCases(mapping);
        var errors = new List<ImportError>();
        long rows = 0, events = 0, bad = 0;

        await using var upload = File.OpenRead(path);
        await using var log = EventLogStreams.Open(upload, out var counter);
        var source = import.Format == "xes" ? XesEventLog.ReadAsync(log, zone, ct) : CsvEventLog.ReadAsync(log, mapping, zone, ct);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var conn = await ReportDb.ConnectionAsync(db, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var reported = Stopwatch.StartNew();
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY serviceflow.report_import_events (\"ImportId\", \"CaseId\", \"Activity\", \"At\", \"Resource\", \"Attributes\", \"Line\") FROM STDIN (FORMAT BINARY)", ct))
        {
            var json = new ArrayBufferWriter<byte>(2048);
            await foreach (var row in source)
            {
                rows++;
                var problem = row.Error ?? (uci is not null ? uci.Check(row.Event!) : null);
                if (problem is not null)
                {
                    bad++;
                    if (errors.Count < KeptErrors)
                        errors.Add(new ImportError(row.Line, problem));
                }
                else
                {
                    var e = row.Event!;
                    cases.Add(e);
                    events++;
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(import.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(e.CaseId, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(e.Activity, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(e.At.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                    if (e.Resource is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(e.Resource, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(Json(json, e.Attributes), NpgsqlDbType.Jsonb, ct);
                    await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, ct);
                }
                if (reported.ElapsedMilliseconds >= 500)
                {
                    await status.ProgressAsync(counter.Fraction, rows, events, bad, ct);
                    reported.Restart();
                }
            }
            if (bad > 0 && import.OnError == "refuse")
            {
                await status.FailAsync($"{bad} bad row(s), the first on line {errors[0].Line}; you chose to refuse the file, so nothing was imported.",
                    ct, rows, bad, errors);
                return; // disposing the COPY without completing it cancels it; the transaction rolls back
            }
            if (events == 0)
                throw new EventLogException(bad > 0 ? $"All {bad} rows were bad (the first on line {errors[0].Line}); nothing was imported." : "The log holds no events.");
            await copy.CompleteAsync(ct);
        }
        await FactWriter.WriteAsync(conn, cases.Facts(import.Id.ToString(), desk, clock.GetUtcNow()), ct);
        var days = cases.ThroughputDays().Order().ToList();
        var median = days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2;
        await status.SucceedAsync(conn, rows, events, cases.Cases, bad, errors, days.Average(), median, ct);
        await tx.CommitAsync(ct);
    }

    static string Json(ArrayBufferWriter<byte> buffer, IReadOnlyDictionary<string, string> attributes)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in attributes)
                writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

public sealed record ImportError(long Line, string Message);
