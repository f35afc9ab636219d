using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Tickets;

/// What people enter in a ticket's tasks, through the API: comments land on the timeline with who, when and
/// which task; a record goes back (or a result is returned) only with a reason; the handler must be a real,
/// eligible person; and the candidates endpoint lists exactly the people the pickers offer.
public sealed class TaskInputTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Fact]
    public async Task Comments_LandOnTheTimeline_AndSendingBackNeedsAReason()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (front, boss, tech) = (await People.CreateAsync(app, $"front-{s}", "FrontLine"), await People.CreateAsync(app, $"boss-{s}", "Supervisor"),
            await People.CreateAsync(app, $"tech-{s}", "TechSupport"));
        var number = await RecordAsync(front);

        var bare = await CompleteAsync(boss, number, "review", new { decision = "return" });
        bare.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bare.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("Say why").And.Contain(number);
        (await RecordOf(boss, number)).GetProperty("status").GetString().Should().Be("InReview", "a refused completion changes nothing");

        var reviewTask = await TaskIdAsync(boss, number, "review");
        (await CompleteAsync(boss, number, "review", new { decision = "return", comment = "Add how many customers are affected" })).EnsureSuccessStatusCode();
        (await CompleteAsync(front, number, "correct", new { comment = "About 40 customers; added to the impact" })).EnsureSuccessStatusCode();
        (await CompleteAsync(boss, number, "review", new { decision = "accept", groupAnalysis = false, comment = "Complete now" })).EnsureSuccessStatusCode();
        (await CompleteAsync(boss, number, "arrange", new { handler = $"tech-{s}", plan = "Restart the gateway" })).EnsureSuccessStatusCode();
        (await CompleteAsync(tech, number, "execute", new { solved = true, solution = "Restarted" })).EnsureSuccessStatusCode();
        (await CompleteAsync(boss, number, "confirm", new { confirmed = false })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CompleteAsync(boss, number, "confirm", new { confirmed = false, comment = "The customer still sees errors" })).EnsureSuccessStatusCode();

        var comments = (await TimelineAsync(boss, number)).Where(e => e.GetProperty("kind").GetString() == "Comment").ToList();
        comments.Select(e => (e.GetProperty("text").GetString(), e.GetProperty("by").GetString(), e.GetProperty("extra").GetString())).Should().Equal(
            ("Add how many customers are affected", $"boss-{s}", "return"),
            ("About 40 customers; added to the impact", $"front-{s}", null),
            ("Complete now", $"boss-{s}", "accept"),
            ("The customer still sees errors", $"boss-{s}", "rejected"));
        comments[0].GetProperty("detail").GetString().Should().Be(reviewTask.ToString(), "a comment names the task it was written in");
        comments.Should().OnlyContain(e => e.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Correction_EditsTheRecord_WithWhoWhenAndOldToNewInItsHistory()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (front, boss) = (await People.CreateAsync(app, $"front-{s}", "FrontLine"), await People.CreateAsync(app, $"boss-{s}", "Supervisor"));
        var number = await RecordAsync(front);
        (await CompleteAsync(boss, number, "review", new { decision = "return", comment = "How many customers?" })).EnsureSuccessStatusCode();

        var corrected = await CompleteAsync(front, number, "correct", new
        {
            description = "Customers see a timeout after 30 s; about 40 of them.",
            affectedCustomers = 40,
            impactQualitative = "Checkout fails for card payments",
        });

        corrected.StatusCode.Should().Be(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        var record = await RecordOf(boss, number);
        (record.GetProperty("description").GetString(), record.GetProperty("affectedCustomers").GetInt32(), record.GetProperty("status").GetString())
            .Should().Be(("Customers see a timeout after 30 s; about 40 of them.", 40, "InReview"));
        var changes = (await TimelineAsync(boss, number)).Where(e => e.GetProperty("kind").GetString() == "Change").ToList();
        var description = changes.Single(e => e.GetProperty("text").GetString() == "description");
        (description.GetProperty("by").GetString(), description.GetProperty("detail").GetString(), description.GetProperty("extra").GetString())
            .Should().Be(($"front-{s}", "Customers see a timeout after 30 s.", "Customers see a timeout after 30 s; about 40 of them."));
        changes.Should().Contain(e => e.GetProperty("text").GetString() == "affectedCustomers" && e.GetProperty("extra").GetString() == "40");
        var wrongType = await CompleteAsync(boss, number, "review", new { decision = "accept", severity = 3 });
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongType.Content.ReadAsStringAsync()).Should().Contain("severity must be one of minor, major, critical");
    }

    [Fact]
    public async Task AResultReportedAsSolved_MustSayHow_BeforeTheSupervisorConfirmsIt()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (front, boss, tech) = (await People.CreateAsync(app, $"front-{s}", "FrontLine"), await People.CreateAsync(app, $"boss-{s}", "Supervisor"),
            await People.CreateAsync(app, $"tech-{s}", "TechSupport"));
        var number = await RecordAsync(front);
        (await CompleteAsync(boss, number, "review", new { decision = "accept", groupAnalysis = false })).EnsureSuccessStatusCode();
        (await CompleteAsync(boss, number, "arrange", new { handler = $"tech-{s}", plan = "Restart the gateway" })).EnsureSuccessStatusCode();

        foreach (var empty in new object[] { new { solved = true }, new { solved = true, solution = "  ", recovery = "Payments work" } })
        {
            var refused = await CompleteAsync(tech, number, "execute", empty);
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("Say how").And.Contain(number);
            (await RecordOf(boss, number)).GetProperty("status").GetString().Should().Be("InProgress", "a refused completion changes nothing");
        }
        (await CompleteAsync(tech, number, "execute", new { solved = false, recovery = "Payments go through the backup gateway" })).EnsureSuccessStatusCode();
        (await CompleteAsync(boss, number, "confirm", new { confirmed = false, comment = "Solve it, not only work around it" })).EnsureSuccessStatusCode();
        (await CompleteAsync(tech, number, "execute", new { solved = true, solution = "Replaced the gateway's certificate" })).EnsureSuccessStatusCode();
        var record = await RecordOf(boss, number);
        (record.GetProperty("status").GetString(), record.GetProperty("solution").GetString()).Should().Be(("AwaitingConfirmation", "Replaced the gateway's certificate"));
    }

    [Fact]
    public async Task ReassigningTheHandlersTask_MakesTheNewPersonTheHandler_OfTheRecordItsHistoryAndAReturnedResult()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (front, boss, tech, other) = (await People.CreateAsync(app, $"front-{s}", "FrontLine"), await People.CreateAsync(app, $"boss-{s}", "Supervisor"),
            await People.CreateAsync(app, $"tech-{s}", "TechSupport"), await People.CreateAsync(app, $"other-{s}", "TechSupport"));
        await People.CreateAsync(app, $"boss2-{s}", "Supervisor");
        var number = await RecordAsync(front);
        // A task that is not the handler's (the review, claimed and then given to another supervisor) leaves the handler alone.
        var review = await OpenTaskIdAsync(number, "review");
        (await boss.PostAsync($"/api/tasks/{review}/claim", null)).EnsureSuccessStatusCode();
        (await boss.PostAsJsonAsync($"/api/tasks/{review}/assign", new { userName = $"boss2-{s}" })).EnsureSuccessStatusCode();
        (await RecordOf(boss, number)).GetProperty("handler").ValueKind.Should().Be(JsonValueKind.Null);
        (await boss.PostAsJsonAsync($"/api/tasks/{review}/assign", new { userName = $"boss-{s}" })).EnsureSuccessStatusCode();
        (await CompleteAsync(boss, number, "review", new { decision = "accept", groupAnalysis = false })).EnsureSuccessStatusCode();
        (await CompleteAsync(boss, number, "arrange", new { handler = $"tech-{s}", plan = "Restart the gateway" })).EnsureSuccessStatusCode();
        var execute = await OpenTaskIdAsync(number, "execute");

        (await tech.PostAsJsonAsync($"/api/tasks/{execute}/assign", new { userName = $"other-{s}" })).StatusCode.Should().Be(HttpStatusCode.Forbidden,
            "only a supervisor hands a task on");
        var assigned = await boss.PostAsJsonAsync($"/api/tasks/{execute}/assign", new { userName = $"other-{s}" });

        assigned.StatusCode.Should().Be(HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
        (await RecordOf(boss, number)).GetProperty("handler").GetString().Should().Be($"other-{s}");
        var handlerChanges = (await TimelineAsync(boss, number)).Where(e => e.GetProperty("kind").GetString() == "Change" && e.GetProperty("text").GetString() == "handler")
            .Select(e => (e.GetProperty("by").GetString(), e.GetProperty("detail").GetString(), e.GetProperty("extra").GetString())).ToList();
        handlerChanges.Should().Equal([($"boss-{s}", null, $"tech-{s}"), ($"boss-{s}", $"tech-{s}", $"other-{s}")],
            "the arrangement named the first handler; the reassignment changed it (what the reports count as reassigned)");
        // The new handler works it; a result the supervisor returns goes back to them, not to the person first arranged.
        (await tech.PostAsJsonAsync($"/api/tasks/{execute}/complete", new { variables = new { solved = true, solution = "Restarted" } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "the task is no longer the first handler's");
        (await CompleteAsync(other, number, "execute", new { solved = true, solution = "Restarted" })).EnsureSuccessStatusCode();
        (await CompleteAsync(boss, number, "confirm", new { confirmed = false, comment = "The customer still sees errors" })).EnsureSuccessStatusCode();
        var again = await OpenTaskIdAsync(number, "execute");
        again.Should().NotBe(execute);
        var instanceId = (await RecordOf(boss, number)).GetProperty("instanceId").GetGuid();
        var open = await boss.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instanceId}&status=Open");
        open!.Single().GetProperty("assignee").GetString().Should().Be($"other-{s}");
    }

    [Theory]
    [InlineData("chen.jei", "There is no user named 'chen.jei'")]
    [InlineData("nobody.here", "There is no user named 'nobody.here'")]
    [InlineData("AUDITOR", "cannot handle ticket")]
    public async Task Arrange_RefusesAHandlerWhoIsNotAnEligibleUser_NamingThemAndTheChoices(string handler, string says)
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (front, boss) = (await People.CreateAsync(app, $"front-{s}", "FrontLine"), await People.CreateAsync(app, $"boss-{s}", "Supervisor"));
        await People.CreateAsync(app, $"tech-{s}", "TechSupport");
        await People.CreateAsync(app, $"audit-{s}", "Auditor");
        var number = await RecordAsync(front);
        (await CompleteAsync(boss, number, "review", new { decision = "accept", groupAnalysis = false })).EnsureSuccessStatusCode();
        var name = handler == "AUDITOR" ? $"audit-{s}" : handler;

        var refused = await CompleteAsync(boss, number, "arrange", new { handler = name, plan = "Restart the gateway" });

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        detail.Should().Contain(says).And.Contain($"tech-{s}").And.Contain($"front-{s}").And.NotContain($"audit-{s},");
        var record = await RecordOf(boss, number);
        record.GetProperty("handler").ValueKind.Should().Be(JsonValueKind.Null, "the typo is not kept on the record");
        record.GetProperty("status").GetString().Should().Be("Arranging");
    }

    [Fact]
    public async Task Candidates_AreTheTasksGroupsAndTheTicketsHandlers_ForStaffWhoSeeTheTask()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var (front, boss) = (await People.CreateAsync(app, $"front-{s}", "FrontLine"), await People.CreateAsync(app, $"boss-{s}", "Supervisor"));
        await People.CreateAsync(app, $"tech-{s}", "TechSupport");
        await People.CreateAsync(app, $"audit-{s}", "Auditor");
        var outsider = await People.CreateAsync(app, $"front2-{s}", "FrontLine");
        var number = await RecordAsync(front);
        var review = await TaskIdAsync(boss, number, "review");

        var candidates = await boss.GetFromJsonAsync<JsonElement>($"/api/tasks/{review}/candidates");

        var assignees = Names(candidates.GetProperty("assignees"));
        assignees.Should().Contain($"boss-{s}").And.NotContain($"tech-{s}").And.NotContain($"front-{s}").And.NotContain($"audit-{s}");
        var handlers = Names(candidates.GetProperty("handlers"));
        handlers.Should().Contain($"tech-{s}").And.Contain($"front-{s}").And.NotContain($"audit-{s}").And.NotContain($"boss-{s}");
        (await app.CreateClient().GetAsync($"/api/tasks/{review}/candidates")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await outsider.GetAsync($"/api/tasks/{review}/candidates")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a task they cannot see");
    }

    static List<string> Names(JsonElement people) => [.. people.EnumerateArray().Select(p => p.GetProperty("userName").GetString()!)];

    static async Task<string> RecordAsync(HttpClient front)
    {
        var created = await front.PostAsJsonAsync("/api/tickets", new
        {
            title = "Payment gateway times out",
            description = "Customers see a timeout after 30 s.",
            serviceType = "system-operations",
            serviceObject = "payment gateway",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority = "P2",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    static async Task<JsonElement> RecordOf(HttpClient client, string number) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record");

    static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string number) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("timeline").EnumerateArray()];

    async Task<Guid> TaskIdAsync(HttpClient client, string number, string activity)
    {
        var instanceId = (await RecordOf(app.CreateAdminApiClient(), number)).GetProperty("instanceId").GetGuid();
        var tasks = await client.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instanceId}");
        return tasks!.Single(t => t.GetProperty("activityId").GetString() == activity).GetProperty("id").GetGuid();
    }

    async Task<HttpResponseMessage> CompleteAsync(HttpClient client, string number, string activity, object variables) =>
        await client.PostAsJsonAsync($"/api/tasks/{await TaskIdAsync(client, number, activity)}/complete", new { variables });

    /// The open task of an activity, whoever may see it (read as the administrator).
    async Task<Guid> OpenTaskIdAsync(string number, string activity)
    {
        var instanceId = (await RecordOf(app.CreateAdminApiClient(), number)).GetProperty("instanceId").GetGuid();
        var tasks = await app.CreateAdminApiClient().GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instanceId}&status=Open");
        return tasks!.Single(t => t.GetProperty("activityId").GetString() == activity).GetProperty("id").GetGuid();
    }
}
