using System.Net;
using System.Net.Http.Json;
using ServiceFlow.Web.Tests.Tickets;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

/// Who sees which figures (docs/reports.md): the report roles see everything; front line and technical support
/// see their own scorecard only; targets are set by administrators and quality supervisors; imports by
/// administrators, process owners and quality supervisors.
public sealed class ReportAccessTests(HandMadeDeskApp app) : IClassFixture<HandMadeDeskApp>
{
    const string June = "from=2026-06-01&to=2026-07-01";

    [Theory]
    [InlineData("Supervisor")]
    [InlineData("QualitySupervisor")]
    [InlineData("ProcessOwner")]
    [InlineData("Auditor")]
    public async Task ReportRoles_SeeTheWholeDesk(string role)
    {
        var client = await People.CreateAsync(app, $"see-{role.ToLowerInvariant()}", role);
        Value(Total(await MeasuresAsync(client, $"{June}&measures=volume"), "volume")).Should().Be(4);
        (await client.GetAsync($"/api/reports/pareto?{June}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync($"/api/reports/measures?{June}&groupBy=handler")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Technician_SeesTheScorecardOfTheTicketsTheyHandle_AndNothingMore()
    {
        var chen = await People.CreateAsync(app, "chen", "TechSupport"); // handles T1 and T4
        Value(Total(await MeasuresAsync(chen, $"{June}&measures=volume"), "volume")).Should().Be(2);
        var list = await GetAsync(chen, $"/api/reports/tickets?{June}");
        list.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("number").GetString()).Should().BeEquivalentTo("RPT-1", "RPT-4");
        (await MeasuresAsync(chen, $"{June}&groupBy=month&measures=volume")).GetProperty("rows").GetArrayLength().Should().Be(1);
        foreach (var url in new[] { $"/api/reports/measures?{June}&groupBy=handler", $"/api/reports/measures?source={Guid.NewGuid()}" })
            (await chen.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
        foreach (var url in new[] { $"/api/reports/pareto?{June}", $"/api/reports/arrivals?{June}", "/api/reports/process", "/api/imports" })
            (await chen.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
    }

    [Fact]
    public async Task FrontLine_SeesTheTicketsTheyRecorded()
    {
        var front = await People.CreateAsync(app, "li.na", "FrontLine"); // recorded all five
        Value(Total(await MeasuresAsync(front, $"{June}&measures=volume,lateRecordingRate"), "lateRecordingRate")).Should().Be(0.25);
    }

    [Fact]
    public async Task ProcessOwner_GetsListsWithoutTitles_SupervisorWithThem()
    {
        var owner = await People.CreateAsync(app, "owner-titles", "ProcessOwner");
        var boss = await People.CreateAsync(app, "boss-titles", "Supervisor");
        (await GetAsync(owner, $"/api/reports/tickets?{June}")).GetProperty("rows")[0].GetProperty("title").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        (await GetAsync(boss, $"/api/reports/tickets?{June}")).GetProperty("rows")[0].GetProperty("title").GetString().Should().StartWith("Report test");
    }

    [Fact]
    public async Task Targets_AreSetByQualityAndAdmin_AndShownMetOrMissedByMonth()
    {
        var quality = await People.CreateAsync(app, "quality-targets", "QualitySupervisor");
        var auditor = await People.CreateAsync(app, "auditor-targets", "Auditor");
        (await auditor.PutAsJsonAsync("/api/reports/targets/sla.response", new { comparison = ">=", value = 0.95 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var percent = await quality.PutAsJsonAsync("/api/reports/targets/sla.response", new { comparison = ">=", value = 95 });
        percent.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await percent.Content.ReadAsStringAsync()).Should().Contain("0.95");
        (await quality.PutAsJsonAsync("/api/reports/targets/sla.response", new { comparison = ">=", value = 0.6 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await quality.PutAsJsonAsync("/api/reports/targets/satisfaction", new { comparison = ">=", value = 4.5 })).StatusCode.Should().Be(HttpStatusCode.OK);

        var status = await GetAsync(auditor, "/api/reports/targets/status?from=2026-05-01&to=2026-08-01");
        var response = status.EnumerateArray().Single(s => s.GetProperty("target").GetProperty("measure").GetString() == "sla.response");
        response.GetProperty("met").GetBoolean().Should().BeTrue("2 of 3 is 66.7 %, at least 60 %");
        response.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("met").ValueKind == System.Text.Json.JsonValueKind.Null ? (bool?)null : m.GetProperty("met").GetBoolean())
            .Should().Equal(null, true, null); // May and July have no first-response clock
        var satisfaction = status.EnumerateArray().Single(s => s.GetProperty("target").GetProperty("measure").GetString() == "satisfaction");
        satisfaction.GetProperty("met").GetBoolean().Should().BeFalse("3.5 is below 4.5");
        (await quality.DeleteAsync("/api/reports/targets/satisfaction")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Imports_AreForAdminsProcessOwnersAndQuality()
    {
        var boss = await People.CreateAsync(app, "boss-imports", "Supervisor");
        using var form = new MultipartFormDataContent { { new StringContent("xes"), "format" }, { new ByteArrayContent("<log/>"u8.ToArray()), "file", "a.xes" } };
        (await boss.PostAsync("/api/imports", form)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await boss.GetAsync("/api/imports")).StatusCode.Should().Be(HttpStatusCode.OK, "supervisors read imported history");
    }
}
