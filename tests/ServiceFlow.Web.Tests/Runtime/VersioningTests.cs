using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

public sealed class VersioningTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly RuntimeClient api = new(app.CreateAdminApiClient());

    [Fact]
    public async Task RunningInstance_StaysOnItsVersion_UntilMigratedWithANodeMap()
    {
        var key = Models.Unique("approval");
        await api.PublishAsync(Models.Approval(key));
        var old = await api.StartAsync(key);
        await api.PublishAsync(Models.Approval(key).Replace("\"approve\"", "\"review\"", StringComparison.Ordinal));
        var fresh = await api.StartAsync(key);

        (await api.InstanceAsync(old)).GetProperty("version").GetInt32().Should().Be(1);
        (await api.InstanceAsync(fresh)).GetProperty("version").GetInt32().Should().Be(2);

        var refused = await api.Http.PostAsJsonAsync($"/api/instances/{old}/migrate", new { toVersion = 2 });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("approve");

        var migrated = await api.Http.PostAsJsonAsync($"/api/instances/{old}/migrate", new { toVersion = 2, nodeMap = new Dictionary<string, string> { ["approve"] = "review" } });
        migrated.StatusCode.Should().Be(HttpStatusCode.OK, await migrated.Content.ReadAsStringAsync());
        var instance = await api.InstanceAsync(old);
        instance.GetProperty("version").GetInt32().Should().Be(2);
        instance.GetProperty("activeNodes").EnumerateArray().Select(n => n.GetString()).Should().Equal("review");
        var task = (await api.TasksAsync(old)).Single();
        task.GetProperty("activityId").GetString().Should().Be("review");
        (await api.CompleteAsync(task.GetProperty("id").GetGuid())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.StatusAsync(old)).Should().Be("Completed");
        (await api.JournalAsync(old)).Should().Contain(j => j.GetProperty("kind").GetString() == "Migrated");
    }

    [Fact]
    public async Task CallActivity_StartsTheChildOnItsLatestVersion_AndWaitsForIt()
    {
        var child = Models.Unique("child");
        var parent = Models.Unique("parent");
        await api.PublishAsync(Models.Approval(child));
        await api.PublishAsync(Models.Wrap(parent, $"""
            <startEvent id="start" />
            <callActivity id="call" calledElement="{child}">
              <extensionElements><sf:in source="ticket" target="ticket" /><sf:out source="approved" target="childApproved" /></extensionElements>
            </callActivity>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="call" />
            <sequenceFlow id="f2" sourceRef="call" targetRef="end" />
            """));

        var id = await api.StartAsync(parent, new { ticket = "SE-9", secret = "not passed" });

        var tasks = await api.Http.GetFromJsonAsync<JsonElement[]>($"/api/tasks?take=1000");
        var childTask = tasks!.Single(t => t.GetProperty("workflowKey").GetString() == child);
        var childInstance = await api.InstanceAsync(childTask.GetProperty("instanceId").GetGuid());
        childInstance.GetProperty("parentInstanceId").GetGuid().Should().Be(id);
        childInstance.GetProperty("variables").TryGetProperty("secret", out _).Should().BeFalse();
        childInstance.GetProperty("variables").GetProperty("ticket").GetString().Should().Be("SE-9");

        (await api.CompleteAsync(childTask.GetProperty("id").GetGuid(), new { approved = true })).StatusCode.Should().Be(HttpStatusCode.OK);

        var done = await api.InstanceAsync(id);
        done.GetProperty("status").GetString().Should().Be("Completed");
        done.GetProperty("variables").GetProperty("childApproved").GetBoolean().Should().BeTrue();
    }
}
