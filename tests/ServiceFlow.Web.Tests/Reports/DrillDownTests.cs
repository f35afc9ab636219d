using System.Net;
using System.Text.Json;
using MiniExcelLibs;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

/// Every figure opens the list of tickets behind it, and that list (and its CSV and XLSX) gives the same number.
public sealed class DrillDownTests(HandMadeDeskApp app) : IClassFixture<HandMadeDeskApp>
{
    const string June = "from=2026-06-01&to=2026-07-01";

    [Theory]
    [InlineData("volume", new[] { "RPT-1", "RPT-2", "RPT-3", "RPT-4" })]
    [InlineData("sla.resolution", new[] { "RPT-1", "RPT-2", "RPT-4" })]
    [InlineData("handlingTime", new[] { "RPT-1", "RPT-2", "RPT-3" })]
    [InlineData("satisfaction", new[] { "RPT-1", "RPT-2" })]
    [InlineData("complaintRate", new[] { "RPT-1", "RPT-2", "RPT-3", "RPT-4" })]
    [InlineData("recordAccuracy", new[] { "RPT-1", "RPT-2", "RPT-4" })]
    public async Task TicketList_HoldsThePopulation_AndGivesTheFigure(string measure, string[] numbers)
    {
        var admin = app.CreateAdminApiClient();
        var figure = Total(await MeasuresAsync(admin, $"{June}&measures={measure}"), measure);
        var list = await GetAsync(admin, $"/api/reports/tickets?{June}&measure={measure}");
        list.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("number").GetString()).Should().BeEquivalentTo(numbers);
        list.GetProperty("complete").GetBoolean().Should().BeTrue();
        list.GetProperty("count").GetInt64().Should().Be(figure.GetProperty("n").GetInt64());
        Value(list.GetProperty("summary")).Should().BeApproximately(Value(figure)!.Value, 1e-9);
    }

    [Fact]
    public async Task RateList_MarksWhichTicketsCount()
    {
        var list = await GetAsync(app.CreateAdminApiClient(), $"/api/reports/tickets?{June}&measure=sla.resolution");
        list.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("number").GetString()!, r => r.GetProperty("value").GetDouble())
            .Should().Equal(new Dictionary<string, double> { ["RPT-1"] = 1, ["RPT-2"] = 0, ["RPT-4"] = 0 });
        list.GetProperty("summary").GetProperty("k").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task ParetoBarsAndArrivalCells_DrillDownByTheirFilter()
    {
        var admin = app.CreateAdminApiClient();
        var pareto = await GetAsync(admin, $"/api/reports/pareto?{June}&by=cause");
        pareto.GetProperty("bars").EnumerateArray().Select(b => (b.GetProperty("key").GetString(), b.GetProperty("count").GetInt64()))
            .Should().Equal(("technology", 2L), ("process", 1L));
        pareto.GetProperty("bars")[1].GetProperty("cumulative").GetDouble().Should().Be(1.0);
        pareto.GetProperty("unanalysed").GetInt64().Should().Be(2, "T3 and T4 have no cause analysis");
        var technology = await GetAsync(admin, $"/api/reports/tickets?{June}&cause=technology");
        technology.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("number").GetString()).Should().BeEquivalentTo("RPT-1", "RPT-2");

        var arrivals = await GetAsync(admin, $"/api/reports/arrivals?{June}");
        arrivals.GetProperty("cells").EnumerateArray().Select(c => (c.GetProperty("weekday").GetInt32(), c.GetProperty("hour").GetInt32(), c.GetProperty("count").GetInt64()))
            .Should().Equal((1, 9, 2L), (1, 16, 1L), (3, 10, 1L)); // 06-01 and 06-15 are Mondays, 06-03 a Wednesday
        var mondayNine = await GetAsync(admin, $"/api/reports/tickets?{June}&weekday=1&hour=9");
        mondayNine.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("number").GetString()).Should().BeEquivalentTo("RPT-1", "RPT-4");
    }

    [Fact]
    public async Task Exports_HoldTheFiguresThePageShows()
    {
        var admin = app.CreateAdminApiClient();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var csv = await admin.GetStringAsync($"/api/reports/measures.csv?{June}&groupBy=priority&measures=volume,sla.response");
        csv.Should().Contain("\nP2,2,50,2").And.Contain("Priority,Tickets recorded,SLA compliance: first response (%)"); // P2: 2 tickets, 50 % of 2 met
        var xlsx = await admin.GetAsync($"/api/reports/tickets.xlsx?{June}&measure=sla.response");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheets = MiniExcel.GetSheetNames(stream);
        sheets.Should().Equal("Summary", "Tickets");
        var summary = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Summary").Cast<IDictionary<string, object>>().ToList();
        summary.Single(r => (string)r["Item"] == "SLA compliance: first response (%)")["Value"].Should().Be(66.7);
        var tickets = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Tickets").Cast<IDictionary<string, object>>().ToList();
        tickets.Should().HaveCount(3);
        var met = tickets.Sum(t => Convert.ToDouble(t["SLA compliance: first response (%)"], System.Globalization.CultureInfo.InvariantCulture));
        Math.Round(100 * met / tickets.Count, 1).Should().Be(66.7);
    }

    [Theory]
    [InlineData("group=%F0%9F%99%82")]
    [InlineData("handler=%27%3B--")]
    [InlineData("customer=nobody-at-all")]
    public async Task Exports_OfAFilterMatchingNothing_AreAnEmptyTable(string filter)
    {
        var admin = app.CreateAdminApiClient();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        foreach (var export in new[] { "measures.xlsx", "measures.csv", "tickets.xlsx", "tickets.csv" })
        {
            var response = await admin.GetAsync($"/api/reports/{export}?{June}&{filter}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{export}?{filter}: {await response.Content.ReadAsStringAsync()}");
        }
        await using var stream = new MemoryStream(await admin.GetByteArrayAsync($"/api/reports/measures.xlsx?{June}&{filter}"));
        var lines = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        lines.Should().ContainSingle("only the total line, of no tickets");
    }

    [Fact]
    public async Task BadQueries_AreRefusedWithWhatToFix()
    {
        var admin = app.CreateAdminApiClient();
        foreach (var (query, says) in new[]
        {
            ("from=2026-13-01", "yyyy-MM-dd"), ("from=2026-06-02&to=2026-06-01", "must be after"), ("groupBy=colour", "groupBy 'colour'"),
            ("measures=volume,happiness", "happiness"), ("cause=luck", "cause 'luck'"), ("source=elsewhere", "source 'elsewhere'"),
        })
        {
            var response = await admin.GetAsync($"/api/reports/measures?{query}");
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            (await response.Content.ReadAsStringAsync()).Should().Contain(says, query);
        }
    }
}
