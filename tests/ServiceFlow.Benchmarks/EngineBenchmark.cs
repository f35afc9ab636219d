using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Runtime;
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
        connectionString += Environment.GetEnvironmentVariable("SF_CS_EXTRA");
        if (Environment.GetEnvironmentVariable("SF_LOG_STATEMENTS") is not null)
            connectionString += ";Options=-c log_min_duration_statement=0";
        await using var app = ServiceFlowApp.StartOn(connectionString, runJobs: false, ("Logging:LogLevel:Default", "Error"));
        var runner = app.Services.GetRequiredService<ProcessRunner>();
        await app.Services.GetRequiredService<DefinitionStore>().PublishAsync(Xml, "bench");
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));
        var variables = new Dictionary<string, JsonElement> { ["approved"] = JsonSerializer.SerializeToElement(true) };

        await using var db = NpgsqlDataSource.Create(connectionString);
        await Baseline.PrepareAsync(db);

        async Task WholeInstance(int _)
        {
            var started = await runner.StartAsync("bench-approval", null, null, null, "bench");
            await runner.CompleteTaskAsync(started.OpenTaskIds.Single(), variables, user);
        }

        var results = new List<Throughput>();
        if (Environment.GetEnvironmentVariable("SF_ONLY_RUNTIME") is { } only)
        {
            Console.WriteLine("ready " + Environment.ProcessId);
            await Measure.RunAsync("warm", 1, 0, WholeInstance, warmup: 1500);
            await Baseline.InsertTransactionsAsync(db, 8, 4000);
            var b = await Baseline.InsertTransactionsAsync(db, 8, 8000);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var pg0 = PgTicks();
            var r = await Measure.RunAsync("runtime", 8, int.Parse(only), WholeInstance, warmup: 0);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / int.Parse(only);
            var pg = (PgTicks() - pg0) * 10.0 / int.Parse(only);
            lines.Add(b.ToString());
            lines.Add(r + $"  ratio {r.PerSecond / b.PerSecond:P1}  client cpu/instance {cpu:F2} ms, postgres {pg:F2} ms");
            return lines;
        }
        foreach (var clients in new[] { 1, 8 })
        {
            results.Add(await Baseline.InsertTransactionsAsync(db, clients, operations));
            results.Add(await Measure.RunAsync("runtime: start → task → complete → end", clients, operations / 4, WholeInstance, warmup: 10));
        }
        var pure = await PureEngineAsync(operations * 20);
        results.Add(pure.Throughput);
        lines.AddRange(results.Select(r => r.ToString()));

        foreach (var clients in new[] { 1, 8 })
        {
            var runtime = results.Single(r => r.Clients == clients && r.Name.StartsWith("runtime", StringComparison.Ordinal));
            var baseline = results.Single(r => r.Clients == clients && r.Name.StartsWith("baseline", StringComparison.Ordinal));
            lines.Add($"ratio (a)/(c) at {clients} client(s): {runtime.PerSecond / baseline.PerSecond:P1} " +
                      $"(whole instances per second / single-row insert transactions per second; an instance is 2 transactions)");
        }
        lines.Add($"pure engine: {pure.BytesPerStep:N0} bytes allocated per step (start or complete), {pure.Throughput.PerSecond:N0} instances/s on one thread");
        return lines;
    }

    static long PgTicks()
    {
        long sum = 0;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (!stat.Contains("(postgres)", StringComparison.Ordinal))
                    continue;
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                sum += long.Parse(f[11]) + long.Parse(f[12]);
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
