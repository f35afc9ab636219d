using System.Diagnostics;
using Npgsql;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;

namespace ServiceFlow.Web.Tests.Reports;

/// `ServiceFlow.Web import …` runs the same import from the command line, against the configured database.
public sealed class ImportVerbTests
{
    [Fact]
    public async Task ImportVerb_LoadsTheLog_AndReportsWhatItDid()
    {
        var connectionString = await TestDatabase.CreateDatabaseAsync("verb");
        var folder = TempFolder.Create("import-verb");
        var log = Path.Combine(folder, "log.csv");
        await File.WriteAllTextAsync(log, "case,step,at\nA,open,2026-03-02T09:00:00+08:00\nA,close,2026-03-03T09:00:00+08:00\nB,open,2026-03-04T09:00:00+08:00\nB,open,yesterday\n");
        var mapping = Path.Combine(folder, "mapping.json");
        await File.WriteAllTextAsync(mapping, """{"caseId":"case","activity":"step","timestamp":"at"}""");

        var (exit, output) = await RunAsync(connectionString, folder, "import", log, "--format", "csv", "--mapping", mapping);
        exit.Should().Be(0, output);
        output.Should().Contain("Succeeded: 3 events, 2 cases, 1 bad rows").And.Contain("\"line\": 5");
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand("SELECT count(*) FROM serviceflow.report_facts f JOIN serviceflow.report_imports i ON f.\"Source\" = i.\"Id\"::text");
        (await cmd.ExecuteScalarAsync()).Should().Be(2L);

        var (refused, said) = await RunAsync(connectionString, folder, "import", log, "--format", "csv", "--mapping", mapping, "--on-error", "refuse");
        refused.Should().Be(1, said);
        said.Should().Contain("Failed").And.Contain("line 5");
    }

    static async Task<(int Exit, string Output)> RunAsync(string connectionString, string folder, params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var host = Path.Combine(RepoPaths.Root, "src", "ServiceFlow.Web", "bin", configuration, "net10.0", "ServiceFlow.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        start.ArgumentList.Add(host);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__ServiceFlow"] = connectionString;
        start.Environment["ServiceFlow__DataFolder"] = folder;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
