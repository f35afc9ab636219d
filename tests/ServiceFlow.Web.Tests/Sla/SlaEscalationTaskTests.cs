using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Surveys;

namespace ServiceFlow.Web.Tests.Sla;

/// SLA escalation tasks are tasks of their own kind: no process instance stands behind them (no clock id
/// posing as one), readers show them without one, and a clock still finds and closes its own.
public sealed class SlaEscalationTaskTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task BreachTask_HasNoInstance_IsListedAndCompleted_WithoutOne()
    {
        var admin = app.CreateAdminApiClient();
        var number = await BreachedUpdateClockAsync(admin, "svc-kind");
        var (task, clockId) = await UpdateTaskAsync(admin, number);

        task.GetProperty("kind").GetString().Should().Be("Escalation");
        task.GetProperty("instanceId").ValueKind.Should().Be(JsonValueKind.Null, "no process instance stands behind an SLA task");
        (await admin.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={clockId}"))!.Should().BeEmpty("the clock is no instance");
        var id = task.GetProperty("id").GetGuid();
        using (var scope = app.Services.CreateScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().UserTasks.AsNoTracking().SingleAsync(t => t.Id == id);
            (row.Kind, row.InstanceId).Should().Be((UserTaskKind.Escalation, (Guid?)null));
        }

        var pages = await SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);
        (await pages.GetStringAsync("/inbox")).Should().Contain($"/tasks/{id}", "the inbox lists it like any task");
        var page = await pages.GetAsync($"/tasks/{id}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain(number);

        var completed = await admin.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables = new { comment = "called" } });
        completed.StatusCode.Should().Be(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        var body = await completed.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("instanceId").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("task").GetProperty("status").GetString().Should().Be("Completed");
    }

    [Fact]
    public async Task AnUpdateToTheCustomer_ClosesTheOpenTasksOfItsOwnClock_NotAnotherTickets()
    {
        var admin = app.CreateAdminApiClient();
        var updated = await BreachedUpdateClockAsync(admin, "svc-kind-close");
        var other = await LastTicketAsync("svc-kind-close", except: updated);
        var (before, _) = await UpdateTaskAsync(admin, updated);
        before.GetProperty("status").GetString().Should().Be("Open");

        await SlaDesk.CommunicateAsync(admin, updated, isInternal: false); // the update interval restarts

        var closed = await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{before.GetProperty("id").GetGuid()}");
        closed.GetProperty("status").GetString().Should().Be("Cancelled");
        closed.GetProperty("completedBy").GetString().Should().Be("admin");
        var (untouched, _) = await UpdateTaskAsync(admin, other);
        untouched.GetProperty("status").GetString().Should().Be("Open", "another ticket's clock has tasks of its own");
    }

    /// A workflow step that stops a clock (accepting the review stops the first response) closes the tasks the clock
    /// raised and cancels its waiting timers within the step's own write, without reading them first.
    [Fact]
    public async Task AcceptingTheReview_ClosesTheFirstResponseBreachTask_AndCancelsItsLaterTimers_NotAnotherTickets()
    {
        var admin = app.CreateAdminApiClient();
        var (number, other) = await TicketsAnHourOnAsync(admin, "svc-kind-review", day: 9, firstResponse: "PT1H", updateEvery: null,
            "breach=user:admin", "breach+PT2H=user:admin");
        (await BreachTasksAsync(number)).Should().ContainSingle(t => t.Status == UserTaskStatus.Open);

        await SlaDesk.CompleteAsync(admin, number, "review", new { decision = "accept", groupAnalysis = false, severity = "major" });

        var closed = (await BreachTasksAsync(number)).Should().ContainSingle().Subject;
        (closed.Status, closed.CompletedBy, closed.CompletedAt).Should().Be((UserTaskStatus.Cancelled, "admin", (DateTimeOffset?)app.Clock.GetUtcNow()));
        closed.Documentation.Should().EndWith("reached breach; due 2026-06-09 10:00 (UTC+8). Closed: clock first-response breached.");
        (await BreachTasksAsync(other)).Should().ContainSingle(t => t.Status == UserTaskStatus.Open, "another ticket's clock keeps its task");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var clocks = await db.SlaClocks.AsNoTracking().Where(c => c.Name == SlaClocks.FirstResponse && (c.BusinessKey == number || c.BusinessKey == other))
            .ToDictionaryAsync(c => c.Id, c => c.BusinessKey);
        var timers = (await db.SlaTimers.AsNoTracking().Where(t => clocks.Keys.Contains(t.ClockId)).ToListAsync())
            .Select(t => new { t.Kind, t.FiredAt, t.CancelledAt, Mine = clocks[t.ClockId] == number }).ToList();
        timers.Where(t => t.Mine && t.Kind == "breach+PT2H").Should().ContainSingle().Which.CancelledAt.Should().Be(app.Clock.GetUtcNow());
        timers.Where(t => !t.Mine && t.Kind == "breach+PT2H").Should().ContainSingle().Which.CancelledAt.Should().BeNull();
        timers.Where(t => t.Kind == "breach").Should().HaveCount(2).And.OnlyContain(t => t.FiredAt != null && t.CancelledAt == null, "a fired timer stays fired");
    }

    async Task<List<UserTask>> BreachTasksAsync(string number)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().UserTasks.AsNoTracking()
            .Where(t => t.Kind == UserTaskKind.Escalation && t.BusinessKey == number && t.ActivityId == "breach" && t.Name.Contains(SlaClocks.FirstResponse)).ToListAsync();
    }

    [Fact]
    public async Task TheDatabase_RefusesAnEscalationTaskWithAnInstance_AndAProcessTaskWithout()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        foreach (var (kind, instance) in new[] { (UserTaskKind.Escalation, (Guid?)Guid.NewGuid()), (UserTaskKind.Process, null) })
        {
            db.ChangeTracker.Clear();
            db.UserTasks.Add(new UserTask
            {
                Id = Guid.NewGuid(),
                Kind = kind,
                InstanceId = instance,
                EngineTaskId = "x",
                ActivityId = "a",
                Name = "n",
                WorkflowKey = "sla",
                Status = UserTaskStatus.Open,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            var save = () => db.SaveChangesAsync();
            (await save.Should().ThrowAsync<DbUpdateException>()).Which.InnerException!.Message.Should().Contain("ck_user_tasks_kind_instance");
        }
    }

    /// A ticket whose update clock (PT1H, "breach=user:admin") has breached an hour after it was recorded (beside another that has too).
    async Task<string> BreachedUpdateClockAsync(HttpClient admin, string serviceType) =>
        (await TicketsAnHourOnAsync(admin, serviceType, day: 8, firstResponse: "PT8H", updateEvery: "PT1H", "breach=user:admin")).First;

    /// Two P2 tickets recorded at 09:00 (Shanghai) on June `day` under a policy with these targets and escalation
    /// ladder (resolution PT8H), and the SLA timers fired 61 minutes later.
    async Task<(string First, string Second)> TicketsAnHourOnAsync(HttpClient admin, string serviceType, int day, string firstResponse,
        string? updateEvery, params string[] escalations)
    {
        await SlaClient.PutPolicyAsync(admin, serviceType, new
        {
            priority = "P2",
            serviceType,
            firstResponse,
            resolution = "PT8H",
            updateEvery,
            calendar = "default",
            escalations,
        });
        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, day, 9, 0, 0, Shanghai).ToUniversalTime());
        var first = await SlaClient.CreateTicketAsync(admin, serviceType, "P2", app.Clock.GetUtcNow());
        var second = await SlaClient.CreateTicketAsync(admin, serviceType, "P2", app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        (await app.Services.GetRequiredService<SlaJobs>().FireDueAsync()).Should().BeGreaterThan(0);
        return (first, second);
    }

    async Task<string> LastTicketAsync(string serviceType, string except)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().SlaClocks.AsNoTracking()
            .Where(c => c.PolicyKey == serviceType && c.BusinessKey != except).Select(c => c.BusinessKey).FirstAsync();
    }

    /// The update clock's breach task of a ticket, as the API shows it, and the clock's id.
    async Task<(JsonElement Task, Guid ClockId)> UpdateTaskAsync(HttpClient admin, string number)
    {
        var tasks = await admin.GetFromJsonAsync<JsonElement[]>("/api/tasks?assignee=admin&status=Open&take=1000");
        var all = tasks!.Concat((await admin.GetFromJsonAsync<JsonElement[]>("/api/tasks?assignee=admin&status=Cancelled&take=1000"))!);
        var task = all.Single(t => t.GetProperty("businessKey").GetString() == number && t.GetProperty("workflowKey").GetString() == "sla"
            && t.GetProperty("activityId").GetString() == "breach" && t.GetProperty("name").GetString()!.Contains("update", StringComparison.Ordinal));
        using var scope = app.Services.CreateScope();
        var clockId = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().SlaClocks.AsNoTracking()
            .Where(c => c.BusinessKey == number && c.Name == "update").Select(c => c.Id).SingleAsync();
        return (task, clockId);
    }
}
