using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServiceFlow.Web.Tests.Sla;

/// Drives a ticket through its lifecycle workflow over the API, as the desk does.
internal static class SlaDesk
{
    public static async Task<JsonElement[]> TasksAsync(HttpClient client, string number)
    {
        var instanceId = (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("instanceId").GetGuid();
        return (await client.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instanceId}"))!;
    }

    public static async Task CompleteAsync(HttpClient client, string number, string activity, object variables)
    {
        var id = (await TasksAsync(client, number)).Single(t => t.GetProperty("activityId").GetString() == activity).GetProperty("id").GetGuid();
        var response = await client.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables });
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{activity}: {await response.Content.ReadAsStringAsync()}");
    }

    /// Review accepted and handling arranged: the ticket is InProgress with admin as its handler.
    public static async Task ToInProgressAsync(HttpClient admin, string number)
    {
        await CompleteAsync(admin, number, "review", new { decision = "accept", groupAnalysis = false, severity = "major" });
        await CompleteAsync(admin, number, "arrange", new { handler = "admin", plan = "restart the service" });
        (await StatusAsync(admin, number)).Should().Be("InProgress");
    }

    public static async Task<string> StatusAsync(HttpClient client, string number) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("status").GetString()!;

    public static async Task<HttpResponseMessage> SetStatusAsync(HttpClient client, string number, string status, string? reason = null) =>
        await client.PostAsJsonAsync($"/api/tickets/{number}/status", new { status, reason });

    public static async Task CommunicateAsync(HttpClient client, string number, bool isInternal)
    {
        var response = await client.PostAsJsonAsync($"/api/tickets/{number}/communications",
            new { channel = "Phone", counterpart = isInternal ? "vendor" : "customer", outcome = "progress explained", @internal = isInternal });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static List<JsonElement> Segments(JsonElement clock) => [.. clock.GetProperty("segments").EnumerateArray()];
}
