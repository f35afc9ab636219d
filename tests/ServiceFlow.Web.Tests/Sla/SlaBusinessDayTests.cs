using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Sla;

/// "One business day" in policies and timers is the next working day at the same time, not 24 (or 9) hours.
public sealed class SlaBusinessDayTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    static readonly SemaphoreSlim Time = new(1, 1);

    // Monday to Friday 08:00-17:00; Monday 2026-06-08 is a holiday.
    static readonly object Weekdays = new
    {
        timeZone = "Asia/Shanghai",
        weeklyHours = new[] { "Monday 08:00-17:00", "Tuesday 08:00-17:00", "Wednesday 08:00-17:00", "Thursday 08:00-17:00", "Friday 08:00-17:00" },
        holidays = new[] { "2026-06-08" },
    };

    [Fact]
    public async Task OneBusinessDay_FromFridayAfternoon_IsDueAtTheSameTime_AfterTheWeekendAndTheHoliday()
    {
        var (admin, number) = await TicketAtAsync(new DateTimeOffset(2026, 6, 5, 15, 0, 0, Shanghai), "svc-day-a");

        var resolution = await SlaClient.ClockAsync(admin, number, "resolution");
        resolution.GetProperty("target").GetString().Should().Be("P1D");
        SlaClient.Due(resolution).Should().Be(new DateTimeOffset(2026, 6, 9, 15, 0, 0, Shanghai), "Saturday, Sunday and the Monday holiday are skipped");
        resolution.GetProperty("remaining").GetString().Should().Be("P1D");
        SlaClient.Timer(resolution, "warning75").GetProperty("dueAt").GetDateTimeOffset()
            .Should().Be(new DateTimeOffset(2026, 6, 9, 12, 45, 0, Shanghai), "75 % of the 9 working hours that day stands for");
        SlaClient.Due(await SlaClient.ClockAsync(admin, number, "first-response"))
            .Should().Be(new DateTimeOffset(2026, 6, 9, 10, 0, 0, Shanghai), "PT4H stays four working hours: 2 on Friday, 2 on Tuesday");
    }

    [Fact]
    public async Task OneBusinessDay_FromOutsideHours_IsTheWholeNextWorkingDay()
    {
        var (admin, number) = await TicketAtAsync(new DateTimeOffset(2026, 6, 6, 10, 0, 0, Shanghai), "svc-day-b");

        SlaClient.Due(await SlaClient.ClockAsync(admin, number, "resolution"))
            .Should().Be(new DateTimeOffset(2026, 6, 9, 17, 0, 0, Shanghai), "recorded on Saturday: Tuesday is the first working day, due at its closing");
    }

    [Fact]
    public async Task UserTaskDueIn_P1DWithTheDefaultCalendar_IsTheSameTimeNextWorkingDay()
    {
        await Time.WaitAsync();
        try
        {
            app.Clock.AdjustTime(SlaFakeClockApp.Monday1500);
            var api = new RuntimeClient(app.CreateAdminApiClient());
            await api.PublishAsync(Models.Wrap("due-in-a-day", """
                <startEvent id="start" />
                <userTask id="work" sf:candidateGroups="Supervisor" sf:dueIn="P1D" sf:calendar="default" />
                <endEvent id="end" />
                <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
                <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
                """));
            var id = await api.StartAsync("due-in-a-day");

            var tasks = await api.Http.GetFromJsonAsync<JsonElement>($"/api/tasks?instanceId={id}");
            tasks.EnumerateArray().Single().GetProperty("dueAt").GetDateTimeOffset()
                .Should().Be(new DateTimeOffset(2026, 6, 2, 15, 0, 0, Shanghai), "not 24 working hours (which ended on Thursday)");
        }
        finally
        {
            Time.Release();
        }
    }

    async Task<(HttpClient Admin, string Number)> TicketAtAsync(DateTimeOffset at, string serviceType)
    {
        await Time.WaitAsync();
        try
        {
            var admin = app.CreateAdminApiClient();
            await SlaClient.PutCalendarAsync(admin, "weekdays", Weekdays);
            await SlaClient.PutPolicyAsync(admin, serviceType, new { priority = "P2", serviceType, firstResponse = "PT4H", resolution = "P1D", calendar = "weekdays" });
            app.Clock.AdjustTime(at.ToUniversalTime());
            return (admin, await SlaClient.CreateTicketAsync(admin, serviceType, "P2", app.Clock.GetUtcNow()));
        }
        finally
        {
            Time.Release();
        }
    }
}
