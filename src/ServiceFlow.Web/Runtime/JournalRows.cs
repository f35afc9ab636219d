using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

/// One entry inside a JournalStep row.
internal sealed record JournalStepEntry(DateTimeOffset At, string Kind, string? NodeId, string? TokenId, string? Detail);

/// Writes a step's journal entries as one row and reads them back as one entry per line.
/// Stored form, per entry: `{"k":kind,"n":node,"t":token,"d":detail,"at":instant}`; null members and
/// an `at` equal to the row's are left out (nearly every entry of a step shares the step's instant).
internal static class JournalRows
{
    public static JournalStep Step(Guid instanceId, DateTimeOffset at, string? user, IEnumerable<JournalEntry> entries) =>
        Step(instanceId, at, user, entries.Select(e => new JournalStepEntry(e.At, e.Kind.ToString(), e.NodeId, e.TokenId, e.Detail)));

    public static JournalStep Step(Guid instanceId, DateTimeOffset at, string? user, IEnumerable<JournalStepEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("k", entry.Kind);
                WriteIfSet(json, "n", entry.NodeId);
                WriteIfSet(json, "t", entry.TokenId);
                WriteIfSet(json, "d", entry.Detail);
                if (entry.At != at)
                    json.WriteString("at", entry.At);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return new JournalStep { InstanceId = instanceId, At = at, UserId = user, Entries = Encoding.UTF8.GetString(buffer.WrittenSpan) };
    }

    static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }

    /// The instance's journal in the order it was written, at most `max` entries. The step's user is
    /// shown on the entry that received its command, as before the journal was stored by step.
    public static async Task<List<JournalRecord>> ReadAsync(ServiceFlowDbContext db, Guid instanceId, int max = int.MaxValue, CancellationToken ct = default)
    {
        var steps = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id)
            .Take(max).ToListAsync(ct);
        var records = new List<JournalRecord>();
        foreach (var step in steps)
        {
            using var doc = JsonDocument.Parse(step.Entries);
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (records.Count >= max)
                    return records;
                var kind = Text(e, "k") ?? "";
                records.Add(new JournalRecord
                {
                    Id = records.Count + 1,
                    InstanceId = instanceId,
                    At = e.TryGetProperty("at", out var at) ? at.GetDateTimeOffset() : step.At,
                    Kind = kind,
                    NodeId = Text(e, "n"),
                    TokenId = Text(e, "t"),
                    Detail = Text(e, "d"),
                    UserId = kind is nameof(JournalKind.CommandReceived) or "Migrated" ? step.UserId : null,
                });
            }
        }
        return records;
    }

    static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
