using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ServiceFlow.Benchmarks;

/// What a series cost, read from the outside: CPU of the host process, of this process (the clients and,
/// for the runner series, the in-process host) and of every PostgreSQL process (from /proc); the database
/// round trips (data segments the host and this process sent to the server's port, from `ss`: one a
/// request/response exchange on loopback); and the write transactions the server assigned an id to
/// (read-only transactions get none).
internal sealed partial record Counters(double HostCpuMs, double SelfCpuMs, double PostgresCpuMs, double RoundTrips, double WriteTransactions)
{
    public static async Task<Counters> ReadAsync(HostProcess host, string connectionString)
    {
        // The xid counter is cluster-wide; this query takes one xid itself, subtracted below.
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_current_xact_id()::text::bigint", conn);
        var xid = (long)(await cmd.ExecuteScalarAsync())!;
        using var hostProcess = Process.GetProcessById(host.Pid);
        return new Counters(hostProcess.TotalProcessorTime.TotalMilliseconds, Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
            EngineBenchmark.PostgresTicks() * 1000.0 / EngineBenchmark.TicksPerSecond, await RoundTripsAsync(conn.Port), xid + 1);
    }

    /// Data segments sent to the server by client sockets of the host and of this process (the baseline, the runner).
    static async Task<double> RoundTripsAsync(int port)
    {
        var start = new ProcessStartInfo("ss") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-tinpH", "state", "established", $"( dport = :{port} )" })
            start.ArgumentList.Add(arg);
        using var ss = Process.Start(start)!;
        var text = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        return DataSegmentsOut().Matches(text).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bdata_segs_out:(\d+)")]
    private static partial System.Text.RegularExpressions.Regex DataSegmentsOut();

    public static Counters operator -(Counters a, Counters b) => new(a.HostCpuMs - b.HostCpuMs, a.SelfCpuMs - b.SelfCpuMs,
        a.PostgresCpuMs - b.PostgresCpuMs, a.RoundTrips - b.RoundTrips, a.WriteTransactions - b.WriteTransactions - 1);

    public static Counters operator /(Counters a, int n) => new(a.HostCpuMs / n, a.SelfCpuMs / n, a.PostgresCpuMs / n, a.RoundTrips / n, a.WriteTransactions / n);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cpu host {HostCpuMs:F2} ms, bench {SelfCpuMs:F2} ms, postgres {PostgresCpuMs:F2} ms; db round trips {RoundTrips:F1}, write tx {WriteTransactions:F1}");
}
