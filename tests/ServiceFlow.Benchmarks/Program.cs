using ServiceFlow.Benchmarks;

// Throughput and latency harness (not part of `dotnet test`). Every figure that touches the database
// is reported next to a baseline measured in the same run on the same server. Usage:
//   dotnet run -c Release --project tests/ServiceFlow.Benchmarks -- engine [operations]
var suite = args.FirstOrDefault() ?? "engine";
// WebApplicationFactory finds the host's content root through this variable outside a test project.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "ServiceFlow.sln")))
    root = root.Parent;
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SERVICEFLOW_WEB",
    Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run from inside the repository."), "src", "ServiceFlow.Web"));
var operations = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 2000;
Console.WriteLine($"ServiceFlow benchmarks: {suite}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
var lines = suite switch
{
    "engine" => await EngineBenchmark.RunAsync(operations),
    "sla" => await SlaBenchmark.RunAsync(args.Length > 1 ? operations : 10_000),
    // desk [seconds per series]: issue 21's suite, default 4 s a series.
    "desk" => await DeskBenchmark.RunAsync(args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var secs) ? secs : 4),
    "inbox" => await InboxBenchmark.RunAsync(args.Length > 1 ? operations : 100),
    // reports [tickets] [samples]: default 1,000,000 generated tickets, 40 timed requests per series.
    "reports" => await ReportsBenchmark.RunAsync(args.Length > 1 ? operations : 1_000_000, args.Length > 2 && int.TryParse(args[2], out var s) ? s : 40),
    _ => throw new ArgumentException($"Unknown suite '{suite}'. Suites: engine, desk, sla, inbox, reports."),
};
foreach (var line in lines)
    Console.WriteLine(line);
return 0;
