using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Sla;

/// The host with a fake clock starting Monday 2026-06-01 15:00 Asia/Shanghai and no Hangfire server:
/// tests move time and fire due SLA timers themselves (`FireDueAsync`), so every instant is exact.
public sealed class SlaFakeClockApp : ServiceFlowApp
{
    public static readonly DateTimeOffset Monday1500 = new DateTimeOffset(2026, 6, 1, 15, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public FakeTimeProvider Clock { get; } = new(Monday1500);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    protected override IEnumerable<(string Key, string Value)> ExtraSettings() => [("Jobs:RunServer", "false")];
}

internal static class SlaClient
{
    public static async Task PutCalendarAsync(HttpClient admin, string name, object body) =>
        (await admin.PutAsJsonAsync($"/api/sla/calendars/{name}", body)).EnsureSuccessStatusCode();

    public static async Task<JsonElement> PutPolicyAsync(HttpClient admin, string key, object body)
    {
        var response = await admin.PutAsJsonAsync($"/api/sla/policies/{key}", body);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string> CreateTicketAsync(HttpClient admin, string serviceType, string priority, DateTimeOffset now)
    {
        var created = await admin.PostAsJsonAsync("/api/tickets", new
        {
            title = "SLA test",
            description = "clock test",
            serviceType,
            serviceObject = "CRM",
            discoveredAt = now,
            channel = "Phone",
            priority,
        });
        created.IsSuccessStatusCode.Should().BeTrue(await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    public static async Task<JsonElement> ClockAsync(HttpClient client, string number, string name)
    {
        var clocks = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}/sla");
        return clocks.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
    }

    public static DateTimeOffset Due(JsonElement clock) => clock.GetProperty("dueAt").GetDateTimeOffset();

    public static JsonElement Timer(JsonElement clock, string kind) =>
        clock.GetProperty("timers").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == kind && t.GetProperty("cancelledAt").ValueKind == JsonValueKind.Null);
}
