using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

/// The customer type (001 §5.1.1) goes from the record, through the API, into the figures: a ticket recorded with a
/// type keeps the configured code and the report counts it under that type; a type not in the list is refused by name.
public sealed class CustomerTypeTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    const string June = "from=2026-06-01&to=2026-07-01";

    [Fact]
    public async Task Record_KeepsTheConfiguredCode_AndTheReportCountsByIt()
    {
        var admin = app.CreateAdminApiClient();
        var enterprise = await CreateAsync(admin, "Enterprise"); // the API may spell it in any case; the list's code is kept
        await CreateAsync(admin, "government");
        await CreateAsync(admin, null);

        var record = await GetAsync(admin, $"/api/tickets/{enterprise}");
        record.GetProperty("record").GetProperty("customerType").GetString().Should().Be("enterprise");
        var report = await MeasuresAsync(admin, $"{June}&groupBy=customerType&measures=volume");
        Value(Row(report, "enterprise", "volume")).Should().Be(1);
        Value(Row(report, "government", "volume")).Should().Be(1);
        Value(Row(report, "", "volume")).Should().Be(1, "the third was recorded without a type");

        var refused = await admin.PostAsJsonAsync("/api/tickets", Body("martian"));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("customerType")[0].GetString().Should().Contain("individual, enterprise, government, internal");
        Value(Total(await MeasuresAsync(admin, $"{June}&measures=volume"), "volume")).Should().Be(3, "nothing was recorded for the refused ticket");
    }

    static object Body(string? customerType) => new
    {
        title = "Customer type test",
        description = "typed",
        serviceType = "consultation",
        serviceObject = "CRM",
        discoveredAt = ReportsApp.Now.AddMinutes(-5),
        channel = "Phone",
        priority = "P3",
        customerName = "Acme",
        customerType,
    };

    static async Task<string> CreateAsync(HttpClient admin, string? customerType)
    {
        var created = await admin.PostAsJsonAsync("/api/tickets", Body(customerType));
        created.IsSuccessStatusCode.Should().BeTrue(await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }
}
