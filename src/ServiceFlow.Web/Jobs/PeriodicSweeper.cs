namespace ServiceFlow.Web.Jobs;

/// The safety net behind every "commit, then tell Hangfire" hand-off: every few seconds
/// (`Runtime:SweepSeconds`, SLA timers `Sla:SweepSeconds`, default 15) a sweeper looks for work whose job was never created or got
/// lost and schedules it again. Jobs re-check their own row, so a duplicate is harmless.
internal abstract class PeriodicSweeper(TimeProvider clock, IConfiguration configuration, ILogger log) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract string What { get; }

    protected virtual string IntervalSetting => "Runtime:SweepSeconds";

    public abstract Task<int> SweepAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue(IntervalSetting, 15)), Clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Sweeping {What} failed; will try again", What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
