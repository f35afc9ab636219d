using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Reports.Imports;

internal sealed class ImportOptions
{
    /// Where uploads wait for their import (default: `<data folder>/imports`); one node's disk.
    public string? Folder { get; set; }
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;
    /// A Running import whose progress stopped this long ago was on a node that died: it is failed.
    public int StaleAfterSeconds { get; set; } = 120;
}

/// Imports accepted by this node, run one at a time in upload order.
internal sealed class ImportQueue
{
    readonly Channel<(Guid Id, string Path)> queue = Channel.CreateUnbounded<(Guid, string)>();

    public ValueTask EnqueueAsync(Guid id, string path) => queue.Writer.WriteAsync((id, path));

    public IAsyncEnumerable<(Guid Id, string Path)> ReadAllAsync(CancellationToken ct) => queue.Reader.ReadAllAsync(ct);
}

/// The background worker of this node's imports. Deliberately simple: the upload waits on this node's
/// disk and the queue is in memory. If the node stops mid-import, its transaction never commits, so
/// nothing of that log is in the database; the import row stays Running until its heartbeat is older than
/// `StaleAfterSeconds`, then any node reports it Failed ("interrupted; upload it again").
internal sealed class ImportWorker(ImportQueue queue, Importer importer, IServiceScopeFactory scopes, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
            await ImportRecovery.FailInterruptedAsync(scope.ServiceProvider, stoppingToken);
        await foreach (var (id, path) in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await importer.RunAsync(id, path, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the host is stopping; the import is failed as interrupted later
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Import {Id} could not run", id);
            }
            finally
            {
                TryDelete(path);
            }
        }
    }

    static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

internal static class ImportRecovery
{
    /// Queued or Running imports whose heartbeat stopped: their node died (or restarted) before finishing.
    public static async Task FailInterruptedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<ServiceFlowDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var staleBefore = now.AddSeconds(-services.GetRequiredService<IOptions<ImportOptions>>().Value.StaleAfterSeconds);
        await db.Set<ReportImport>()
            .Where(i => (i.State == ImportState.Queued || i.State == ImportState.Running) && (i.HeartbeatAt ?? i.CreatedAt) < staleBefore)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.State, ImportState.Failed)
                .SetProperty(i => i.Message, "Interrupted: the node running this import stopped before it finished. Nothing of it was imported; upload the file again.")
                .SetProperty(i => i.FinishedAt, now), ct);
    }
}
