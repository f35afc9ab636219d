using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Sla;

/// Seeds the `default` calendar (Asia/Shanghai, every day 08:00–17:00, seed 002 §6, closed on the public holidays
/// of the shipped `calendars/*.ics`, working their make-up days) and one policy per priority when the tables are
/// empty. Several hosts may start together: the first insert wins.
internal sealed class SlaSeeder(IServiceScopeFactory scopes, SlaCalendars calendars, TimeProvider clock, ILogger<SlaSeeder> log) : IHostedService
{
    /// Stored as TimeSpan: whole 24 hours are working days (BusinessDuration), so this is "one business day".
    static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static IReadOnlyList<SlaPolicy> DefaultPolicies(DateTimeOffset now) =>
    [
        Policy("P1", TimeSpan.FromMinutes(15), TimeSpan.FromHours(4), TimeSpan.FromHours(1), now),
        Policy("P2", TimeSpan.FromMinutes(30), Day, TimeSpan.FromHours(2), now),
        Policy("P3", TimeSpan.FromHours(4), 3 * Day, null, now),
        Policy("P4", Day, 5 * Day, null, now),
    ];

    static SlaPolicy Policy(string priority, TimeSpan response, TimeSpan resolution, TimeSpan? updateEvery, DateTimeOffset now) => new()
    {
        Key = priority,
        Version = 1,
        Priority = priority,
        FirstResponse = response,
        Resolution = resolution,
        UpdateEvery = updateEvery,
        Calendar = "default",
        Escalations = ["warning75=handler", "warning90=handler", "warning90=group:Supervisor", "breach=group:Supervisor", "breach+PT1H=group:QualitySupervisor"],
        MailAnyHour = priority == "P1",
        CreatedAt = now,
        CreatedBy = "seed",
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        try
        {
            if (!await db.Set<CalendarRecord>().AnyAsync(cancellationToken))
            {
                var calendar = new CalendarRecord
                {
                    Name = "default",
                    WeeklyHours = [.. Enum.GetNames<DayOfWeek>().Select(d => $"{d} 08:00-17:00")],
                    UpdatedAt = clock.GetUtcNow(),
                };
                foreach (var file in CalendarIcs.ShippedFiles())
                    CalendarIcs.Import(calendar, await File.ReadAllTextAsync(file, cancellationToken));
                db.Add(calendar);
            }
            if (!await db.Set<SlaPolicy>().AnyAsync(cancellationToken))
                db.AddRange(DefaultPolicies(clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            calendars.Invalidate(); // a workflow published before this (WorkflowDeployer) may have cached the empty table
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            log.LogDebug("Another host seeded the SLA tables first");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
