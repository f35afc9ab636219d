using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Tests.Sla;

/// "Update at least every N", escalation mail held at night, and completing an SLA escalation task
/// (real PostgreSQL, fake clock, timers fired by hand).
public sealed class SlaUpdateAndMailTests(SlaFakeClockApp app) : IClassFixture<SlaFakeClockApp>
{
    static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task PublicUpdate_RestartsTheUpdateInterval_ABreachEscalates_AndItsTaskCompletesOnce()
    {
        var admin = app.CreateAdminApiClient();
        await SlaClient.PutPolicyAsync(admin, "svc-upd", new
        {
            priority = "P2",
            serviceType = "svc-upd",
            firstResponse = "PT30M",
            resolution = "PT8H",
            updateEvery = "PT1H",
            calendar = "default",
            escalations = new[] { "breach=user:admin" },
        });
        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 8, 9, 0, 0, Shanghai).ToUniversalTime());
        var number = await SlaClient.CreateTicketAsync(admin, "svc-upd", "P2", app.Clock.GetUtcNow());
        var update = await SlaClient.ClockAsync(admin, number, "update");
        update.GetProperty("target").GetString().Should().Be("PT1H");
        SlaClient.Due(update).Should().Be(new DateTimeOffset(2026, 6, 8, 10, 0, 0, Shanghai));

        app.Clock.Advance(TimeSpan.FromMinutes(40)); // 09:40: the customer is told how it goes
        await SlaDesk.CommunicateAsync(admin, number, isInternal: false);
        update = await SlaClient.ClockAsync(admin, number, "update");
        SlaClient.Due(update).Should().Be(new DateTimeOffset(2026, 6, 8, 10, 40, 0, Shanghai), "the interval restarts at the update");
        update.GetProperty("intervalFrom").GetDateTimeOffset().Should().Be(app.Clock.GetUtcNow());
        update.GetProperty("elapsed").GetString().Should().Be("PT0S");
        SlaDesk.Segments(update).Last().GetProperty("reason").GetString().Should().StartWith("update:");

        app.Clock.Advance(TimeSpan.FromMinutes(20)); // 10:00: a call with the vendor is no update to the customer
        await SlaDesk.CommunicateAsync(admin, number, isInternal: true);
        SlaClient.Due(await SlaClient.ClockAsync(admin, number, "update")).Should().Be(new DateTimeOffset(2026, 6, 8, 10, 40, 0, Shanghai));

        app.Clock.Advance(TimeSpan.FromMinutes(40)); // 10:40: no update for an hour
        (await app.Services.GetRequiredService<SlaJobs>().FireDueAsync()).Should().BeGreaterThan(0);
        update = await SlaClient.ClockAsync(admin, number, "update");
        update.GetProperty("overdue").GetBoolean().Should().BeTrue();
        SlaClient.Timer(update, "breach").GetProperty("firedAt").GetDateTimeOffset().Should().Be(app.Clock.GetUtcNow());
        var tasks = await admin.GetFromJsonAsync<JsonElement[]>("/api/tasks?assignee=admin&take=1000");
        var task = tasks!.Single(t => t.GetProperty("workflowKey").GetString() == "sla" && t.GetProperty("businessKey").GetString() == number
            && t.GetProperty("name").GetString()!.Contains("update", StringComparison.Ordinal));
        task.GetProperty("activityId").GetString().Should().Be("breach");

        var id = task.GetProperty("id").GetGuid();
        var completed = await admin.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables = new { comment = "customer called back" } });
        completed.StatusCode.Should().Be(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        var again = await admin.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables = new { comment = "twice" } });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var row = await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}");
        row.GetProperty("status").GetString().Should().Be("Completed");
        row.GetProperty("completedBy").GetString().Should().Be("admin");
        row.GetProperty("completedAt").GetDateTimeOffset().Should().Be(app.Clock.GetUtcNow());
        var timeline = (await admin.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("timeline").EnumerateArray().ToList();
        timeline.Count(e => e.GetProperty("text").GetString() == "SLA breach handled: customer called back").Should().Be(1);
    }

    [Fact]
    public async Task EscalationMailAtNight_IsHeldUntilTheNextWorkingInstant_ExceptForP1_TheTaskIsThereAtOnce()
    {
        var admin = app.CreateAdminApiClient();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Users.Where(u => u.UserName == "admin")
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "admin@desk.test"));
        }
        foreach (var (key, priority) in new[] { ("svc-night", "P3"), ("svc-night-p1", "P1") })
        {
            var policy = await SlaClient.PutPolicyAsync(admin, key, new
            {
                priority,
                serviceType = key,
                firstResponse = "PT3H",
                resolution = "PT2H",
                calendar = "default",
                escalations = new[] { "breach=user:admin" },
            });
            policy.GetProperty("mailAnyHour").GetBoolean().Should().Be(priority == "P1", "by default only P1 is mailed at any hour");
        }
        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 15, 15, 0, 0, Shanghai).ToUniversalTime());
        var held = await SlaClient.CreateTicketAsync(admin, "svc-night", "P3", app.Clock.GetUtcNow());
        var urgent = await SlaClient.CreateTicketAsync(admin, "svc-night-p1", "P1", app.Clock.GetUtcNow());

        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 15, 17, 0, 0, Shanghai).ToUniversalTime()); // the desk has closed
        await app.Services.GetRequiredService<SlaJobs>().FireDueAsync();
        using var check = app.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var heldMail = await db.Outbox.AsNoTracking().SingleAsync(m => m.BusinessKey == held && m.Template == "sla-breached");
        heldMail.NotBefore.Should().Be(new DateTimeOffset(2026, 6, 16, 8, 0, 0, Shanghai));
        (await db.UserTasks.CountAsync(t => t.BusinessKey == held && t.WorkflowKey == "sla" && t.ActivityId == "breach")).Should().Be(1, "the inbox task does not wait");
        var urgentMail = await db.Outbox.AsNoTracking().SingleAsync(m => m.BusinessKey == urgent && m.Template == "sla-breached");
        urgentMail.NotBefore.Should().BeNull();

        var delivery = check.ServiceProvider.GetRequiredService<MailDelivery>();
        await delivery.DeliverAsync(heldMail.Id);
        var stillHeld = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == heldMail.Id);
        (stillHeld.Status, stillHeld.Attempts).Should().Be((OutboxStatus.Pending, 0), "the dispatcher does not send before NotBefore");

        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 16, 8, 0, 0, Shanghai).ToUniversalTime());
        await delivery.DeliverAsync(heldMail.Id);
        await delivery.DeliverAsync(heldMail.Id);
        var sent = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == heldMail.Id);
        (sent.Status, sent.Attempts, sent.SentAt).Should().Be((OutboxStatus.Sent, 1, app.Clock.GetUtcNow()), "sent once, in the morning");
    }
}
