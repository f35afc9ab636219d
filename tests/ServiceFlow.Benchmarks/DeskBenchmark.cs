using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Security;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Benchmarks;

/// Issue 21 point 5: the desk's real work against the toy, in one run on one server.
/// (a) the shipped service-exception lifecycle through the HTTP API, driven as a client would (ten requests:
/// create the ticket, read it, then four times read the instance's open task and complete it), with a real
/// ticket, SLA clocks and the mail outbox; (b) the toy start → task → complete through the HTTP API (three
/// requests); (c) the toy through the runner in this process; (d) single-row INSERT transactions.
/// The host of (a) and (b) is the Release build in Production, a separate process (HostProcess).
internal static class DeskBenchmark
{
    const string ToyXml = """
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

    /// <param name="seconds">roughly how long each timed series runs (bounded by a count derived from a probe).</param>
    public static async Task<IReadOnlyList<string>> RunAsync(double seconds)
    {
        var lines = new List<string> { $"load average at start: {LoadAverage()}" };
        var root = RepositoryRoot();
        var connectionString = await TestDatabase.CreateDatabaseAsync("benchdesk");
        // SF_BENCH_TRACE=1: every statement of the host and the markers below go to the server's log, one
        // warm toy and one warm lifecycle are run between markers, and nothing is timed (logging costs).
        var trace = Environment.GetEnvironmentVariable("SF_BENCH_TRACE") is "1";
        var hostConnection = trace ? connectionString + ";Options=-c log_min_duration_statement=0" : connectionString;
        await using var host = await HostProcess.StartAsync(root, hostConnection, TempFolder.Create("benchdesk"));
        using var api = host.ApiClient();
        var publish = await api.PostAsync("/api/workflows", new StringContent(ToyXml, Encoding.UTF8, "application/xml"));
        if (publish.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            throw new InvalidOperationException($"Publishing the toy: {(int)publish.StatusCode} {await publish.Content.ReadAsStringAsync()}");

        if (trace)
            return await TraceAsync(api, hostConnection);
        // SF_BENCH_PHASES=N: after a warm-up, N lifecycles and N toys one after another, with the host's CPU and
        // the round trips of each request: where a lifecycle's time goes, request by request (nothing else timed).
        if (int.TryParse(Environment.GetEnvironmentVariable("SF_BENCH_PHASES"), out var phaseRuns) && phaseRuns > 0)
            return await PhasesAsync(api, host, connectionString, phaseRuns);
        var runnerDb = await TestDatabase.CreateDatabaseAsync("benchdeskrun");
        await using var app = ServiceFlowApp.StartOn(runnerDb, runJobs: false, ("Logging:LogLevel:Default", "Error"));
        var runner = app.Services.GetRequiredService<ProcessRunner>();
        await app.Services.GetRequiredService<DefinitionStore>().PublishAsync(ToyXml, "bench");
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));

        await using var db = NpgsqlDataSource.Create(connectionString);
        await Baseline.PrepareAsync(db);

        Task Desk(int _) => DeskLifecycleAsync(api);
        Task ToyHttp(int _) => ToyOverHttpAsync(api);
        async Task ToyRunner(int _)
        {
            var started = await runner.StartAsync("bench-approval", null, null, null, "bench");
            await runner.CompleteTaskAsync(started.OpenTaskIds.Single(), null, user);
        }
        Task Insert(int _) => Baseline.InsertOneAsync(db);

        // Warm-up (JIT tier-1, pools, prepared statements) on 1 and 8 clients, then a probe sizes each series
        // so that it runs about `seconds`: a shared machine gets a bounded run whatever its speed.
        foreach (var op in new Func<int, Task>[] { Desk, ToyHttp, ToyRunner, Insert })
        {
            await Measure.RunAsync("warm-up", 1, 0, op, warmup: 20);
            await Measure.RunAsync("warm-up", 8, 80, op, warmup: 0);
        }

        // Then both HTTP paths together on 8 clients for SF_BENCH_WARM seconds (default 60): the host's tiered JIT
        // (instrumented tier, then the optimised one) takes a minute or more under load to settle on the desk's code
        // (Scriban, MimeKit, Jint, the SLA clocks, the calendars), and a node that serves a desk runs for days.
        var warm = double.TryParse(Environment.GetEnvironmentVariable("SF_BENCH_WARM"), CultureInfo.InvariantCulture, out var w) ? w : 60;
        if (warm > 0)
        {
            var until = Stopwatch.GetTimestamp() + (long)(warm * Stopwatch.Frequency);
            var mixed = 0;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
            {
                for (var i = 0; Stopwatch.GetTimestamp() < until && i < 100_000; i++)
                {
                    await (c % 2 == 0 ? Desk(i) : ToyHttp(i));
                    Interlocked.Increment(ref mixed);
                }
            })));
            lines.Add($"warm-up: {mixed} desk lifecycles and toys mixed on 8 clients for {warm:F0} s");
        }
        // SF_BENCH_SOAK=N: only the desk lifecycle on 8 clients for about N seconds, for a profiler attached to
        // the host (its pid is printed first); nothing is reported.
        if (double.TryParse(Environment.GetEnvironmentVariable("SF_BENCH_SOAK"), CultureInfo.InvariantCulture, out var soak) && soak > 0)
        {
            Console.WriteLine($"soak: host pid {host.Pid}");
            var probe = await Measure.RunAsync("probe", 8, 32, Desk, warmup: 0);
            var run = await Measure.RunAsync("soak", 8, (int)Math.Clamp(probe.PerSecond * soak, 8, 100_000), Desk, warmup: 0);
            return [run.ToString()];
        }
        var series = new List<Sample>();
        foreach (var clients in new[] { 1, 8 })
        {
            series.Add(await SampleAsync("(d) baseline: INSERT + COMMIT (Npgsql)", clients, seconds, Insert, host, connectionString));
            series.Add(await SampleAsync("(c) toy via runner (in process)", clients, seconds, ToyRunner, host, runnerDb));
            series.Add(await SampleAsync("(b) toy via HTTP (3 requests)", clients, seconds, ToyHttp, host, connectionString));
            series.Add(await SampleAsync("(a) desk lifecycle via HTTP (10 requests)", clients, seconds, Desk, host, connectionString));
        }
        lines.AddRange(series.Select(s => s.ToString()));
        foreach (var clients in new[] { 1, 8 })
        {
            double Rate(string prefix) => series.Single(s => s.Result.Clients == clients && s.Result.Name.StartsWith(prefix, StringComparison.Ordinal)).Result.PerSecond;
            lines.Add($"{clients} client(s): (a)/(b) = {Rate("(a)") / Rate("(b)"):F3}, (a)/(d) = {Rate("(a)") / Rate("(d)"):F4}, " +
                      $"(b)/(d) = {Rate("(b)") / Rate("(d)"):F3}, (c)/(d) = {Rate("(c)") / Rate("(d)"):F3}");
        }
        lines.Add($"load average at end: {LoadAverage()}");
        return lines;
    }

    /// One lifecycle as the desk's client sends it: record, read, then review → arrange → execute → confirm,
    /// each by reading the instance's open task and completing it. The ticket has a customer address, so the
    /// confirmation sends the resolution mail through the outbox and starts the satisfaction survey.
    static async Task DeskLifecycleAsync(HttpClient api, Phases? phases = null)
    {
        var created = await Json(await Phase(phases, "create ticket", () => api.PostAsJsonAsync("/api/tickets", new
        {
            title = "CRM login fails with 500",
            description = "The customer sees error 500 after signing in to the back office.",
            serviceType = "system-operations",
            serviceObject = "CRM",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority = "P2",
            customerName = "Wang Xiaoming",
            customerEmail = "customer@example.com",
        })), HttpStatusCode.Created);
        var number = created.GetProperty("number").GetString()!;
        var ticket = await Json(await Phase(phases, "read ticket", () => api.GetAsync($"/api/tickets/{number}")));
        var instanceId = ticket.GetProperty("record").GetProperty("instanceId").GetGuid();
        await CompleteOpenTaskAsync(api, instanceId, "review", new { decision = "accept", groupAnalysis = false, severity = "major" }, phases);
        await CompleteOpenTaskAsync(api, instanceId, "arrange", new { handler = "admin", plan = "restart the auth service" }, phases);
        await CompleteOpenTaskAsync(api, instanceId, "execute", new { solved = true, solution = "Flushed the token cache", recovery = "Logins work" }, phases);
        await CompleteOpenTaskAsync(api, instanceId, "confirm", new { confirmed = true }, phases);
    }

    static async Task CompleteOpenTaskAsync(HttpClient api, Guid instanceId, string activity, object variables, Phases? phases = null)
    {
        var tasks = await Json(await Phase(phases, "read open task", () => api.GetAsync($"/api/tasks?instanceId={instanceId}&status=Open")));
        var task = tasks.EnumerateArray().Single(t => t.GetProperty("activityId").GetString() == activity);
        await Json(await Phase(phases, $"complete {activity}", () => api.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}/complete", new { variables })));
    }

    static async Task ToyOverHttpAsync(HttpClient api, Phases? phases = null)
    {
        var started = await Json(await Phase(phases, "toy: start", () => api.PostAsJsonAsync("/api/instances", new { workflowKey = "bench-approval" })), HttpStatusCode.Created);
        var tasks = await Json(await Phase(phases, "toy: read open task", () => api.GetAsync($"/api/tasks?instanceId={started.GetProperty("id").GetGuid()}&status=Open")));
        var id = tasks.EnumerateArray().Single().GetProperty("id").GetGuid();
        await Json(await Phase(phases, "toy: complete", () => api.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables = new { } })));
    }

    static Task<HttpResponseMessage> Phase(Phases? phases, string name, Func<Task<HttpResponseMessage>> request) =>
        phases is null ? request() : phases.MeasureAsync(name, request);

    /// Host CPU and database round trips of each request, summed by name over serial runs; what the host
    /// did between requests (Hangfire's mail and survey jobs, the dispatcher's pass) counts as "between".
    sealed class Phases(HostProcess host, string connectionString)
    {
        readonly Dictionary<string, (int Count, double CpuMs, double RoundTrips, double WallMs)> sums = [];
        Counters? last;

        public async Task<HttpResponseMessage> MeasureAsync(string name, Func<Task<HttpResponseMessage>> request)
        {
            var before = await Counters.ReadAsync(host, connectionString);
            if (last is not null)
                Add("(between requests)", before - last);
            var started = Stopwatch.GetTimestamp();
            var response = await request();
            var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            last = await Counters.ReadAsync(host, connectionString);
            Add(name, last - before, wall);
            return response;
        }

        void Add(string name, Counters c, double wall = 0)
        {
            var s = sums.GetValueOrDefault(name);
            sums[name] = (s.Count + 1, s.CpuMs + c.HostCpuMs, s.RoundTrips + c.RoundTrips, s.WallMs + wall);
        }

        public void Reset()
        {
            sums.Clear();
            last = null;
        }

        public IEnumerable<string> Lines(int runs) => sums.Select(kv => string.Create(CultureInfo.InvariantCulture,
            $"{kv.Key,-24} per run: host cpu {kv.Value.CpuMs / runs,6:F2} ms, round trips {kv.Value.RoundTrips / runs,5:F1}, wall {kv.Value.WallMs / runs,6:F2} ms ({kv.Value.Count / runs}x)"));
    }

    static async Task<IReadOnlyList<string>> PhasesAsync(HttpClient api, HostProcess host, string connectionString, int runs)
    {
        var phases = new Phases(host, connectionString);
        for (var i = 0; i < Math.Max(runs, 50); i++)   // warm-up: tier-1 JIT of both paths
        {
            await ToyOverHttpAsync(api);
            await DeskLifecycleAsync(api);
        }
        var lines = new List<string> { $"{runs} lifecycles and {runs} toys, one after another, per run:" };
        for (var i = 0; i < runs; i++)
            await DeskLifecycleAsync(api, phases);
        lines.AddRange(phases.Lines(runs));
        phases.Reset();
        for (var i = 0; i < runs; i++)
            await ToyOverHttpAsync(api, phases);
        lines.AddRange(phases.Lines(runs));
        return lines;
    }

    static async Task<IReadOnlyList<string>> TraceAsync(HttpClient api, string connectionString)
    {
        await using var marks = NpgsqlDataSource.Create(connectionString);
        async Task Mark(string text)
        {
            await using var cmd = marks.CreateCommand($"SELECT 'sf-mark {text}'");
            await cmd.ExecuteScalarAsync();
        }
        for (var i = 0; i < 3; i++)
        {
            await ToyOverHttpAsync(api);
            await DeskLifecycleAsync(api);
        }
        await Mark("toy start");
        await ToyOverHttpAsync(api);
        await Mark("toy end");
        await Task.Delay(2000);
        await Mark("desk start");
        await DeskLifecycleAsync(api);
        await Mark("desk end");
        return ["traced: see server.log of the test cluster between the sf-mark lines"];
    }

    static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    /// A series sized to last about `seconds` from a short probe, with what it cost per operation.
    static async Task<Sample> SampleAsync(string name, int clients, double seconds, Func<int, Task> op, HostProcess host, string database)
    {
        var probe = await Measure.RunAsync(name, clients, clients * 4, op, warmup: 0);
        var operations = Math.Clamp((int)(probe.PerSecond * seconds), clients * 4, 100_000);
        var load = LoadAverage();
        var before = await Counters.ReadAsync(host, database);
        var result = await Measure.RunAsync(name, clients, operations, op, warmup: 0);
        var after = await Counters.ReadAsync(host, database);
        return new Sample(result, load, (after - before) / operations);
    }

    static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServiceFlow.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }

    sealed record Sample(Throughput Result, string Load, Counters PerOp)
    {
        public override string ToString() => $"{Result}  load {Load}  per op: {PerOp}";
    }
}
