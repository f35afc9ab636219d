using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Knowledge;

/// Tickets taken through the real lifecycle workflow up to "solved" so the drafts see what a real ticket holds.
internal sealed record Desk(HttpClient Front, HttpClient Boss, HttpClient Tech, string Suffix);

internal static class SolvedTickets
{
    public static async Task<Desk> DeskAsync(ServiceFlowApp app)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        return new Desk(await People.CreateAsync(app, $"kfront-{suffix}", "FrontLine"), await People.CreateAsync(app, $"kboss-{suffix}", "Supervisor"),
            await People.CreateAsync(app, $"ktech-{suffix}", "TechSupport"), suffix);
    }

    public static async Task<string> RecordAsync(Desk desk, string title)
    {
        var created = await desk.Front.PostAsJsonAsync("/api/tickets", new
        {
            title,
            description = "登录后台报错 500",
            serviceType = "system-operations",
            serviceObject = "CRM",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority = "P2",
            impactQualitative = "部分客户无法登录",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    /// Review, arrange, cause analysis, handled and solved, then confirmed: the ticket ends Archived.
    public static async Task<string> ArchivedAsync(ServiceFlowApp app, Desk desk, string title)
    {
        var number = await RecordAsync(desk, title);
        await CompleteAsync(app, desk.Boss, number, "review", new { decision = "accept", groupAnalysis = false });
        await CompleteAsync(app, desk.Boss, number, "arrange", new { handler = $"ktech-{desk.Suffix}", plan = "restart auth" });
        (await desk.Tech.PutAsJsonAsync($"/api/tickets/{number}/analysis", new { technology = "auth token cache full" })).EnsureSuccessStatusCode();
        await CompleteAsync(app, desk.Tech, number, "execute", new { solved = true, solution = "Flushed the token cache", recovery = "Logins work again" });
        await CompleteAsync(app, desk.Boss, number, "confirm", new { confirmed = true });
        return number;
    }

    static async Task CompleteAsync(ServiceFlowApp app, HttpClient client, string number, string activity, object variables)
    {
        var instanceId = (await app.CreateAdminApiClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("instanceId").GetGuid();
        var tasks = await client.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instanceId}");
        var id = tasks!.Single(t => t.GetProperty("activityId").GetString() == activity).GetProperty("id").GetGuid();
        var response = await client.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables });
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{activity}: {await response.Content.ReadAsStringAsync()}");
    }
}
