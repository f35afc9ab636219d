using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Admin;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Features.Tickets;

namespace ServiceFlow.Browser.Tests.Desk;

/// The desk a new user meets with `--seed-demo`: people for every role and tickets in every state, driven
/// through the real workflow (DemoData), plus one answered survey with a low score for the quality group and
/// a knowledge draft made from a solved ticket.
public sealed class DemoDeskApp : BrowserApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DemoData.SeedAsync(Services);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var ticket = await db.Tickets.Where(t => t.Status == TicketStatus.Archived && t.CustomerEmail != null).OrderBy(t => t.Number).FirstAsync();
        db.Surveys.Add(new Survey
        {
            Id = Guid.CreateVersion7(),
            BusinessKey = ticket.Number,
            InstanceId = Guid.CreateVersion7(),
            Recipient = ticket.CustomerEmail!,
            RecipientName = ticket.CustomerName,
            Culture = "zh-CN",
            Nonce = "demo",
            Status = SurveyStatus.Answered,
            Score = 1,
            Comment = "等了两天才有人回电话。",
            Channel = SurveyChannel.Web,
            CreatedAt = DateTimeOffset.UtcNow.AddHours(-2),
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(14),
            AnsweredAt = DateTimeOffset.UtcNow.AddHours(-1),
        });
        await db.SaveChangesAsync();
        (await CreateAdminApiClient().PostAsync($"/api/tickets/{ticket.Number}/knowledge-draft", null)).EnsureSuccessStatusCode();
    }
}

/// The demo desk is seeded once for the tests that read it (the crawler, the home pages); they only read.
[CollectionDefinition(Name)]
public sealed class DemoDeskCollection : ICollectionFixture<DemoDeskApp>
{
    public const string Name = "Demo desk";
}
