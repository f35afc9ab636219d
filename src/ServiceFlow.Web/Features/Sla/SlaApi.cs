using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Timers;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Jobs;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

internal static class SlaApi
{
    public static IServiceCollection AddSla(this IServiceCollection services)
    {
        services.AddSingleton<SlaCalendars>();
        services.AddSingleton<IBusinessCalendars>(sp => sp.GetRequiredService<SlaCalendars>());
        services.AddSingleton<SlaScheduler>();
        services.AddSingleton<IIntentHandler>(sp => sp.GetRequiredService<SlaScheduler>());
        services.AddSingleton<SlaClocks>();
        services.AddSingleton<SlaEscalations>();
        services.AddSingleton<SlaMail>();
        services.AddSingleton<SlaTasks>();
        services.AddScoped<SlaPanel>();
        services.AddSingleton<ITicketListener, SlaTicketListener>();
        services.AddTransient<SlaJobs>();
        services.AddSingleton<IStepObserver, SlaClockObserver>();
        services.AddHostedService<SlaSeeder>();
        return services;
    }

    public static void MapSlaApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/tickets/{number}/sla").WithTags("SLA").RequireAuthorization(Policies.Staff);
        tickets.MapGet("/", async Task<Results<Ok<List<ClockView>>, ProblemHttpResult>> (string number, ServiceFlowDbContext db,
            SlaCalendars calendars, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var ticket = await db.Set<Ticket>().AsNoTracking().SingleOrDefaultAsync(t => t.Number == number, ct);
            if (ticket is not null && !TicketAccess.CanRead(ticket, user))
                ticket = null;
            if (ticket is null && !TicketAccess.SeesAll(user))
                return Problems.NotFound($"There is no ticket {number} that you can see.");
            return TypedResults.Ok(await SlaExplain.ClocksAsync(db, calendars, number, clock.GetUtcNow(), ct));
        });
        tickets.MapPost("/pause", (string number, ClockChangeRequest r, [AsParameters] SlaServices s, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(number, user, s, ctx => s.Clocks.PauseAsync(ctx, number, r.Clock, Reason("pause", r.Reason)), ct));
        tickets.MapPost("/resume", (string number, ClockChangeRequest r, [AsParameters] SlaServices s, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(number, user, s, ctx => s.Clocks.ResumeAsync(ctx, number, r.Clock, Reason("resume", r.Reason)), ct));
        tickets.MapPost("/replan", (string number, ReplanRequest r, [AsParameters] SlaServices s, ClaimsPrincipal user, CancellationToken ct) =>
            ChangeAsync(number, user, s, async ctx =>
            {
                if (r.Priority is { } p)
                {
                    var priority = p.ToUpperInvariant();
                    if (priority is not ("P1" or "P2" or "P3" or "P4"))
                        throw RuntimeProblem.BadRequest($"Priority '{p}' is not one of P1, P2, P3, P4.");
                    var ticket = await ctx.Db.Set<Ticket>().SingleAsync(t => t.Number == number);
                    if (ticket.Priority != priority)
                    {
                        TicketService.Entry(ctx, ticket, TicketEntryKind.Change, "priority", ticket.Priority, priority);
                        ticket.Priority = priority;
                    }
                }
                await s.Clocks.ReplanAsync(ctx, number, Reason(r.Priority is null ? "replan" : $"priority {r.Priority}", r.Reason));
            }, ct));

        app.MapSlaAdminApi();
    }

    static string Reason(string what, string? why) => string.IsNullOrWhiteSpace(why) ? what : $"{what}: {why.Trim()}";

    static async Task<Ok<List<ClockView>>> ChangeAsync(string number, ClaimsPrincipal user, SlaServices s,
        Func<StepContext, Task> change, CancellationToken ct)
    {
        await s.Runner.InTransactionAsync(user.Identity?.Name, async ctx =>
        {
            var ticket = await ctx.Db.Set<Ticket>().AsNoTracking().SingleOrDefaultAsync(t => t.Number == number, ct);
            if (ticket is null || !TicketAccess.CanRead(ticket, user))
                throw RuntimeProblem.NotFound($"There is no ticket {number} that you can see.");
            // Pausing or re-planning moves the targets the desk is measured by: a supervisor's decision (003 §3.1), not the handler's.
            if (!TicketAccess.CanWrite(ticket, user) || !TaskAccess.IsManager(user))
                throw RuntimeProblem.Forbidden($"Only supervisors and administrators change the SLA clocks of ticket {number}.");
            if (ticket.IsReadOnly)
                throw RuntimeProblem.Conflict($"Ticket {number} is {ticket.Status}; the clocks of archived and closed records do not change.");
            await change(ctx);
            return true;
        }, ct);
        return TypedResults.Ok(await SlaExplain.ClocksAsync(s.Db, s.Calendars, number, s.Clock.GetUtcNow(), ct));
    }
}

internal sealed record SlaServices(ProcessRunner Runner, SlaClocks Clocks, ServiceFlowDbContext Db, SlaCalendars Calendars, TimeProvider Clock);
