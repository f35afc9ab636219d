using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Web.Tests.Tickets;

/// Times with any offset are instants: a client in Shanghai may send "09:00+08:00".
public sealed class TicketTimeTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    [Fact]
    public async Task CreateAndLog_WithAShanghaiOffset_StoreTheInstant_InsteadOfFailing()
    {
        var front = await People.CreateAsync(app, $"front-{Guid.NewGuid():N}"[..14], "FrontLine");
        var created = await front.PostAsJsonAsync("/api/tickets", new
        {
            title = "offset",
            description = "d",
            serviceType = "system-operations",
            serviceObject = "CRM",
            discoveredAt = "2026-06-01T09:00:00+08:00",
            channel = "Phone",
            priority = "P3",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;

        (await front.PostAsJsonAsync($"/api/tickets/{number}/steps", new { action = "called back", at = "2026-06-01T09:30:00+08:00" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var detail = await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
        detail.GetProperty("record").GetProperty("discoveredAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
        detail.GetProperty("timeline").EnumerateArray().Should().Contain(e => e.GetProperty("text").GetString() == "called back"
            && e.GetProperty("at").GetDateTimeOffset() == new DateTimeOffset(2026, 6, 1, 1, 30, 0, TimeSpan.Zero));
    }
}
