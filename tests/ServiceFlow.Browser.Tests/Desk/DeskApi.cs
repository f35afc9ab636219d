using System.Net.Http.Json;
using System.Text.Json;

namespace ServiceFlow.Browser.Tests.Desk;

/// The API steps the browser tests take to set a scene (record a ticket, complete a task as someone).
internal static class DeskApi
{
    public static async Task<HttpClient> ClientAsync(BrowserApp app, string userName, string password = DeskSession.Password)
    {
        var client = app.CreateAdminApiClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    public static async Task<string> RecordAsync(HttpClient client, string title, string priority = "P2", string? severity = null, string? customerEmail = null,
        string? customerCulture = null)
    {
        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            title,
            description = "Customers see a timeout after 30 s when paying.",
            serviceType = "system-operations",
            serviceObject = "payment gateway",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority,
            severity,
            customerName = customerEmail is null ? null : "Wang Xiaoming",
            customerEmail,
            customerCulture,
        });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    public static async Task<JsonElement> RecordOfAsync(BrowserApp app, string number) =>
        (await app.CreateAdminApiClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record");

    public static async Task<List<JsonElement>> TimelineAsync(BrowserApp app, string number) =>
        [.. (await app.CreateAdminApiClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("timeline").EnumerateArray()];

    /// The open task of the ticket's lifecycle at `activity`, as `client` lists it.
    public static async Task<Guid> TaskIdAsync(BrowserApp app, HttpClient client, string number, string activity)
    {
        var instanceId = (await RecordOfAsync(app, number)).GetProperty("instanceId").GetGuid();
        var tasks = await client.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instanceId}");
        return tasks!.Single(t => t.GetProperty("activityId").GetString() == activity).GetProperty("id").GetGuid();
    }

    public static async Task CompleteAsync(BrowserApp app, HttpClient client, string number, string activity, object variables)
    {
        var id = await TaskIdAsync(app, client, number, activity);
        var response = await client.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables });
        response.IsSuccessStatusCode.Should().BeTrue($"{activity}: {await response.Content.ReadAsStringAsync()}");
    }
}
