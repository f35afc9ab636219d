using System.Text.Json;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

public class HandMadeDeskApp : ReportsApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await HandMadeDesk.SeedAsync(Services);
    }
}

/// One test per measure over HandMadeDesk's five tickets; every expected figure is worked out here by hand.
/// June 2026 holds T1–T4 (recorded) and T1–T3 (resolved); July holds T5.
public sealed class MeasureTests(HandMadeDeskApp app) : IClassFixture<HandMadeDeskApp>
{
    const string June = "from=2026-06-01&to=2026-07-01";

    async Task<JsonElement> JuneAsync(string measure) => Total(await MeasuresAsync(app.CreateAdminApiClient(), $"{June}&measures={measure}"), measure);

    [Theory]
    // Counts: recorded in June T1–T4; resolved in June T1, T2, T3; open now T4, and it is past due.
    [InlineData("volume", 4, 4)]
    [InlineData("resolved", 3, 3)]
    [InlineData("open", 1, 1)]
    [InlineData("breachedNow", 1, 1)]
    // Rates over the June cohort of 4: resolved T1–T3; first contact T3; late T2; reopened T2; reassigned T4;
    // beyond tier 1 T2 (tier 2) and T4 (vendor); vendor T4.
    [InlineData("resolutionRate", 0.75, 4)]
    [InlineData("firstContactRate", 0.25, 4)]
    [InlineData("lateRecordingRate", 0.25, 4)]
    [InlineData("reopenRate", 0.25, 4)]
    [InlineData("reassignmentRate", 0.25, 4)]
    [InlineData("escalation.tier2", 0.5, 4)]
    [InlineData("escalation.vendor", 0.25, 4)]
    // SLA: response met T1, T4, breached T2 → 2/3; resolution met T1, breached T2, overdue T4 → 1/3;
    // update met T1, T2's breached once although its clock ended met → 1/2.
    [InlineData("sla.response", 2.0 / 3, 3)]
    [InlineData("sla.resolution", 1.0 / 3, 3)]
    [InlineData("sla.update", 0.5, 2)]
    // Surveys of the June cohort: T1 5, T2 2 → mean 3.5, both answered.
    [InlineData("satisfaction", 3.5, 2)]
    [InlineData("satisfaction.responseRate", 1.0, 2)]
    // Complaints: T2 answered 2 with words of why (T1's 5 with words is praise) → 1 of the 4 recorded.
    [InlineData("complaintRate", 0.25, 4)]
    // Record accuracy: the supervisor decided on T1, T2 and T4 (T3 was closed at once); T2 went back for correction → 2/3.
    [InlineData("recordAccuracy", 2.0 / 3, 3)]
    // Discovery → resolved, wall: T1 2 h, T2 18 h, T3 5 min → (2 + 18 + 1/12) / 3.
    [InlineData("handlingTime", (2 + 18 + 1.0 / 12) / 3, 3)]
    // Business hours (08–17): T1 2 h; T2 16:00–17:00 + 08:00–10:00 = 3 h; T3 5 min.
    [InlineData("handlingTimeBusiness", (2 + 3 + 1.0 / 12) / 3, 3)]
    // Recorded → resolved: T1 1 h 50, T2 17 h 15, T3 0; business T1 1 h 50, T2 15 min + 2 h, T3 0.
    [InlineData("recordedToResolved", (11.0 / 6 + 17.25 + 0) / 3, 3)]
    [InlineData("recordedToResolvedBusiness", (11.0 / 6 + 2.25 + 0) / 3, 3)]
    // First response: T1 15 min, T2 16:45 → 08:30 (15 h 45; business 15 + 30 min), T4 20 min.
    [InlineData("firstResponse", (0.25 + 15.75 + 1.0 / 3) / 3, 3)]
    [InlineData("firstResponseBusiness", (0.25 + 0.75 + 1.0 / 3) / 3, 3)]
    // Knowledge in June: three visits, two searches, one of them without a result, one new article.
    [InlineData("knowledge.visits", 3, 3)]
    [InlineData("knowledge.searches", 2, 2)]
    [InlineData("knowledge.searchesWithoutResult", 1, 1)]
    [InlineData("knowledge.newArticles", 1, 1)]
    public async Task Measure_OverJune_IsTheHandWorkedFigure(string measure, double expected, long n)
    {
        var cell = await JuneAsync(measure);
        Value(cell).Should().BeApproximately(expected, 1e-9, measure);
        cell.GetProperty("n").GetInt64().Should().Be(n, measure);
    }

    [Fact]
    public async Task HandlingTime_HasMedianShortestAndLongest()
    {
        var cell = await JuneAsync("handlingTime");
        cell.GetProperty("median").GetDouble().Should().BeApproximately(2, 1e-9);
        cell.GetProperty("min").GetDouble().Should().BeApproximately(1.0 / 12, 1e-9);
        cell.GetProperty("max").GetDouble().Should().BeApproximately(18, 1e-9);
    }

    [Fact]
    public async Task SatisfactionDistribution_CountsAnswersPerScore()
    {
        var buckets = (await JuneAsync("satisfaction.distribution")).GetProperty("buckets");
        new[] { 1, 2, 3, 4, 5 }.Select(s => buckets.GetProperty(s.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetInt64())
            .Should().Equal(0, 1, 0, 0, 1);
    }

    [Fact]
    public async Task GroupedByMonth_SplitsTheCohorts_AndFillsTheRangeInOrder()
    {
        var report = await MeasuresAsync(app.CreateAdminApiClient(), "from=2026-05-01&to=2026-08-01&groupBy=month&measures=volume,resolved,satisfaction.responseRate");
        report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).Should().Equal("2026-05-01", "2026-06-01", "2026-07-01");
        Value(Row(report, "2026-05-01", "volume")).Should().Be(0);
        Value(Row(report, "2026-06-01", "volume")).Should().Be(4);
        Value(Row(report, "2026-07-01", "volume")).Should().Be(1);
        Value(Row(report, "2026-07-01", "resolved")).Should().Be(0, "T5 was archived unsolved");
        Value(Row(report, "2026-07-01", "satisfaction.responseRate")).Should().Be(0, "T5's survey expired");
        Value(Total(report, "volume")).Should().Be(5);
    }

    [Fact]
    public async Task GroupedByPriority_CountsEachValue_AndFiltersNarrow()
    {
        var report = await MeasuresAsync(app.CreateAdminApiClient(), $"{June}&groupBy=priority&measures=volume,sla.response");
        Value(Row(report, "P1", "volume")).Should().Be(1);
        Value(Row(report, "P2", "volume")).Should().Be(2);
        Value(Row(report, "P3", "volume")).Should().Be(1);
        Value(Row(report, "P2", "sla.response")).Should().Be(0.5, "T2 breached, T4 met");
        var phone = await MeasuresAsync(app.CreateAdminApiClient(), $"{June}&channel=Phone&measures=volume");
        Value(Total(phone, "volume")).Should().Be(2, "T1 and T3 came by phone in June");
    }

    [Fact]
    public async Task GroupedByCustomerType_CountsEachType_AndFiltersDrillToTheSameTickets()
    {
        // June: T1 enterprise, T2 and T3 individual, T4 government. Resolution on time: T1 met (enterprise 1/1);
        // T2 breached, T3 has no clock (individual 0/1); T4 overdue (government 0/1). Satisfaction: T1 5, T2 2.
        var report = await MeasuresAsync(app.CreateAdminApiClient(), $"{June}&groupBy=customerType&measures=volume,sla.resolution,satisfaction");
        report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).Should().BeEquivalentTo(["enterprise", "individual", "government"]);
        Value(Row(report, "individual", "volume")).Should().Be(2);
        Value(Row(report, "enterprise", "volume")).Should().Be(1);
        Value(Row(report, "government", "volume")).Should().Be(1);
        Value(Row(report, "enterprise", "sla.resolution")).Should().Be(1);
        Value(Row(report, "individual", "sla.resolution")).Should().Be(0, "T2 breached; T3 was closed at once without a clock");
        Row(report, "individual", "sla.resolution").GetProperty("n").GetInt64().Should().Be(1);
        Value(Row(report, "individual", "satisfaction")).Should().Be(2, "only T2 of the two answered");
        Value(Row(report, "enterprise", "satisfaction")).Should().Be(5);

        var individual = await MeasuresAsync(app.CreateAdminApiClient(), $"{June}&customerType=individual&measures=volume,firstContactRate");
        Value(Total(individual, "volume")).Should().Be(2);
        Value(Total(individual, "firstContactRate")).Should().Be(0.5, "T3 of T2 and T3 was closed at the first contact");
        // T5 (July) has none recorded: "-" selects it.
        var none = await MeasuresAsync(app.CreateAdminApiClient(), "from=2026-06-01&to=2026-08-01&customerType=-&measures=volume");
        Value(Total(none, "volume")).Should().Be(1);

        var drill = await GetAsync(app.CreateAdminApiClient(), $"/api/reports/tickets?{June}&customerType=individual&measure=volume");
        drill.GetProperty("count").GetInt64().Should().Be(2);
        drill.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("number").GetString(), r.GetProperty("customerType").GetString()))
            .Should().BeEquivalentTo([("RPT-2", "individual"), ("RPT-3", "individual")]);
    }

    [Fact]
    public async Task GroupedByDay_UsesTheDesksTimeZone()
    {
        // T2 was recorded at 16:45 Shanghai time on 06-01, which is 08:45 UTC: still 06-01 either way; T3 at 10:05 on 06-03.
        var report = await MeasuresAsync(app.CreateAdminApiClient(), "from=2026-06-01&to=2026-06-04&groupBy=day&measures=volume");
        report.GetProperty("rows").EnumerateArray().Select(r => Value(r.GetProperty("values").GetProperty("volume"))).Should().Equal(2, 0, 1);
    }
}
