using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Tickets;

/// The inbox shows each task's ticket SLA state from the SLA tables.
public sealed class InboxSlaTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Fact]
    public async Task Inbox_ShowsTheNearestClock_AndBreachedOnceItsDueInstantHasPassed()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var front = await People.CreateAsync(app, $"front-{s}", "FrontLine");
        var boss = await People.CreateAsync(app, $"boss-{s}", "Supervisor");
        var created = await front.PostAsJsonAsync("/api/tickets", new
        {
            title = "sla in inbox",
            description = "d",
            serviceType = "system-operations",
            serviceObject = "CRM",
            discoveredAt = DateTimeOffset.UtcNow,
            channel = "Phone",
            priority = "P1",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        (await db.SlaClocks.AsNoTracking().CountAsync(c => c.BusinessKey == number)).Should().BeGreaterThan(0, "the lifecycle starts SLA clocks");

        var page = await boss.GetStringAsync($"/inbox?tab=all&q={number}");
        page.Should().Contain(number).And.MatchRegex("badge sla-(ok|warning)");

        await db.SlaClocks.Where(c => c.BusinessKey == number).ExecuteUpdateAsync(u => u.SetProperty(c => c.DueAt, DateTimeOffset.UtcNow.AddDays(-3)));
        var late = WebUtility.HtmlDecode(await boss.GetStringAsync($"/inbox?tab=all&q={number}"));
        // The page may be in either language: check the badge's class and the time past the due instant, in words.
        late.Should().MatchRegex("badge sla-breached\"[^>]*>[^<]*([0-9]+ (business days?|h|min) overdue|超时)");
    }
}
