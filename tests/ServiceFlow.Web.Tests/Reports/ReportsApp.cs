using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Reports;

/// The host with a fake clock (Saturday 2026-06-20 12:00 in Shanghai), no job server, and facts refreshed on
/// every read, so a test sees what it has just written.
public class ReportsApp : ServiceFlowApp
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    public static readonly DateTimeOffset Now = new(2026, 6, 20, 12, 0, 0, Shanghai);

    public FakeTimeProvider Clock { get; } = new(Now.ToUniversalTime());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    protected override IEnumerable<(string Key, string Value)> ExtraSettings() => [("Jobs:RunServer", "false"), ("Reports:MaxStalenessSeconds", "0")];

    /// Local time in the desk's zone (Asia/Shanghai).
    public static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new DateTimeOffset(2026, month, day, hour, minute, 0, Shanghai).ToUniversalTime();
}

internal static class ReportsClient
{
    public static async Task<JsonElement> MeasuresAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/reports/measures?{query}");
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static JsonElement Total(JsonElement report, string measure) => report.GetProperty("total").GetProperty("values").GetProperty(measure);

    public static JsonElement Row(JsonElement report, string key, string measure) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == key).GetProperty("values").GetProperty(measure);

    public static double? Value(JsonElement cell) => cell.GetProperty("value").ValueKind == JsonValueKind.Null ? null : cell.GetProperty("value").GetDouble();

    public static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{url}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
