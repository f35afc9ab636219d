using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using ServiceFlow.Web.Tests.Tickets;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

/// Scorecards over HandMadeDesk's June: by handler chen has T1 (met, survey 5) and T4 (overdue, no survey); liu has T2
/// (breached, survey 2, sent back once); T3 has no handler. Every figure is worked out here from that description.
public sealed class ScorecardTests(HandMadeDeskApp app) : IClassFixture<HandMadeDeskApp>
{
    const string June = "from=2026-06-01&to=2026-07-01";

    static JsonElement Row(JsonElement card, string key) => card.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == key);

    static double? Cell(JsonElement row, string measure) => Value(row.GetProperty("values").GetProperty(measure));

    static bool? Met(JsonElement row, string measure) =>
        row.GetProperty("met").TryGetProperty(measure, out var m) && m.ValueKind != JsonValueKind.Null ? m.GetBoolean() : null;

    [Fact]
    public async Task ByHandler_GivesEachHandlersFigures_AgainstTheTargets()
    {
        var admin = app.CreateAdminApiClient();
        (await admin.PutAsJsonAsync("/api/reports/targets/sla.resolution", new { comparison = ">=", value = 0.5 })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/reports/targets/satisfaction", new { comparison = ">=", value = 4.5 })).EnsureSuccessStatusCode();

        var card = await GetAsync(admin, $"/api/reports/scorecards?{June}&by=handler");

        var chen = Row(card, "chen");
        (Cell(chen, "volume"), Cell(chen, "resolved"), Cell(chen, "sla.resolution"), Cell(chen, "satisfaction"), Cell(chen, "reopenRate"), Cell(chen, "satisfaction.low"))
            .Should().Be((2, 1, 0.5, 5, 0, 0));
        (Met(chen, "sla.resolution"), Met(chen, "satisfaction")).Should().Be((true, true));
        var liu = Row(card, "liu");
        (Cell(liu, "volume"), Cell(liu, "resolved"), Cell(liu, "sla.resolution"), Cell(liu, "satisfaction"), Cell(liu, "reopenRate"), Cell(liu, "satisfaction.low"))
            .Should().Be((1, 1, 0, 2, 1, 1));
        (Met(liu, "sla.resolution"), Met(liu, "satisfaction")).Should().Be((false, false));
        Cell(Row(card, ""), "volume").Should().Be(1, "T3 was closed at once without a handler");
        Value(card.GetProperty("total").GetProperty("values").GetProperty("volume")).Should().Be(4);
        card.GetProperty("complaints").GetString().Should().Contain("customer's words of why");
    }

    [Fact]
    public async Task ByDepartment_AndTheDrillDown_CountTheSameTickets()
    {
        var admin = app.CreateAdminApiClient();
        var card = await GetAsync(admin, $"/api/reports/scorecards?{June}&by=department");
        Cell(Row(card, "客服中心"), "volume").Should().Be(4);
        var drill = await GetAsync(admin, $"/api/reports/tickets?{June}&department={Uri.EscapeDataString("客服中心")}&measure=sla.resolution");
        (drill.GetProperty("count").GetInt64(), Value(drill.GetProperty("summary"))).Should().Be((3L, 1.0 / 3));
        (await admin.GetAsync($"/api/reports/scorecards?{June}&by=priority")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AHandler_SeesTheirOwnRowOnly_NotOthersNorDepartments()
    {
        var liu = await People.CreateAsync(app, "liu", "TechSupport");
        var card = await GetAsync(liu, $"/api/reports/scorecards?{June}");
        card.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).Should().Equal("liu");
        Value(card.GetProperty("total").GetProperty("values").GetProperty("volume")).Should().Be(1);
        (await liu.GetAsync($"/api/reports/scorecards?{June}&by=department")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await liu.GetAsync($"/api/reports/scorecards?{June}&handler=chen")).StatusCode.Should().Be(HttpStatusCode.OK);
        Value((await GetAsync(liu, $"/api/reports/scorecards?{June}&handler=chen")).GetProperty("total").GetProperty("values").GetProperty("volume"))
            .Should().Be(1, "a handler filter cannot widen a person's own scorecard");
        var page = await (await liu.GetAsync($"/reports/scorecards?month=2026-06")).Content.ReadAsStringAsync();
        page.Should().Contain("/reports/tickets?from=2026-06-01&amp;to=2026-07-01&amp;measure=volume&amp;handler=liu");
    }

    [Fact]
    public async Task Xlsx_HoldsThePageFigures_AndWhetherEachTargetWasMet()
    {
        var admin = app.CreateAdminApiClient();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        (await admin.PutAsJsonAsync("/api/reports/targets/reopenRate", new { comparison = "<=", value = 0.1 })).EnsureSuccessStatusCode();
        var bytes = await admin.GetByteArrayAsync($"/api/reports/scorecards.xlsx?{June}&by=handler");
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "Scorecard").Cast<IDictionary<string, object>>().ToList();
        var liu = rows.Single(r => (string)r["Handler"] == "liu");
        Convert.ToDouble(liu["Reopen rate (%)"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(100);
        liu["Reopen rate: target <= 10 % met"].Should().Be("No");
        Convert.ToDouble(rows.Single(r => (string)r["Handler"] == "chen")["Low survey scores (1–2) (%)"], System.Globalization.CultureInfo.InvariantCulture).Should().Be(0);
    }
}
