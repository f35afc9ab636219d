using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Runtime;
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
    public async Task ARefusalFromTheCopy_IsCheckedAgainstTheDatabase()
    {
        var db = await TestDatabase.CreateDatabaseAsync("cache");
        await using var a = ServiceFlowApp.StartOn(db, runJobs: false);
        await using var b = ServiceFlowApp.StartOn(db, runJobs: false);
        var key = Models.Unique("approval");
        var onA = new RuntimeClient(a.CreateAdminApiClient());
        await onA.PublishAsync(Models.Approval(key));
        var carlName = Models.Unique("carl");
        var carl = await People.CreateAsync(a, carlName, Roles.FrontLine);

        var id = await onA.StartAsync(key);
        var taskId = (await onA.TasksAsync(id)).Single().GetProperty("id").GetGuid();
        // Carl has just been made a supervisor (his token still says front line); on B the task is handed to him.
        using (var scope = b.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            (await users.AddToRoleAsync((await users.FindByNameAsync(carlName))!, Roles.Supervisor)).Succeeded.Should().BeTrue();
        }
        (await b.CreateAdminApiClient().PostAsJsonAsync($"/api/tasks/{taskId}/assign", new { userName = carlName })).StatusCode.Should().Be(HttpStatusCode.OK);

        var done = await carl.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { approved = true } });

        done.StatusCode.Should().Be(HttpStatusCode.OK, "A's copy and Carl's token say he may not, the database says the task is his: " + await done.Content.ReadAsStringAsync());
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
