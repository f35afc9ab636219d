using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Surveys;

namespace ServiceFlow.Web.Tests.Tickets;

/// The ticket page's timeline names who did each thing as people read it: the runtime's own work (an SLA
/// window, a timer) is "系统" / "System", not the internal user name "system".
public sealed class TimelinePageTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Theory]
    [InlineData("zh-CN", "系统:")]
    [InlineData("en", "System:")]
    public async Task WorkTheSystemDid_IsShownAsTheSystem_InTheReadersLanguage(string culture, string shown)
    {
        var created = await app.CreateAdminApiClient().PostAsJsonAsync("/api/tickets", new
        {
            title = "VPN drops every hour", description = "Since the update.", serviceType = "system-operations", serviceObject = "VPN",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5), channel = "Phone", priority = "P3",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        await SurveyHost.WithDbAsync(app, async db =>
        {
            var ticket = await db.Set<Ticket>().SingleAsync(t => t.Number == number);
            db.Add(new TicketEntry { TicketId = ticket.Id, Kind = TicketEntryKind.Change, At = DateTimeOffset.UtcNow, By = "system", Text = "severity", Detail = null, Extra = "major" });
            return await db.SaveChangesAsync();
        });
        var browser = await SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tickets/{number}");
        request.Headers.AcceptLanguage.ParseAdd(culture);

        var html = WebUtility.HtmlDecode(await (await browser.SendAsync(request)).Content.ReadAsStringAsync());

        html.Should().Contain($" {shown}").And.NotContain(" system:");
    }
}
