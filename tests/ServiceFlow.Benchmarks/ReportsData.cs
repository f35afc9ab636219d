using Npgsql;
using NpgsqlTypes;

namespace ServiceFlow.Benchmarks;

/// A desk's history written straight into its tables with binary COPY: tickets over the last 24 months
/// (half of the last week still open, 10 % closed at first contact), their first-response, resolution and update clocks
/// (one running segment each for first response), and surveys for 40 % of the closed ones. Deterministic (seeded).
internal static class ReportsData
{
    static readonly string[] Channels = ["Phone", "Email", "WebChat", "WalkIn", "Web", "Other"];
    static readonly string[] CustomerTypes = ["individual", "enterprise", "government", "internal"];
    static readonly string[] Priorities = ["P1", "P2", "P3", "P3", "P3", "P4"];

    public static async Task FillAsync(NpgsqlDataSource db, int tickets, DateTimeOffset now)
    {
        var random = new Random(2026);
        var span = TimeSpan.FromDays(730).TotalMinutes;
        await using var conn = await db.OpenConnectionAsync();
        var clocks = new List<(Guid Id, string Number, string Name, string State, bool Overdue, DateTimeOffset Start, DateTimeOffset? Stop)>();
        var surveys = new List<(string Number, bool Answered, int Score, DateTimeOffset At)>();
        await using (var copy = await conn.BeginBinaryImportAsync("""
            COPY serviceflow.tickets ("Id", "Number", "Title", "DiscoveredAt", "RecordedAt", "RecordedLate", "Department", "ServiceType", "ServiceObject", "Channel",
              "Priority", "CustomerName", "Description", "Reporter", "Handler", "Group", "Tier", "Solved", "CauseTechnology", "CauseProcess", "Status",
              "FirstContactResolution", "ResolvedAt", "ArchivedAt", "CustomerType") FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < tickets; i++)
            {
                var recorded = now.AddMinutes(-span * Math.Pow(random.NextDouble(), 1.1)).AddSeconds(-random.Next(60));
                var open = recorded > now.AddDays(-7) && random.NextDouble() < 0.5;
                var fcr = !open && random.NextDouble() < 0.10;
                var resolved = open ? (DateTimeOffset?)null : fcr ? recorded : recorded.AddMinutes(15 + random.Next(60 * 72));
                var number = $"BR-{i:D7}";
                var priority = Priorities[random.Next(Priorities.Length)];
                var tier = random.NextDouble() switch { < 0.03 => "Vendor", < 0.18 => "Tier2", _ => "Tier1" };
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(recorded), NpgsqlDbType.Uuid);
                await copy.WriteAsync(number, NpgsqlDbType.Varchar);
                await copy.WriteAsync($"Benchmark ticket {i}", NpgsqlDbType.Text);
                await copy.WriteAsync(recorded.AddMinutes(-random.Next(45)).UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(recorded.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(random.NextDouble() < 0.05, NpgsqlDbType.Boolean);
                await copy.WriteAsync($"Dept {i % 12}", NpgsqlDbType.Text);
                await copy.WriteAsync($"service-{i % 10}", NpgsqlDbType.Text);
                await copy.WriteAsync($"System {(int)(50 * Math.Pow(random.NextDouble(), 2))}", NpgsqlDbType.Text);
                await copy.WriteAsync(Channels[random.Next(Channels.Length)], NpgsqlDbType.Varchar);
                await copy.WriteAsync(priority, NpgsqlDbType.Text);
                await copy.WriteAsync($"Customer {random.Next(5000)}", NpgsqlDbType.Text);
                await copy.WriteAsync("generated", NpgsqlDbType.Text);
                await copy.WriteAsync($"front{i % 20}", NpgsqlDbType.Text);
                await copy.WriteAsync($"tech{i % 60}", NpgsqlDbType.Text);
                await copy.WriteAsync($"group{i % 8}", NpgsqlDbType.Text);
                await copy.WriteAsync(tier, NpgsqlDbType.Varchar);
                if (open) await copy.WriteNullAsync(); else await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                if (random.NextDouble() < 0.25) await copy.WriteAsync("root cause", NpgsqlDbType.Text); else await copy.WriteNullAsync();
                if (random.NextDouble() < 0.10) await copy.WriteAsync("no runbook", NpgsqlDbType.Text); else await copy.WriteNullAsync();
                await copy.WriteAsync(open ? "InProgress" : fcr ? "ClosedAtOnce" : "Archived", NpgsqlDbType.Varchar);
                await copy.WriteAsync(fcr, NpgsqlDbType.Boolean);
                if (resolved is { } r) await copy.WriteAsync(r.UtcDateTime, NpgsqlDbType.TimestampTz); else await copy.WriteNullAsync();
                if (resolved is { } a && !fcr) await copy.WriteAsync(a.UtcDateTime, NpgsqlDbType.TimestampTz); else await copy.WriteNullAsync();
                await copy.WriteAsync(CustomerTypes[i % CustomerTypes.Length], NpgsqlDbType.Varchar); // by position: the random sequence stays that of earlier runs
                if (fcr)
                    continue;
                var responded = recorded.AddMinutes(2 + random.Next(300));
                clocks.Add((Guid.CreateVersion7(recorded), number, "first-response", random.NextDouble() < 0.9 ? "Met" : "Breached", false, recorded, responded));
                var met = random.NextDouble() < 0.85;
                clocks.Add((Guid.CreateVersion7(recorded), number, "resolution", open ? "Running" : met ? "Met" : "Breached", open && !met, recorded, resolved));
                if (priority is "P1" or "P2")
                    clocks.Add((Guid.CreateVersion7(recorded), number, "update", open ? "Running" : "Met", false, recorded, resolved));
                if (!open && random.NextDouble() < 0.4)
                    surveys.Add((number, random.NextDouble() < 0.7, Math.Clamp(6 - (int)Math.Ceiling(5 * Math.Pow(random.NextDouble(), 2.5)), 1, 5), resolved!.Value));
            }
            await copy.CompleteAsync();
        }
        await WriteClocksAsync(conn, clocks);
        await WriteSurveysAsync(conn, surveys);
        await using var analyze = new NpgsqlCommand("ANALYZE serviceflow.tickets; ANALYZE serviceflow.sla_clocks; ANALYZE serviceflow.sla_clock_segments; ANALYZE serviceflow.surveys", conn);
        await analyze.ExecuteNonQueryAsync();
    }

    static async Task WriteClocksAsync(NpgsqlConnection conn, List<(Guid Id, string Number, string Name, string State, bool Overdue, DateTimeOffset Start, DateTimeOffset? Stop)> clocks)
    {
        await using (var copy = await conn.BeginBinaryImportAsync("""
            COPY serviceflow.sla_clocks ("Id", "BusinessKey", "Name", "PolicyKey", "PolicyVersion", "Calendar", "State", "Overdue", "Target", "StartedAt", "StoppedAt")
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var c in clocks)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Number, NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync("P3", NpgsqlDbType.Varchar);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync("default", NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.State, NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.Overdue, NpgsqlDbType.Boolean);
                await copy.WriteAsync(TimeSpan.FromHours(4), NpgsqlDbType.Interval);
                await copy.WriteAsync(c.Start.UtcDateTime, NpgsqlDbType.TimestampTz);
                if (c.State == "Running") await copy.WriteNullAsync(); else await copy.WriteAsync(c.Stop!.Value.UtcDateTime, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY serviceflow.sla_clock_segments (\"ClockId\", \"Running\", \"From\", \"To\", \"Reason\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in clocks.Where(c => c.Name == "first-response"))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(c.Start.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.Stop!.Value.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("review", NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
    }

    static async Task WriteSurveysAsync(NpgsqlConnection conn, List<(string Number, bool Answered, int Score, DateTimeOffset At)> surveys)
    {
        await using var copy = await conn.BeginBinaryImportAsync("""
            COPY serviceflow.surveys ("Id", "BusinessKey", "InstanceId", "Recipient", "Nonce", "Status", "Score", "CreatedAt", "ExpiresAt", "AnsweredAt")
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var s in surveys)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(s.Number, NpgsqlDbType.Varchar);
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync("customer@example.com", NpgsqlDbType.Varchar);
            await copy.WriteAsync("n", NpgsqlDbType.Varchar);
            await copy.WriteAsync(s.Answered ? "Answered" : "Expired", NpgsqlDbType.Varchar);
            if (s.Answered) await copy.WriteAsync(s.Score, NpgsqlDbType.Integer); else await copy.WriteNullAsync();
            await copy.WriteAsync(s.At.UtcDateTime, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(s.At.AddDays(14).UtcDateTime, NpgsqlDbType.TimestampTz);
            if (s.Answered) await copy.WriteAsync(s.At.AddDays(1).UtcDateTime, NpgsqlDbType.TimestampTz); else await copy.WriteNullAsync();
        }
        await copy.CompleteAsync();
    }
}
