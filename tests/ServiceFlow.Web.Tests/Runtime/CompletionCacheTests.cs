using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Security;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Runtime;

/// A node completes the tasks it created from its own copy (no read). Whatever changed the task on
/// another node in between must win: the copy is only ever a first guess that the row versions check.
public sealed class CompletionCacheTests
{
    [Fact]
    public async Task AClaimOnAnotherNode_IsObeyed_ByTheNodeThatHoldsTheCopy()
    {
        var db = await TestDatabase.CreateDatabaseAsync("cache");
        await using var a = ServiceFlowApp.StartOn(db, runJobs: false);
        await using var b = ServiceFlowApp.StartOn(db, runJobs: false);
        var key = Models.Unique("approval");
        await new RuntimeClient(a.CreateAdminApiClient()).PublishAsync(Models.Approval(key));
        var ann = Models.Unique("ann");
        await People.CreateAsync(a, ann, Roles.Supervisor);
        var bobOnA = await People.CreateAsync(a, Models.Unique("bob"), Roles.Supervisor);
        var annOnB = await SignInAsync(b, ann);
        var onA = new RuntimeClient(a.CreateAdminApiClient());

        var id = await onA.StartAsync(key);
        var taskId = (await onA.TasksAsync(id)).Single().GetProperty("id").GetGuid();
        a.Services.GetRequiredService<CompletionCache>().Count.Should().BeGreaterThan(0, "node A keeps the task it just created");

        (await annOnB.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var bob = await bobOnA.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { approved = true } });

        bob.StatusCode.Should().Be(HttpStatusCode.Forbidden, "ann claimed it on node B; A's copy still says unclaimed");
        (await onA.StatusAsync(id)).Should().Be("Running");
        var annOnA = await SignInAsync(a, ann);
        (await annOnA.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { approved = true } })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await onA.StatusAsync(id)).Should().Be("Completed");
    }

    [Fact]
    public async Task ADesksStep_IsWrittenAsOneBatch_AndTheTaskItCreatedIsCompletedFromTheCopy()
    {
        var db = await TestDatabase.CreateDatabaseAsync("deskstep");
        await using var app = ServiceFlowApp.StartOn(db, runJobs: false);
        var admin = app.CreateAdminApiClient();
        var cache = app.Services.GetRequiredService<CompletionCache>();

        var number = await Sla.SlaClient.CreateTicketAsync(admin, "system-operations", "P2", DateTimeOffset.UtcNow.AddMinutes(-5));

        // Only StepWriter keeps the tasks a step created: the creation's change set (the ticket, its history, three
        // SLA clocks with segments, timers and intents, the instance, the review task, the journal) took its path.
        cache.Count.Should().Be(1, "the review task the ticket's first step created is kept");
        var ticket = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tickets/{number}");
        ticket.GetProperty("timeline").GetArrayLength().Should().BeGreaterThan(0);
        var clocks = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tickets/{number}/sla");
        clocks.EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().BeEquivalentTo(["first-response", "resolution", "update"]);
        clocks.EnumerateArray().Should().OnlyContain(c => c.GetProperty("timers").GetArrayLength() > 0);

        var instanceId = ticket.GetProperty("record").GetProperty("instanceId").GetGuid();
        var tasks = new RuntimeClient(admin);
        var review = (await tasks.TasksAsync(instanceId)).Single().GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync($"/api/tasks/{review}/complete",
            new { variables = new { decision = "accept", groupAnalysis = false, severity = "major" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tickets/{number}");
        after.GetProperty("record").GetProperty("severity").GetString().Should().Be("major", "the form's field was written to the ticket in the step");
        (await tasks.TasksAsync(instanceId)).Single().GetProperty("activityId").GetString().Should().Be("arrange");
    }

    [Fact]
    public async Task ARefusalFromTheCopy_IsCheckedAgainstTheDatabase()
    {
        var db = await TestDatabase.CreateDatabaseAsync("cache");
        await using var a = ServiceFlowApp.StartOn(db, runJobs: false);
        await using var b = ServiceFlowApp.StartOn(db, runJobs: false);
        var key = Models.Unique("approval");
        var daveName = Models.Unique("dave");
        var carlName = Models.Unique("carl");
        var onA = new RuntimeClient(a.CreateAdminApiClient());
        // Offered to supervisors, assigned to Dave when it opens.
        await onA.PublishAsync(Models.Wrap(key, $"""
            <startEvent id="start" />
            <userTask id="approve" name="Approve" sf:candidateGroups="Supervisor" sf:assignee="{daveName}" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
            """));
        await People.CreateAsync(a, daveName, Roles.Supervisor);
        var carl = await People.CreateAsync(a, carlName, Roles.Supervisor);
        var daveOnB = await SignInAsync(b, daveName);

        var id = await onA.StartAsync(key);
        var taskId = (await onA.TasksAsync(id)).Single().GetProperty("id").GetGuid();
        // On B, Dave releases the task: now any supervisor may take it. A's copy still says it is Dave's.
        (await daveOnB.PostAsync($"/api/tasks/{taskId}/unclaim", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var done = await carl.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { approved = true } });

        done.StatusCode.Should().Be(HttpStatusCode.OK, "A's copy says the task is Dave's, the database says it is free: " + await done.Content.ReadAsStringAsync());
        (await onA.StatusAsync(id)).Should().Be("Completed");
        var completed = (await onA.TasksAsync(id, "Completed")).Single();
        completed.GetProperty("completedBy").GetString().Should().Be(carlName);
    }

    static async Task<HttpClient> SignInAsync(ServiceFlowApp app, string userName)
    {
        var client = app.CreateClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = People.Password });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }
}
