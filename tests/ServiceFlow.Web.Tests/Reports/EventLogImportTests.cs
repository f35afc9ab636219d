using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

/// CSV and XES event logs: mapped, bad rows reported by line and skipped or refused, nothing half-imported,
/// XML without DTDs and with a depth limit, gzip accepted; the summary's throughput worked out by hand.
public sealed class EventLogImportTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    const string Mapping = """{"caseId":"Case","activity":"Activity","timestamp":"Time","resource":"Who","dimensions":{"priority":"Prio","channel":"Via"},"resolvedActivities":["Resolve"]}""";

    // Case A: 2 days first → last (resolved after 1 day); case B: 12 hours, never resolved. Line 4 has no time, line 6 a bad one.
    const string Csv = """
        Case,Activity,Time,Who,Prio,Via
        A,Open,2026-03-02T09:00:00+08:00,ann,P1,Phone
        A,Resolve,2026-03-03T09:00:00+08:00,bob,P1,Phone
        A,Close,,bob,P1,Phone
        A,Close,2026-03-04T09:00:00+08:00,bob,P1,Phone
        B,Open,not a time,ann,P3,Email
        B,Open,2026-03-05 08:00,ann,P3,Email
        B,Wait,2026-03-05 20:00,ann,P3,Email
        """;

    [Fact]
    public async Task CsvLog_WithBadRowsSkipped_ImportsTheRest_ListsTheLines_AndSummarises()
    {
        var admin = app.CreateAdminApiClient();
        var import = await ImportClient.ImportAsync(admin, Encoding.UTF8.GetBytes(Csv), "log.csv", "csv", Mapping, "skip");
        import.GetProperty("state").GetString().Should().Be("Succeeded", import.ToString());
        import.GetProperty("badRows").GetInt64().Should().Be(2);
        import.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt64()).Should().Equal(4, 6);
        var id = import.GetProperty("id").GetString();

        var summary = await GetAsync(admin, $"/api/imports/{id}/summary");
        summary.GetProperty("cases").GetInt64().Should().Be(2);
        summary.GetProperty("events").GetInt64().Should().Be(5);
        summary.GetProperty("throughputMeanDays").GetDouble().Should().BeApproximately((2 + 0.5) / 2, 1e-9);
        summary.GetProperty("throughputMedianDays").GetDouble().Should().BeApproximately(1.25, 1e-9, "two cases: the mean of the middle pair");

        var report = await MeasuresAsync(admin, $"source={id}&from=2026-03-01&to=2026-04-01&groupBy=priority&measures=volume,resolved,recordedToResolved");
        Value(Total(report, "volume")).Should().Be(2);
        Value(Total(report, "resolved")).Should().Be(1, "only case A reached 'Resolve'");
        Value(Total(report, "recordedToResolved")).Should().BeApproximately(24, 1e-9);
        Value(Row(report, "P3", "volume")).Should().Be(1);
    }

    [Fact]
    public async Task CsvLog_WithBadRowsRefused_ImportsNothing()
    {
        var admin = app.CreateAdminApiClient();
        var import = await ImportClient.ImportAsync(admin, Encoding.UTF8.GetBytes(Csv), "log.csv", "csv", Mapping, "refuse");
        import.GetProperty("state").GetString().Should().Be("Failed");
        import.GetProperty("message").GetString().Should().Contain("line 4");
        var id = import.GetProperty("id").GetString();
        Value(Total(await MeasuresAsync(admin, $"source={id}&from=2026-03-01&to=2026-04-01&measures=volume"), "volume")).Should().Be(0);
        (await admin.GetAsync($"/api/imports/{id}/summary")).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task GzippedXesLog_IsStreamedIn_TracesAreCases()
    {
        const string xes = """
            <?xml version="1.0" encoding="UTF-8"?>
            <log xes.version="1.0" xmlns="http://www.xes-standard.org/">
              <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
              <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
              <trace>
                <string key="concept:name" value="case-1"/>
                <string key="priority" value="P2"/>
                <event><string key="concept:name" value="register"/><date key="time:timestamp" value="2026-04-01T10:00:00.000+08:00"/><string key="org:resource" value="ann"/></event>
                <event><string key="concept:name" value="decide"/><date key="time:timestamp" value="2026-04-01T16:00:00.000+08:00"/>
                  <list key="tags"><values><string key="t" value="x"/></values></list></event>
              </trace>
              <trace>
                <string key="concept:name" value="case-2"/>
                <event><string key="concept:name" value="register"/><date key="time:timestamp" value="2026-04-02T10:00:00.000+08:00"/></event>
                <event><string key="concept:name" value="decide"/></event>
              </trace>
            </log>
            """;
        using var gz = new MemoryStream();
        await using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            await zip.WriteAsync(Encoding.UTF8.GetBytes(xes));
        var admin = app.CreateAdminApiClient();
        var import = await ImportClient.ImportAsync(admin, gz.ToArray(), "log.xes.gz", "xes", """{"dimensions":{"priority":"priority"}}""");
        import.GetProperty("state").GetString().Should().Be("Succeeded", import.ToString());
        import.GetProperty("events").GetInt64().Should().Be(3);
        import.GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("time:timestamp");
        var summary = await GetAsync(admin, $"/api/imports/{import.GetProperty("id").GetString()}/summary");
        summary.GetProperty("cases").GetInt64().Should().Be(2);
        summary.GetProperty("throughputMeanDays").GetDouble().Should().BeApproximately(0.25 / 2, 1e-9); // 6 h and 0 h
        var report = await MeasuresAsync(admin, $"source={import.GetProperty("id").GetString()}&from=2026-04-01&to=2026-05-01&priority=P2&measures=volume");
        Value(Total(report, "volume")).Should().Be(1);
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE log [<!ENTITY x "boom">]><log><trace/></log>""", "DTD")]
    [InlineData("<log><trace><string key=\"concept:name\" value=\"c\"/><event>", "not well formed")]
    public async Task HostileOrBrokenXes_FailsWithTheReason_AndImportsNothing(string xes, string says)
    {
        var import = await ImportClient.ImportAsync(app.CreateAdminApiClient(), Encoding.UTF8.GetBytes(xes), "bad.xes", "xes");
        import.GetProperty("state").GetString().Should().Be("Failed");
        import.GetProperty("message").GetString().Should().Contain(says);
        import.GetProperty("events").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task DeeplyNestedXes_IsRefusedAtTheDepthLimit()
    {
        var deep = "<log><trace><string key=\"concept:name\" value=\"c\"/><event>" + string.Concat(Enumerable.Repeat("<container key=\"k\">", 40))
            + string.Concat(Enumerable.Repeat("</container>", 40)) + "</event></trace></log>";
        var import = await ImportClient.ImportAsync(app.CreateAdminApiClient(), Encoding.UTF8.GetBytes(deep), "deep.xes", "xes");
        import.GetProperty("state").GetString().Should().Be("Failed");
        import.GetProperty("message").GetString().Should().Contain("deeper than 32");
    }

    [Theory]
    [InlineData("pdf", null, "format 'pdf'")]
    [InlineData("csv", null, "caseId")]
    [InlineData("csv", "{not json", "not valid JSON")]
    [InlineData("csv", """{"caseId":"a","activity":"b","timestamp":"c","dimensions":{"colour":"x"}}""", "'colour' is not a report dimension")]
    public async Task BadUploads_AreRefusedAtOnce(string format, string? mapping, string says)
    {
        var response = await ImportClient.PostAsync(app.CreateAdminApiClient(), "a,b,c\n"u8.ToArray(), "x.csv", format, mapping);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(says);
    }

    [Fact]
    public async Task CsvWithoutTheMappedColumns_FailsNamingThem()
    {
        var import = await ImportClient.ImportAsync(app.CreateAdminApiClient(), "x,y\n1,2\n"u8.ToArray(), "x.csv", "csv", """{"caseId":"Case","activity":"y","timestamp":"x"}""");
        import.GetProperty("state").GetString().Should().Be("Failed");
        import.GetProperty("message").GetString().Should().Contain("'Case' is not in the header");
    }
}
