using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Npgsql;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Benchmarks;

/// Issue 19's benchmark, one run: (1) the management dashboard page and a grouped measure over `tickets` generated
/// tickets, p50/p95/p99 through HTTP against the host in Release and Production, each next to the raw SQL of the
/// same aggregates on the same server; (2) the UCI log imported through POST /api/imports, events/s against COPY of
/// the same rows into a bare table. Ratios are from this run only.
internal static class ReportsBenchmark
{
    public static async Task<IReadOnlyList<string>> RunAsync(int tickets, int samples)
    {
        var lines = new List<string> { $"load before: {Uptime()}" };
        var root = Root();
        var connectionString = await TestDatabase.CreateDatabaseAsync("benchreports");
        await using var host = await HostProcess.StartAsync(root, connectionString, TempFolder.Create("bench-reports"), ("Jobs:RunServer", "false"));
        await using var db = NpgsqlDataSource.Create(connectionString);
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await ReportsData.FillAsync(db, tickets, now);
        lines.Add($"generated {tickets:N0} tickets with their clocks and surveys by COPY in {clock.Elapsed.TotalSeconds:F0} s");

        var api = host.ApiClient();
        clock.Restart();
        (await api.PostAsync("/api/reports/facts/rebuild", null)).EnsureSuccessStatusCode();
        lines.Add($"facts built from them in {clock.Elapsed.TotalSeconds:F0} s ({tickets / clock.Elapsed.TotalSeconds:N0} tickets/s; POST /api/reports/facts/rebuild)");
        await Sql(db, "VACUUM ANALYZE serviceflow.report_facts");

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = TimeZoneInfo.ConvertTime(now, zone);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = await host.PageClientAsync();
        var pageUrl = $"/reports?view=management&month={month:yyyy-MM}";
        var apiUrl = $"/api/reports/measures?from={Day(month.AddMonths(-11))}&to={Day(month.AddMonths(1))}&groupBy=month" +
            "&measures=volume,resolved,resolutionRate,handlingTime,sla.resolution,satisfaction";
        var dashboardSql = ReportsBaselineSql.Dashboard(Local(month, zone), Local(month.AddMonths(1), zone));
        var groupedSql = ReportsBaselineSql.Grouped(Local(month.AddMonths(-11), zone), Local(month.AddMonths(1), zone));

        var html = await page.GetStringAsync(pageUrl);
        if (!html.Contains("data-testid=\"kpi-volume\"", StringComparison.Ordinal))
            throw new InvalidOperationException("The dashboard did not render its tiles: " + html[..Math.Min(2000, html.Length)]);
        // Each series alternates with its baseline, sample by sample, so both see the same load on the shared machine.
        var (pageSeries, pageSql) = await PairAsync("page: management dashboard (one month)", () => Get(page, pageUrl),
            "sql: the dashboard's aggregates", () => SqlAll(db, dashboardSql), samples);
        var (apiSeries, apiSql) = await PairAsync("api: 6 measures by month, 12 months", () => Get(api, apiUrl),
            "sql: the same aggregate", () => SqlAll(db, groupedSql), samples);
        var series = new[] { pageSeries, pageSql, apiSeries, apiSql };
        lines.AddRange(series.Select(s => s.ToString()));
        lines.Add($"ratio page/sql p95: {series[0].P95 / series[1].P95:F2}x (p50 {series[0].P50 / series[1].P50:F2}x); api/sql p95: {series[2].P95 / series[3].P95:F2}x (p50 {series[2].P50 / series[3].P50:F2}x)");
        lines.Add($"page p95 {series[0].P95:F0} ms (aim ≤ 1000 ms)");

        if (Environment.GetEnvironmentVariable("SF_BENCH_SKIP_IMPORT") != "1") // for trying the first part alone
            lines.AddRange(await ImportSeriesAsync(api, db, root));
        lines.Add($"load after: {Uptime()}");
        return lines;
    }

    internal sealed record Series(string Name, int Samples, double P50, double P95, double P99)
    {
        public override string ToString() => $"{Name,-44} n={Samples,-4} p50={P50,8:F1} ms  p95={P95,8:F1} ms  p99={P99,8:F1} ms";
    }

    static async Task<(Series, Series)> PairAsync(string nameA, Func<Task> a, string nameB, Func<Task> b, int samples)
    {
        for (var i = 0; i < 5; i++)
        {
            await a();
            await b();
        }
        var (timesA, timesB) = (new double[samples], new double[samples]);
        for (var i = 0; i < samples; i++)
        {
            timesA[i] = await TimeAsync(a);
            timesB[i] = await TimeAsync(b);
        }
        return (Stats(nameA, timesA), Stats(nameB, timesB));
    }

    static async Task<double> TimeAsync(Func<Task> operation)
    {
        var start = Stopwatch.GetTimestamp();
        await operation();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    static Series Stats(string name, double[] times)
    {
        Array.Sort(times);
        return new Series(name, times.Length, Measure.Percentile(times, 0.50), Measure.Percentile(times, 0.95), Measure.Percentile(times, 0.99));
    }

    static async Task Get(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
    }

    static async Task SqlAll(NpgsqlDataSource db, IReadOnlyList<string> statements)
    {
        foreach (var sql in statements)
        {
            await using var cmd = db.CreateCommand(sql);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }
    }

    static async Task Sql(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }

    static DateTimeOffset Local(DateOnly day, TimeZoneInfo zone) => new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);

    /// The UCI log three times through the API (POST, then GET until Succeeded), against COPY of its parsed rows into a bare table.
    static async Task<IEnumerable<string>> ImportSeriesAsync(HttpClient api, NpgsqlDataSource db, string root)
    {
        var zip = Path.Combine(root, "..", "shared", "data", "uci-incident-event-log", "incident_event_log.zip");
        var bytes = await File.ReadAllBytesAsync(zip);
        var rows = UciRows.Read(zip);
        var imports = new List<double>();
        var copies = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var started = Stopwatch.StartNew();
            using var form = new MultipartFormDataContent { { new StringContent("uci"), "format" }, { new ByteArrayContent(bytes), "file", "incident_event_log.zip" } };
            var accepted = await api.PostAsync("/api/imports", form);
            var id = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
            JsonElement state;
            do
            {
                await Task.Delay(100);
                state = JsonDocument.Parse(await api.GetStringAsync($"/api/imports/{id}")).RootElement.Clone();
            } while (state.GetProperty("state").GetString() is "Queued" or "Running");
            if (state.GetProperty("state").GetString() != "Succeeded")
                throw new InvalidOperationException($"import failed: {state}");
            imports.Add(state.GetProperty("events").GetInt64() / started.Elapsed.TotalSeconds);
            copies.Add(await UciRows.CopyAsync(db, rows));
        }
        imports.Sort();
        copies.Sort();
        return
        [
            $"import UCI log through the API (upload → Succeeded), 3 runs: {string.Join(", ", imports.Select(r => $"{r:N0}"))} events/s",
            $"baseline COPY of the same {rows.Count:N0} parsed rows into a bare table, 3 runs: {string.Join(", ", copies.Select(r => $"{r:N0}"))} rows/s",
            $"ratio import/COPY (medians): {imports[1] / copies[1]:P1} (aim ≥ 25 %)",
        ];
    }

    static string Uptime() => File.Exists("/proc/loadavg") ? $"loadavg {File.ReadAllText("/proc/loadavg").Trim()}" : "n/a";

    static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServiceFlow.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
