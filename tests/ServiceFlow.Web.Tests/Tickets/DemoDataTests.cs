using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Admin;
using ServiceFlow.Web.Features.Reports.Analyses;
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
        statuses.Sum(s => s.Count).Should().Be(36 + 14);
        statuses.Select(s => s.Key).Should().Contain([TicketStatus.InReview, TicketStatus.Arranging, TicketStatus.InProgress,
            TicketStatus.AwaitingConfirmation, TicketStatus.Archived, TicketStatus.ClosedAtOnce]);
        (await db.Incidents.CountAsync()).Should().Be(0, "every demo ticket runs through the real workflow without incidents");

        // Last month's analysis, approved, frozen from the 14 tickets written as last month's history: 2 of them
        // (i % 5 == 4: the 5th and 10th) closed at the first contact, the other 12 archived with clocks.
        var analysis = await db.Set<PeriodAnalysis>().AsNoTracking().SingleAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        (analysis.Kind, analysis.PeriodFrom, analysis.State).Should().Be(("month", new DateOnly(today.Year, today.Month, 1).AddMonths(-1), AnalysisState.Approved));
        analysis.Actions.Should().HaveCount(2);
        var figures = AnalysisFigures.FromJson(analysis.Figures)!;
        figures.Current.Total.Values["volume"].Value.Should().Be(14);
        figures.Current.Total.Values["firstContactRate"].Value.Should().BeApproximately(2.0 / 14, 1e-9);
        figures.Current.Total.Values["sla.resolution"].N.Should().Be(12, "the twelve archived have a resolution clock");
        figures.ByCustomerType!.Rows.Select(r => (r.Key, r.Values["volume"].Value)).Should().BeEquivalentTo(
            [("enterprise", 4.0), ("individual", 4.0), ("government", 3.0), ("internal", 3.0)], "customer types go round i % 4 over 14");
        (await db.Tickets.CountAsync(t => t.CustomerType != null)).Should().Be(50);
    }
}
