using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Benchmarks;

/// Issue 6 point 4: the inbox page as a supervisor loads it (HTTP through the real host, so counts,
/// filters, SLA badges and paging are all in) with 100,000 open tasks. Baselines in the same run:
/// the same page with 1,000 open tasks, and a single-task primary-key lookup.
internal static partial class InboxBenchmark
{
    public static async Task<IReadOnlyList<string>> RunAsync(int operations)
    {
        var lines = new List<string>();
        var connectionString = await TestDatabase.CreateDatabaseAsync("benchinbox");
        await using var app = ServiceFlowApp.StartOn(connectionString, runJobs: false, ("Logging:LogLevel:Default", "Error"));
        await using var db = NpgsqlDataSource.Create(connectionString);
        var page = await SignInAsync(app);
        async Task Get(string url)
        {
            var response = await page.GetAsync(url);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
                throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        }

        var someId = await FillAsync(db, 0, 1_000);
        var small = await Measure.RunAsync("baseline: inbox page 1 at 1,000 open", 1, operations, _ => Get("/inbox?tab=all"));
        var pk = await Measure.RunAsync("baseline: task by primary key (Npgsql)", 1, operations * 10, async _ =>
        {
            await using var cmd = db.CreateCommand("SELECT * FROM serviceflow.user_tasks WHERE \"Id\" = $1");
            cmd.Parameters.AddWithValue(someId);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        });
        lines.Add(small.ToString());
        lines.Add(pk.ToString());

        await FillAsync(db, 1_000, 99_000);
        var deep = await WalkNextAsync(page, "/inbox?tab=all", 200);
        var filtered = await WalkNextAsync(page, "/inbox?tab=all&priority=2&sort=newest", 20);
        var series = new[]
        {
            await Measure.RunAsync("inbox page 1 at 100,000 open", 1, operations, _ => Get("/inbox?tab=all")),
            await Measure.RunAsync("inbox page 201 (Next x200)", 1, operations, _ => Get(deep)),
            await Measure.RunAsync("inbox P2 newest, page 21", 1, operations, _ => Get(filtered)),
            await Measure.RunAsync("sql: count(*) all open, uncapped", 1, operations, _ => Scalar(db, "SELECT count(*) FROM serviceflow.user_tasks WHERE \"Status\" = 'Open'")),
            await Measure.RunAsync("sql: count(*) all open, LIMIT 1001", 1, operations, _ => Scalar(db, "SELECT count(*) FROM (SELECT 1 FROM serviceflow.user_tasks WHERE \"Status\" = 'Open' LIMIT 1001) t")),
        };
        foreach (var s in series)
            lines.Add($"{s}  = {s.P50Ms / small.P50Ms:F1}x page@1k, {s.P50Ms / pk.P50Ms:F0}x pk (p50)");
        lines.Add($"deep page: {deep}");
        return lines;
    }

    /// Follows the pager's Next link `pages` times (bounded), as a person paging would; works for
    /// page numbers and cursors alike, so the same suite measures before and after keyset paging.
    static async Task<string> WalkNextAsync(HttpClient page, string url, int pages)
    {
        for (var i = 0; i < pages; i++)
        {
            var response = await page.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            var next = NextLink().Match(html);
            if (response.StatusCode != System.Net.HttpStatusCode.OK || !next.Success)
                throw new InvalidOperationException($"No Next link after {i} pages at {url}: {(int)response.StatusCode} {response.Headers.Location} {html[..Math.Min(html.Length, 3000)]}");
            url = System.Net.WebUtility.HtmlDecode(next.Groups[1].Value);
        }
        return url;
    }

    static async Task<HttpClient> SignInAsync(ServiceFlowApp app)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetStringAsync("/account/login");
        var token = System.Net.WebUtility.HtmlDecode(Antiforgery().Match(login).Groups[1].Value);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = ServiceFlowApp.AdminPassword,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException("Signing in as admin failed.");
        return client;
    }

    static async Task Scalar(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteScalarAsync();
    }

    /// Open tasks straight into user_tasks with COPY: 20 groups, 50 assignees (a third unassigned),
    /// priorities 0-4, due dates over ±30 days in whole hours (so many share a due date), and ANALYZE.
    static async Task<Guid> FillAsync(NpgsqlDataSource db, int from, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var first = Guid.Empty;
        await using (var conn = await db.OpenConnectionAsync())
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY serviceflow.user_tasks (\"Id\", \"Kind\", \"InstanceId\", \"EngineTaskId\", \"ActivityId\", \"Name\", \"WorkflowKey\", \"BusinessKey\", " +
            "\"CandidateGroups\", \"CandidateUsers\", \"Assignee\", \"Priority\", \"DueAt\", \"Status\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = from; i < from + count; i++)
            {
                var id = Guid.CreateVersion7();
                first = first == Guid.Empty ? id : first;
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync("Process", NpgsqlDbType.Varchar);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync($"task{i}", NpgsqlDbType.Text);
                await copy.WriteAsync("review", NpgsqlDbType.Text);
                await copy.WriteAsync($"Review request {i}", NpgsqlDbType.Text);
                await copy.WriteAsync("bench", NpgsqlDbType.Text);
                await copy.WriteAsync($"BENCH-{i:D6}", NpgsqlDbType.Text);
                await copy.WriteAsync(new[] { $"group{i % 20}" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                if (i % 3 == 0)
                    await copy.WriteNullAsync();
                else
                    await copy.WriteAsync($"agent{i % 50}", NpgsqlDbType.Text);
                await copy.WriteAsync(i % 5, NpgsqlDbType.Integer);
                if (i % 7 == 0)
                    await copy.WriteNullAsync();
                else
                    await copy.WriteAsync(now.AddHours(i % 1440 - 720).ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("Open", NpgsqlDbType.Varchar);
                await copy.WriteAsync(now.AddSeconds(-i / 10).ToUniversalTime(), NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await Scalar(db, "ANALYZE serviceflow.user_tasks");
        return first;
    }

    [GeneratedRegex("<a href=\"([^\"]+)\"[^>]*>\\s*(?:Next|下一页|&#x4E0B;&#x4E00;&#x9875;)")]
    private static partial Regex NextLink();

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex Antiforgery();
}
