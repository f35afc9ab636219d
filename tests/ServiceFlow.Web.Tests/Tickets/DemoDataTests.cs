using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Admin;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Tickets;

public sealed class DemoDataTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Fact]
    public async Task SeedDemo_CreatesPeopleAndTicketsInEveryState_Once()
    {
        await DemoData.SeedAsync(app.Services);
        await DemoData.SeedAsync(app.Services);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        (await db.Users.CountAsync(u => u.UserName != "admin")).Should().Be(8);
        var statuses = await db.Tickets.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        statuses.Sum(s => s.Count).Should().Be(36);
        statuses.Select(s => s.Key).Should().Contain([TicketStatus.InReview, TicketStatus.Arranging, TicketStatus.InProgress,
            TicketStatus.AwaitingConfirmation, TicketStatus.Archived, TicketStatus.ClosedAtOnce]);
        (await db.Incidents.CountAsync()).Should().Be(0, "every demo ticket runs through the real workflow without incidents");
    }
}
