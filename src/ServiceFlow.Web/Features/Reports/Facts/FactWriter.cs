using Npgsql;
using NpgsqlTypes;

namespace ServiceFlow.Web.Features.Reports.Facts;

/// Writes facts with binary COPY: the refresher replaces a batch (delete, then copy in, in the caller's
/// transaction) and an import loads all its cases at once.
internal static class FactWriter
{
    const string Copy = """
        COPY serviceflow.report_facts ("Id", "Source", "Number", "Title", "Status", "RecordedAt", "DiscoveredAt", "ResolvedAt", "Open", "BreachedNow",
          "Resolved", "Channel", "ServiceType", "ServiceObject", "Priority", "Group", "Handler", "Department", "Customer", "Reporter", "Causes",
          "HandleDiscoveryWall", "HandleDiscoveryBusiness", "HandleRecordedWall", "HandleRecordedBusiness", "FirstResponseWall", "FirstResponseBusiness",
          "ResponseMet", "ResolutionMet", "UpdateMet", "FirstContact", "RecordedLate", "EscalatedTier2", "EscalatedVendor", "Reopened", "Reassigned",
          "SurveyAnswered", "SurveyScore", "Final", "RefreshedAt", "Complaint", "RecordCorrected", "CustomerType") FROM STDIN (FORMAT BINARY)
        """;

    public static async Task ReplaceAsync(NpgsqlConnection conn, IReadOnlyCollection<Guid> ids, IReadOnlyList<ReportFact> facts, CancellationToken ct)
    {
        await using (var delete = new NpgsqlCommand("DELETE FROM serviceflow.report_facts WHERE \"Id\" = ANY(@ids)", conn))
        {
            delete.Parameters.Add(new("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() });
            await delete.ExecuteNonQueryAsync(ct);
        }
        await WriteAsync(conn, facts, ct);
    }

    public static async Task WriteAsync(NpgsqlConnection conn, IEnumerable<ReportFact> facts, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(Copy, ct);
        foreach (var f in facts)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(f.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(f.Source, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.Number, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.Title, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(f.Status, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.RecordedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(f.DiscoveredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await Nullable(copy, f.ResolvedAt?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(f.Open, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(f.BreachedNow, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(f.Resolved, NpgsqlDbType.Boolean, ct);
            foreach (var text in new[] { f.Channel, f.ServiceType, f.ServiceObject, f.Priority, f.Group, f.Handler, f.Department, f.Customer, f.Reporter })
                await copy.WriteAsync(text, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(f.Causes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            foreach (var seconds in new[] { f.HandleDiscoveryWall, f.HandleDiscoveryBusiness, f.HandleRecordedWall, f.HandleRecordedBusiness, f.FirstResponseWall, f.FirstResponseBusiness })
                await Nullable(copy, seconds, NpgsqlDbType.Double, ct);
            foreach (var flag in new[] { f.ResponseMet, f.ResolutionMet, f.UpdateMet, f.FirstContact, f.RecordedLate, f.EscalatedTier2, f.EscalatedVendor, f.Reopened, f.Reassigned, f.SurveyAnswered })
                await Nullable(copy, flag, NpgsqlDbType.Boolean, ct);
            await Nullable(copy, f.SurveyScore, NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync(f.Final, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(f.RefreshedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await Nullable(copy, f.Complaint, NpgsqlDbType.Boolean, ct);
            await Nullable(copy, f.RecordCorrected, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(f.CustomerType, NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

    static async Task Nullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct
    {
        if (value is { } v)
            await copy.WriteAsync(v, type, ct);
        else
            await copy.WriteNullAsync(ct);
    }
}
