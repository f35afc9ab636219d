using System.Diagnostics;

namespace ServiceFlow.Benchmarks;

/// One measured series: operations per second over a fixed number of operations spread over
/// `clients` concurrent loops, after a warm-up. Every loop is bounded by count; nothing runs forever.
internal sealed record Throughput(string Name, int Clients, int Operations, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Name,-44} clients={Clients,-2} ops={Operations,-6} {PerSecond,10:F1}/s  p50={P50Ms,7:F2} ms  p99={P99Ms,7:F2} ms";
}

internal static class Measure
{
    public static async Task<Throughput> RunAsync(string name, int clients, int operations, Func<int, Task> operation, int warmup = 50)
    {
        for (var i = 0; i < warmup; i++)
            await operation(-1 - i);
        var latencies = new double[operations];
        var next = -1;
        var total = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < operations)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })).ToArray();
        await Task.WhenAll(loops);
        total.Stop();
        Array.Sort(latencies);
        return new Throughput(name, clients, operations, total.Elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
