using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Security;

/// The people of the probing session (front line, a second front line, supervisor, technical support,
/// auditor), each with their own API client, and the ticket steps the attacks start from.
internal sealed class AttackDesk
{
    public required ServiceFlowApp App { get; init; }
    public required HttpClient Admin { get; init; }
    public required HttpClient Front { get; init; }
    public required HttpClient OtherFront { get; init; }
    public required HttpClient Boss { get; init; }
    public required HttpClient Tech { get; init; }
    public required HttpClient Auditor { get; init; }
    public required string Suffix { get; init; }
    public string FrontName => $"front-{Suffix}";
    public string BossName => $"boss-{Suffix}";
    public string TechName => $"tech-{Suffix}";
    public string AuditorName => $"audit-{Suffix}";

    public static async Task<AttackDesk> CreateAsync(ServiceFlowApp app)
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        return new AttackDesk
        {
            App = app,
            Admin = app.CreateAdminApiClient(),
            Front = await People.CreateAsync(app, $"front-{s}", "FrontLine"),
            OtherFront = await People.CreateAsync(app, $"front2-{s}", "FrontLine"),
            Boss = await People.CreateAsync(app, $"boss-{s}", "Supervisor"),
            Tech = await People.CreateAsync(app, $"tech-{s}", "TechSupport"),
            Auditor = await People.CreateAsync(app, $"audit-{s}", "Auditor"),
            Suffix = s,
        };
    }

    /// A ticket recorded by the front line (routed to TechSupport unless the service type says otherwise).
    public async Task<string> RecordAsync(string title, string? customerEmail = null, string serviceType = "system-operations")
    {
        var created = await Front.PostAsJsonAsync("/api/tickets", new
        {
            title,
            description = "客户反映登录后台时报错 500",
            serviceType,
            serviceObject = "CRM",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority = "P2",
            customerName = "王小明",
            customerEmail,
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    /// Recorded, reviewed, arranged with the technician as handler: the ticket is being handled.
    public async Task<string> InProgressAsync(string title, string? customerEmail = null)
    {
        var number = await RecordAsync(title, customerEmail);
        await CompleteAsync(Boss, number, "review", new { decision = "accept", groupAnalysis = false, severity = "major" });
        await CompleteAsync(Boss, number, "arrange", new { handler = TechName, plan = "restart the auth service" });
        return number;
    }

    /// Handled, solved and confirmed: the ticket is archived (and, with a customer address, its survey starts).
    public async Task<string> ArchivedAsync(string title, string? customerEmail = null)
    {
        var number = await InProgressAsync(title, customerEmail);
        await CompleteAsync(Tech, number, "execute", new { solved = true, solution = "Flushed the token cache", recovery = "Logins work" });
        await CompleteAsync(Boss, number, "confirm", new { confirmed = true });
        (await RecordOf(number)).GetProperty("status").GetString().Should().Be("Archived");
        return number;
    }

    public async Task<JsonElement> RecordOf(string number) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record");

    public async Task<Guid> InstanceOf(string number) => (await RecordOf(number)).GetProperty("instanceId").GetGuid();

    public async Task<Guid> TaskIdAsync(string number, string activity)
    {
        var tasks = await Admin.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={await InstanceOf(number)}");
        return tasks!.Single(t => t.GetProperty("activityId").GetString() == activity).GetProperty("id").GetGuid();
    }

    public async Task CompleteAsync(HttpClient who, string number, string activity, object variables)
    {
        var response = await who.PostAsJsonAsync($"/api/tasks/{await TaskIdAsync(number, activity)}/complete", new { variables });
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{activity}: {await response.Content.ReadAsStringAsync()}");
    }
}
