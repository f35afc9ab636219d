using System.Diagnostics;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

/// The real ServiceNow incident log imported through the API: its report gives the figures tests/uci_figures.py
/// computes on its own from the same zip (python3 stdlib, no ServiceFlow code), to the rounding shown.
public sealed class UciImportTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    static readonly string Zip = Path.Combine(RepoPaths.Root, "..", "shared", "data", "uci-incident-event-log", "incident_event_log.zip");

    [Fact]
    public async Task ImportedUciLog_ReportsTheFiguresComputedIndependently()
    {
        var expected = await PythonFiguresAsync();
        var admin = app.CreateAdminApiClient();
        var import = await ImportClient.ImportAsync(admin, await File.ReadAllBytesAsync(Zip), "incident_event_log.zip", "uci");
        import.GetProperty("state").GetString().Should().Be("Succeeded", import.ToString());
        import.GetProperty("badRows").GetInt64().Should().Be(0);
        var id = import.GetProperty("id").GetString();

        var summary = await GetAsync(admin, $"/api/imports/{id}/summary");
        summary.GetProperty("cases").GetInt64().Should().Be(expected.GetProperty("incidents").GetInt64());
        summary.GetProperty("events").GetInt64().Should().Be(expected.GetProperty("events").GetInt64());
        summary.GetProperty("throughputMedianDays").GetDouble().Should().BePositive();

        var report = await MeasuresAsync(admin, $"source={id}&from=2015-01-01&to=2019-01-01&measures=volume,resolved,recordedToResolved,sla.resolution,reassignmentRate,reopenRate");
        Value(Total(report, "volume")).Should().Be(expected.GetProperty("incidents").GetInt64());
        Value(Total(report, "resolved")).Should().Be(expected.GetProperty("resolved").GetInt64());
        var hours = Total(report, "recordedToResolved");
        Math.Round(Value(hours)!.Value, 2).Should().Be(expected.GetProperty("meanOpenedToResolvedHours").GetDouble());
        Math.Round(hours.GetProperty("median").GetDouble(), 2).Should().Be(expected.GetProperty("medianOpenedToResolvedHours").GetDouble());
        Percent(Total(report, "sla.resolution")).Should().Be(expected.GetProperty("madeSlaPercent").GetDouble());
        Percent(Total(report, "reassignmentRate")).Should().Be(expected.GetProperty("reassignmentPercent").GetDouble());
        Percent(Total(report, "reopenRate")).Should().Be(expected.GetProperty("reopenPercent").GetDouble());

        // Kept apart: the desk's own figures do not include the imported incidents.
        Value(Total(await MeasuresAsync(admin, "from=2015-01-01&to=2019-01-01&measures=volume"), "volume")).Should().Be(0);
    }

    static double Percent(JsonElement cell) => Math.Round(Value(cell)!.Value * 100, 1, MidpointRounding.AwayFromZero);

    static async Task<JsonElement> PythonFiguresAsync()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "uci_figures.py"));
        start.ArgumentList.Add(Zip);
        using var python = Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        python.ExitCode.Should().Be(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
