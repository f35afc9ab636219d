using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Sla;

/// The engine's IBusinessTime is backed by the calendars table: sf:calendar="default" counts working hours.
public sealed class BusinessTimeTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    [Fact]
    public async Task UserTaskDueIn_WithDefaultCalendar_CountsWorkingHours()
    {
        var api = new RuntimeClient(app.CreateAdminApiClient());
        await api.PublishAsync(Models.Wrap("due-in-business", """
            <startEvent id="start" />
            <userTask id="work" sf:candidateGroups="Supervisor" sf:dueIn="PT4H" sf:calendar="default" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
            """));
        var id = await api.StartAsync("due-in-business");

        var tasks = await api.Http.GetFromJsonAsync<JsonElement>($"/api/tasks?instanceId={id}");
        var due = tasks.EnumerateArray().Single().GetProperty("dueAt").GetDateTimeOffset();
        // Started Monday 15:00 Shanghai: 2 h to 17:00, then 2 h from 08:00 Tuesday.
        due.Should().Be(new DateTimeOffset(2026, 6, 2, 10, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public async Task UserTaskDueIn_OnAnUnknownCalendar_IsAnIncident_NotTheDefaultCalendar()
    {
        var api = new RuntimeClient(app.CreateAdminApiClient());
        await api.PublishAsync(Models.Wrap("due-in-unknown-calendar", """
            <startEvent id="start" />
            <userTask id="work" sf:candidateGroups="Supervisor" sf:dueIn="PT4H" sf:calendar="no-such-calendar" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
            """));
        var id = await api.StartAsync("due-in-unknown-calendar");

        (await api.TasksAsync(id)).Should().BeEmpty("the task's due time cannot be counted");
        var incidents = await api.Http.GetFromJsonAsync<JsonElement[]>($"/api/incidents?instanceId={id}");
        incidents!.Should().ContainSingle().Which.GetProperty("message").GetString().Should().Contain("no-such-calendar");
    }
}
