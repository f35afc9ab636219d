using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Security;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Benchmarks;

/// Issue 3's benchmark: (a) start → user task → complete → end through the durable runtime on
/// PostgreSQL, (b) the same with the pure engine in memory, (c) raw INSERT transactions as baseline.


internal static class EngineBenchmark
{
    const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sf="https://serviceflow.dev/bpmn" id="d" targetNamespace="bench">
          <process id="bench-approval" isExecutable="true">
            <startEvent id="start" />
            <userTask id="approve" name="Approve" sf:candidateGroups="Supervisor" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
          </process>
        </definitions>
        """;

    public static async Task<IReadOnlyList<string>> RunAsync(int operations)
    {
        var lines = new List<string>();
        var connectionString = await TestDatabase.CreateDatabaseAsync("bench");
        // SF_BENCH_LOG_STATEMENTS=1: the server logs every statement with its duration (server.log of the
        // embedded PostgreSQL), to see where a step's time goes. Not for the figures: logging costs.
        var hostConnection = Environment.GetEnvironmentVariable("SF_BENCH_LOG_STATEMENTS") is "1"
            ? connectionString + ";Options=-c log_min_duration_statement=0"
            : connectionString;
        await using var app = ServiceFlowApp.StartOn(hostConnection, runJobs: false, ("Logging:LogLevel:Default", "Error"));
        var runner = app.Services.GetRequiredService<ProcessRunner>();
        await app.Services.GetRequiredService<DefinitionStore>().PublishAsync(Xml, "bench");
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));
        var variables = new Dictionary<string, JsonElement> { ["approved"] = JsonSerializer.SerializeToElement(true) };

        // The baseline keeps Npgsql's defaults (the host tunes its own string: DataServiceCollectionExtensions.Tuned).
        await using var db = NpgsqlDataSource.Create(connectionString);
        await Baseline.PrepareAsync(db);

        async Task WholeInstance(int _)
        {
            var started = await runner.StartAsync("bench-approval", null, null, null, "bench");
            await runner.CompleteTaskAsync(started.OpenTaskIds.Single(), variables, user);
        }

        // Steady state, as a server sees it after its first minutes: the JIT has compiled the hot
        // paths at full optimisation (on 2 cores, 500 instances after 10 warm-ups were still measuring
        // tier-0 code and the JIT thread), the pools are full, the statements are prepared.
        // Half of it on 8 clients: contended paths (pool waits, retries) get their tier-1 code too;
        // a warm-up on one client only left the JIT's thread busy through the 8-client series.
        await Measure.RunAsync("warm-up", 1, 0, WholeInstance, warmup: Math.Max(100, operations / 4));
        await Measure.RunAsync("warm-up", 8, Math.Max(100, operations / 4), WholeInstance, warmup: 0);
        await Baseline.InsertTransactionsAsync(db, 8, operations);

        var results = new List<(Throughput Result, double ClientMs, double ServerMs)>();
        foreach (var clients in new[] { 1, 8 })
        {
            results.Add(await WithCpuAsync(() => Baseline.InsertTransactionsAsync(db, clients, operations)));
            Console.Error.WriteLine($"engine: runtime series, {clients} client(s)"); // lets a profiler attach to one series
            results.Add(await WithCpuAsync(() => Measure.RunAsync("runtime: start → task → complete → end", clients, operations / 4, WholeInstance, warmup: 0)));
        }
        var pure = await PureEngineAsync(operations * 20);
        lines.AddRange(results.Select(r => $"{r.Result}  cpu/op: host {r.ClientMs:F3} ms, postgres {r.ServerMs:F3} ms"));
        lines.Add(pure.Throughput.ToString());

        foreach (var clients in new[] { 1, 8 })
        {
            var runtime = results.Single(r => r.Result.Clients == clients && r.Result.Name.StartsWith("runtime", StringComparison.Ordinal)).Result;
            var baseline = results.Single(r => r.Result.Clients == clients && r.Result.Name.StartsWith("baseline", StringComparison.Ordinal)).Result;
            lines.Add($"ratio (a)/(c) at {clients} client(s): {runtime.PerSecond / baseline.PerSecond:P1} " +
                      $"(whole instances per second / single-row insert transactions per second; an instance is 2 transactions)");
        }
        lines.Add($"pure engine: {pure.BytesPerStep:N0} bytes allocated per step (start or complete), {pure.Throughput.PerSecond:N0} instances/s on one thread");
        return lines;
    }

    /// A series with the CPU it cost per operation: this process (the host, or the baseline's Npgsql
    /// client) and every PostgreSQL process on the machine (backends, WAL writer, autovacuum), from /proc.
    static async Task<(Throughput, double, double)> WithCpuAsync(Func<Task<Throughput>> series)
    {
        var host = Process.GetCurrentProcess().TotalProcessorTime;
        var server = PostgresTicks();
        var result = await series();
        var hostMs = (Process.GetCurrentProcess().TotalProcessorTime - host).TotalMilliseconds / result.Operations;
        var serverMs = (PostgresTicks() - server) * 1000.0 / TicksPerSecond / result.Operations;
        return (result, hostMs, serverMs);
    }

    // USER_HZ: 100 on every Linux we run on (sysconf(_SC_CLK_TCK)).
    internal const double TicksPerSecond = 100;

    /// utime + stime of every process named postgres, in clock ticks.
    internal static long PostgresTicks()
    {
        long sum = 0;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (!stat.Contains("(postgres)", StringComparison.Ordinal))
                    continue;
                // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                sum += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return sum;
    }

    static async Task<(Throughput Throughput, double BytesPerStep)> PureEngineAsync(int instances)
    {
        var definition = BpmnParser.Parse(Xml).Processes[0];
        var now = DateTimeOffset.UtcNow;
        void One()
        {
            var started = ProcessInterpreter.Execute(definition, InstanceState.New, new StartInstance(), now);
            var task = started.Effects.OfType<CreateUserTask>().Single();
            ProcessInterpreter.Execute(definition, started.State, new CompleteUserTask(task.TaskId), now);
        }
        for (var i = 0; i < 1000; i++)
            One();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < instances; i++)
            One();
        clock.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        await Task.CompletedTask;
        return (new Throughput("pure engine (in memory, no I/O)", 1, instances, clock.Elapsed, 0, 0), bytes / (2.0 * instances));
    }
}
