using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Runtime;

public sealed class RuntimeApiTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly RuntimeClient api = new(app.CreateAdminApiClient());

    [Fact]
    public async Task Publish_MakesVersionOne_AndTheSameDocumentAgainMakesNoNewVersion()
    {
        var key = Models.Unique("approval");
        var xml = Models.Approval(key);

        var first = await api.PublishAsync(xml);
        var again = await api.PublishAsync(xml, HttpStatusCode.OK);
        var changed = await api.PublishAsync(xml.Replace("name=\"Approve\"", "name=\"Approve it\"", StringComparison.Ordinal));

        first.GetProperty("version").GetInt32().Should().Be(1);
        again.GetProperty("version").GetInt32().Should().Be(1);
        again.GetProperty("created").GetBoolean().Should().BeFalse();
        changed.GetProperty("version").GetInt32().Should().Be(2);
        var versions = await api.Http.GetFromJsonAsync<JsonElement[]>($"/api/workflows/{key}/versions");
        versions!.Select(v => v.GetProperty("version").GetInt32()).Should().Equal(1, 2);
        var storedXml = await api.Http.GetStringAsync($"/api/workflows/{key}/versions/1/xml");
        storedXml.Should().Be(xml);
    }

    [Fact]
    public async Task Publish_RefusesAnUnconnectedElement_NamingItsId()
    {
        var key = Models.Unique("broken");
        var xml = Models.Wrap(key, """
            <startEvent id="start" />
            <userTask id="orphan" name="Nobody reaches me" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
            """);

        var response = await api.Http.PostAsync("/api/workflows", new StringContent(xml, Encoding.UTF8, "application/xml"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty("orphan", out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task Validate_ReportsMalformedXml_WithALine()
    {
        var response = await api.Http.PostAsync("/api/workflows/validate", new StringContent("<definitions>\n<process id='x'>\n</definitions>", Encoding.UTF8, "application/xml"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("executable").GetBoolean().Should().BeFalse();
        report.GetProperty("errors")[0].GetProperty("line").GetInt32().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Instance_RunsStartToUserTaskToEnd_AndTheSecondCompletionGets409()
    {
        var key = Models.Unique("approval");
        await api.PublishAsync(Models.Approval(key));
        var id = await api.StartAsync(key, new { amount = 120 }, businessKey: "SE-1");

        var task = (await api.TasksAsync(id)).Should().ContainSingle().Subject;
        task.GetProperty("name").GetString().Should().Be("Approve");
        (await api.InstanceAsync(id)).GetProperty("activeNodes").EnumerateArray().Select(n => n.GetString()).Should().Equal("approve");

        var done = await api.CompleteAsync(task.GetProperty("id").GetGuid(), new { approved = true });
        var twice = await api.CompleteAsync(task.GetProperty("id").GetGuid(), new { approved = false });

        done.StatusCode.Should().Be(HttpStatusCode.OK);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).Should().Contain("already completed");
        var instance = await api.InstanceAsync(id);
        instance.GetProperty("status").GetString().Should().Be("Completed");
        instance.GetProperty("variables").GetProperty("approved").GetBoolean().Should().BeTrue();
        var journal = await api.JournalAsync(id);
        journal.Where(j => j.GetProperty("kind").GetString() == "NodeEntered").Select(j => j.GetProperty("nodeId").GetString())
            .Should().Equal("start", "approve", "end");
        journal.Should().Contain(j => j.GetProperty("kind").GetString() == "CommandReceived" && j.GetProperty("userId").GetString() == "admin");
    }

    [Fact]
    public async Task TwoConcurrentCompletions_OfOneTask_ExactlyOneWins()
    {
        var key = Models.Unique("race");
        await api.PublishAsync(Models.Approval(key));
        var wins = 0;
        for (var round = 0; round < 5; round++)
        {
            var id = await api.StartAsync(key);
            var taskId = (await api.TasksAsync(id)).Single().GetProperty("id").GetGuid();

            var responses = await Task.WhenAll(api.CompleteAsync(taskId, new { by = "a" }), api.CompleteAsync(taskId, new { by = "b" }));

            responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
            var journal = await api.JournalAsync(id);
            journal.Count(j => j.GetProperty("kind").GetString() == "NodeEntered" && j.GetProperty("nodeId").GetString() == "end").Should().Be(1);
            wins++;
        }
        wins.Should().Be(5);
    }

    [Fact]
    public async Task Timer_FiresThroughHangfire_AndRecordsItsLateness()
    {
        var key = Models.Unique("timer");
        await api.PublishAsync(Models.Timer(key, "PT1S"));

        var id = await api.StartAsync(key);
        (await api.StatusAsync(id)).Should().Be("Running");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        try
        {
            await api.WaitForStatusAsync(id, "Completed", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException ex)
        {
            var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == id).ToListAsync();
            var jobs = await db.Database.SqlQueryRaw<string>("SELECT concat(j.id, ' ', j.statename, ' fetched ', q.fetchedat, ' servers ', (SELECT count(*) FROM hangfire.server), ' ', j.invocationdata::text) AS \"Value\" FROM hangfire.job j LEFT JOIN hangfire.jobqueue q ON q.jobid = j.id ORDER BY j.id DESC LIMIT 5").ToListAsync();
            throw new TimeoutException($"{ex.Message} Bookmarks: {string.Join(", ", bookmarks.Select(b => $"{b.Kind} due {b.DueAt:O} job {b.HangfireJobId}"))}; jobs: {string.Join(" | ", jobs)}", ex);
        }

        var firing = await db.TimerFirings.SingleAsync(f => f.InstanceId == id);
        firing.LatenessMs.Should().BeGreaterThanOrEqualTo(0);
        (firing.FiredAt - firing.DueAt).TotalMilliseconds.Should().BeApproximately(firing.LatenessMs, 1);
        (await db.Bookmarks.CountAsync(b => b.InstanceId == id)).Should().Be(0);
    }

    [Fact]
    public async Task Message_ReachesTheInstanceWaitingWithThatKey_AndNoneGets404()
    {
        var key = Models.Unique("reply");
        var message = $"vendor-update-{key}";
        await api.PublishAsync(Models.WaitForMessage(key, message, senderGroups: "Supervisor"));
        var waiting = await api.StartAsync(key, new { ticket = "SE-7" });
        var other = await api.StartAsync(key, new { ticket = "SE-8" });

        var hit = await api.Http.PostAsJsonAsync("/api/messages", new { name = message, correlationKey = "SE-7", variables = new { text = "thanks" } });
        var miss = await api.Http.PostAsJsonAsync("/api/messages", new { name = message, correlationKey = "SE-404" });

        hit.StatusCode.Should().Be(HttpStatusCode.OK);
        (await hit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instances").EnumerateArray().Select(e => e.GetGuid()).Should().Equal(waiting);
        miss.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await miss.Content.ReadAsStringAsync()).Should().Contain($"No instance is waiting for message '{message}'");
        (await api.StatusAsync(waiting)).Should().Be("Completed");
        (await api.StatusAsync(other)).Should().Be("Running");
    }

    [Fact]
    public async Task Message_WithNoWaitingInstance_StartsAWorkflowWithThatMessageStartEvent()
    {
        var key = Models.Unique("by-mail");
        var message = $"mail-{key}";
        await api.PublishAsync(Models.Wrap(key, """
            <startEvent id="start"><messageEventDefinition messageRef="m" /></startEvent>
            <userTask id="triage" name="Triage" sf:candidateGroups="Supervisor" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="triage" />
            <sequenceFlow id="f2" sourceRef="triage" targetRef="end" />
            """, $"""<message id="m" name="{message}" sf:candidateSenderGroups="Supervisor" />"""));

        var response = await api.Http.PostAsJsonAsync("/api/messages", new { name = message, correlationKey = "MAIL-1", variables = new { subject = "help" } });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instances")[0].GetGuid();
        var instance = await api.InstanceAsync(id);
        instance.GetProperty("businessKey").GetString().Should().Be("MAIL-1");
        instance.GetProperty("variables").GetProperty("subject").GetString().Should().Be("help");
        instance.GetProperty("activeNodes").EnumerateArray().Select(n => n.GetString()).Should().Equal("triage");
    }

    [Fact]
    public async Task FailingExpression_BecomesAnIncident_ThatCanBeRetriedOnce()
    {
        var key = Models.Unique("incident");
        await api.PublishAsync(Models.BadExpression(key));

        var id = await api.StartAsync(key);

        var incidents = await api.Http.GetFromJsonAsync<JsonElement[]>($"/api/incidents?instanceId={id}");
        var incident = incidents!.Should().ContainSingle().Subject;
        incident.GetProperty("activityId").GetString().Should().Be("gw");
        (await api.StatusAsync(id)).Should().Be("Running");
        var retry = await api.Http.PostAsync($"/api/incidents/{incident.GetProperty("id").GetGuid()}/retry", null);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await api.Http.PostAsync($"/api/incidents/{incident.GetProperty("id").GetGuid()}/retry", null);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task StartingAnUnknownWorkflow_Gets404WithTheKey()
    {
        var response = await api.Http.PostAsJsonAsync("/api/instances", new { workflowKey = "no-such-flow" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("no-such-flow");
    }
}
