using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Tickets;

/// The whole service exception lifecycle of seed 000 §4 through the API, each step by the role the rules name.
public sealed class TicketLifecycleTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    static object NewTicket(string title, string? customerEmail = null) => new
    {
        title,
        description = "客户反映登录后台时报错 500，持续约 20 分钟。",
        serviceType = "system-operations",
        serviceObject = "CRM",
        discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        channel = "Phone",
        priority = "P2",
        impactQualitative = "部分客户无法登录",
        affectedCustomers = 40,
        initialJudgement = "login service down",
        severity = "major",
        customerName = "王小明",
        customerEmail,
    };

    [Fact]
    public async Task Lifecycle_RecordReviewCorrectArrangeHandleEscalateConfirmArchive()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"front-{suffix}", "FrontLine");
        var boss = await People.CreateAsync(app, $"boss-{suffix}", "Supervisor");
        var tech = await People.CreateAsync(app, $"tech-{suffix}", "TechSupport");

        var customer = $"customer-{suffix}@example.com";
        var created = await front.PostAsJsonAsync("/api/tickets", NewTicket("CRM 登录报错", customer));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        number.Should().MatchRegex(@"^SE-\d{4}-\d{6}$");
        (await StatusAsync(front, number)).Should().Be("InReview");

        // Review: sent back for correction, corrected by the reporter, reviewed again and accepted.
        await CompleteAsync(boss, number, "review", new { decision = "return", comment = "Add the impact scope" });
        (await StatusAsync(front, number)).Should().Be("Correction");
        (await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("supervisor").GetString()
            .Should().Be($"boss-{suffix}", "the review form names its reviewer as the ticket's supervisor");
        await CompleteAsync(front, number, "correct", new { });
        (await StatusAsync(front, number)).Should().Be("InReview");
        await CompleteAsync(boss, number, "review", new { decision = "accept", groupAnalysis = false, severity = "critical" });
        await CompleteAsync(boss, number, "arrange", new { handler = $"tech-{suffix}", plan = "goal: restore login; steps: restart auth; owner: tech; deadline: today" });
        (await StatusAsync(tech, number)).Should().Be("InProgress");

        // Handling: steps logged, a communication, escalation to tier 2 and then to a vendor.
        (await tech.PostAsJsonAsync($"/api/tickets/{number}/steps", new { action = "Restarted auth service", tool = "kubectl" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await tech.PostAsJsonAsync($"/api/tickets/{number}/communications", new { channel = "phone", counterpart = "王小明", outcome = "told the customer we are on it" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var wrongWay = await tech.PostAsJsonAsync($"/api/tickets/{number}/escalate", new { to = "Tier1", reason = "?" });
        wrongWay.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await tech.PostAsJsonAsync($"/api/tickets/{number}/escalate", new { to = "Tier2", reason = "needs database access" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await tech.PostAsJsonAsync($"/api/tickets/{number}/escalate", new { to = "Vendor", reason = "driver bug", vendor = "Acme DB", vendorReference = "ACME-42", promisedAt = DateTimeOffset.UtcNow.AddHours(4) })).StatusCode.Should().Be(HttpStatusCode.OK);
        await CompleteAsync(tech, number, "execute", new { solved = true, solution = "Vendor patch applied", recovery = "Logins work again" });

        // Result feedback: rejected once, handled again, then confirmed → archived.
        await CompleteAsync(boss, number, "confirm", new { confirmed = false, comment = "Verify with the customer first" });
        (await StatusAsync(tech, number)).Should().Be("InProgress");
        await CompleteAsync(tech, number, "execute", new { solved = true, solution = "Vendor patch applied and verified" });
        await CompleteAsync(boss, number, "confirm", new { confirmed = true });

        var detail = await boss.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
        var record = detail.GetProperty("record");
        record.GetProperty("status").GetString().Should().Be("Archived");
        record.GetProperty("tier").GetString().Should().Be("Vendor");
        record.GetProperty("severity").GetString().Should().Be("critical");
        record.GetProperty("handler").GetString().Should().Be($"tech-{suffix}");
        record.GetProperty("solution").GetString().Should().Be("Vendor patch applied and verified");
        record.GetProperty("archivedAt").ValueKind.Should().Be(JsonValueKind.String);
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        timeline.Count(e => e.GetProperty("kind").GetString() == "Escalation").Should().Be(2);
        timeline.Should().Contain(e => e.GetProperty("kind").GetString() == "Escalation" && e.GetProperty("extra").GetString() == "Acme DB ACME-42");
        timeline.Should().Contain(e => e.GetProperty("kind").GetString() == "Change" && e.GetProperty("text").GetString() == "solution"
            && e.GetProperty("detail").GetString() == "Vendor patch applied" && e.GetProperty("extra").GetString() == "Vendor patch applied and verified");
        timeline.Should().Contain(e => e.GetProperty("kind").GetString() == "Step" && e.GetProperty("detail").GetString() == "kubectl");

        // The customer is told, with the solution, through the outbox (the pickup folder in tests).
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            var until = DateTime.UtcNow.AddSeconds(30);
            OutboxMessage? mail;
            while ((mail = await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.To == customer)) is not { Status: OutboxStatus.Sent } && DateTime.UtcNow < until)
                await Task.Delay(200);
            mail.Should().NotBeNull();
            mail!.Status.Should().Be(OutboxStatus.Sent, mail.LastError);
            mail.Template.Should().Be("ticket-resolved");
            mail.Model.Should().Contain("Vendor patch applied and verified");
            // …and the callback survey starts for the resolved ticket, knowing who handled it.
            var survey = await db.ProcessInstances.AsNoTracking().SingleAsync(i => i.WorkflowKey == "callback-survey" && i.BusinessKey == number);
            survey.Status.Should().Be(ServiceFlow.Engine.Execution.InstanceStatus.Running);
            survey.Variables.Should().Contain(customer).And.Contain($"tech-{suffix}");
        }

        // Archived: read-only.
        var late = await tech.PostAsJsonAsync($"/api/tickets/{number}/steps", new { action = "one more thing" });
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).Should().Contain("Archived");
    }

    [Fact]
    public async Task Create_NamesEveryMissingField()
    {
        var front = await People.CreateAsync(app, $"front-{Guid.NewGuid():N}"[..14], "FrontLine");

        var response = await front.PostAsJsonAsync("/api/tickets", new { title = "only a title", channel = "Email" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["description", "serviceType", "serviceObject", "discoveredAt", "priority"]);
    }

    [Fact]
    public async Task SimpleRequest_ClosedAtOnce_CountsAsFirstContactResolution()
    {
        var front = await People.CreateAsync(app, $"front-{Guid.NewGuid():N}"[..14], "FrontLine");
        var request = new Dictionary<string, object?>
        {
            ["title"] = "How do I reset my password?",
            ["description"] = "asked by phone",
            ["serviceType"] = "consultation",
            ["serviceObject"] = "portal",
            ["discoveredAt"] = DateTimeOffset.UtcNow,
            ["channel"] = "Phone",
            ["priority"] = "P4",
            ["resolvedAtOnce"] = true,
            ["solution"] = "Explained the self-service reset page",
        };

        var response = await front.PostAsJsonAsync("/api/tickets", request);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var record = (await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record");
        record.GetProperty("status").GetString().Should().Be("ClosedAtOnce");
        record.GetProperty("firstContactResolution").GetBoolean().Should().BeTrue();
        record.GetProperty("instanceId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task EachRole_IsRefused_SomethingItMayNotDo()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"front-{s}", "FrontLine");
        var otherFront = await People.CreateAsync(app, $"front2-{s}", "FrontLine");
        var tech = await People.CreateAsync(app, $"tech-{s}", "TechSupport");
        var auditor = await People.CreateAsync(app, $"audit-{s}", "Auditor");
        var boss = await People.CreateAsync(app, $"boss-{s}", "Supervisor");
        var created = await front.PostAsJsonAsync("/api/tickets", NewTicket("permissions"));
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();

        // Auditor reads everything, changes nothing.
        (await auditor.GetAsync($"/api/tickets/{number}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await auditor.PostAsJsonAsync($"/api/tickets/{number}/steps", new { action = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await auditor.PostAsJsonAsync("/api/tickets", NewTicket("no"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // Front line sees what they recorded and their group's tickets, not a colleague's routed elsewhere.
        (await otherFront.GetAsync($"/api/tickets/{number}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Front line cannot do the supervisor's review.
        var review = await TaskIdAsync(boss, number!, "review");
        (await front.PostAsJsonAsync($"/api/tasks/{review}/complete", new { variables = new { decision = "accept" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // Technical support sees tickets routed to its group.
        (await tech.GetAsync($"/api/tickets/{number}")).StatusCode.Should().Be(HttpStatusCode.OK, "system-operations is routed to TechSupport by default");
        // Only administrators manage users.
        (await boss.PostAsJsonAsync("/api/admin/users", new { userName = "x", password = "whatever-123" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // Only process owners publish workflows.
        (await tech.PostAsync("/api/workflows", new StringContent("<x/>", System.Text.Encoding.UTF8, "application/xml"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    static async Task<string> StatusAsync(HttpClient client, string number) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("status").GetString()!;

    async Task<Guid> TaskIdAsync(HttpClient client, string number, string activity)
    {
        var instanceId = (await app.CreateAdminApiClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("instanceId").GetGuid();
        var tasks = await client.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instanceId}");
        return tasks!.Single(t => t.GetProperty("activityId").GetString() == activity).GetProperty("id").GetGuid();
    }

    async Task CompleteAsync(HttpClient client, string number, string activity, object variables)
    {
        var id = await TaskIdAsync(client, number, activity);
        (await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}")).GetProperty("priority").GetInt32()
            .Should().Be(2, $"{activity} carries the P2 ticket's priority, so the inbox shows, filters and sorts it by it");
        var response = await client.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables });
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{activity}: {await response.Content.ReadAsStringAsync()}");
    }
}
