using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;

namespace ServiceFlow.Web.Features.Reports.Imports;

/// `ServiceFlow.Web import FILE --format uci|csv|xes [--mapping FILE.json] [--on-error skip|refuse]`: the same import as
/// POST /api/imports, run in the foreground against the configured database (or the embedded one), printing its progress.
internal static class ImportCommand
{
    public const string Usage = "import FILE --format uci|csv|xes [--mapping MAPPING.json] [--on-error skip|refuse]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? file = null, format = null, mappingFile = null, onError = "skip";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format" when i + 1 < args.Length: format = args[++i].ToLowerInvariant(); break;
                case "--mapping" when i + 1 < args.Length: mappingFile = args[++i]; break;
                case "--on-error" when i + 1 < args.Length: onError = args[++i].ToLowerInvariant(); break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && file is null: file = a; break;
                default:
                    return await FailAsync($"Unexpected argument '{args[i]}'. Usage: ServiceFlow.Web {Usage}");
            }
        }
        if (file is null || format is not ("uci" or "csv" or "xes") || onError is not ("skip" or "refuse"))
            return await FailAsync($"Usage: ServiceFlow.Web {Usage}");
        if (!File.Exists(file))
            return await FailAsync($"{file}: no such file");
        var mapping = mappingFile is null ? null : await File.ReadAllTextAsync(mappingFile);
        try
        {
            if (format != "uci")
                EventLogMapping.Parse(mapping, columnsRequired: format == "csv");
        }
        catch (ArgumentException ex)
        {
            return await FailAsync(ex.Message);
        }

        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A new database makes EF log its probe of the migrations table as an error; the import reports its own.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        await using var database = builder.AddServiceFlowData();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SlaCalendars>();
        builder.Services.AddSingleton<Importer>();
        await using var app = builder.Build();
        await app.MigrateDatabaseAsync();

        var id = Guid.CreateVersion7();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            db.Add(new ReportImport
            {
                Id = id,
                FileName = Path.GetFileName(file),
                Format = format,
                OnError = onError,
                Mapping = mapping,
                State = ImportState.Queued,
                CreatedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow(),
                CreatedBy = $"command line ({Environment.UserName})",
                Node = ImportNode.Name,
                HeartbeatAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow()
            });
            await db.SaveChangesAsync();
        }
        Console.Error.WriteLine($"Importing {file} as {format} (import {id})…");
        using var done = new CancellationTokenSource();
        var progress = ReportProgressAsync(app.Services, id, done.Token);
        await app.Services.GetRequiredService<Importer>().RunAsync(id, Path.GetFullPath(file), CancellationToken.None);
        await done.CancelAsync();
        await progress;

        await using var read = app.Services.CreateAsyncScope();
        var import = await read.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Set<ReportImport>().AsNoTracking().SingleAsync(i => i.Id == id);
        Console.WriteLine($"{import.State}: {import.Events:N0} events, {import.Cases:N0} cases, {import.BadRows:N0} bad rows. {import.Message}".TrimEnd());
        if (import.BadRows > 0)
            Console.WriteLine($"Bad rows (first 100): {import.Errors}");
        if (import.State == ImportState.Succeeded)
            Console.WriteLine($"Throughput (last event − first event of a case): mean {import.ThroughputMeanDays:F2} days, median {import.ThroughputMedianDays:F2} days. Report source: {id}");
        return import.State == ImportState.Succeeded ? 0 : 1;
    }

    static async Task ReportProgressAsync(IServiceProvider services, Guid id, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(1000, ct);
                await using var scope = services.CreateAsyncScope();
                var p = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().Set<ReportImport>().AsNoTracking()
                    .Where(i => i.Id == id).Select(i => new { i.Progress, i.Events }).SingleAsync(ct);
                Console.Error.WriteLine($"  {p.Progress:P0} read, {p.Events:N0} events");
            }
        }
        catch (OperationCanceledException) { }
    }

    static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
