using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Scheduled;

public sealed record RunAccepted(Guid Id, string Period, bool AlreadySent);

/// /api/reports/subscriptions: scheduled report mail. Every signed-in user; what each may do is SubscriptionRules'.
internal static class SubscriptionsApi
{
    public static void MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var subs = app.MapGroup("/api/reports/subscriptions").WithTags("Reports").RequireAuthorization(Policies.Staff);

        subs.MapGet("/", async (ServiceFlowDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var me = user.Identity?.Name ?? "";
            var query = db.Set<ReportSubscription>().AsNoTracking();
            if (!ReportPolicies.SeesReports(user))
                query = query.Where(s => s.Owner == me);
            var list = await query.OrderBy(s => s.Name).ToListAsync(ct);
            var sent = await SentAsync(db, list.Select(s => s.Id).ToList(), ct);
            return TypedResults.Ok(list.Select(s => SubscriptionRules.Dto(s, sent[s.Id].ToList())).ToList());
        }).WithSummary("Scheduled reports: all of them for report readers, your own for anyone else");

        subs.MapPost("/", async Task<Created<SubscriptionDto>> (SubscriptionRequest request, ServiceFlowDbContext db, ClaimsPrincipal user,
            SlaCalendars calendars, TimeProvider clock, SubscriptionSchedule schedule, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var s = new ReportSubscription { Id = Guid.CreateVersion7(), Owner = user.Identity?.Name ?? "", CreatedAt = now };
            await SubscriptionRules.ApplyAsync(db, s, request, user, calendars.Get("default").TimeZone, now, ct);
            db.Add(s);
            await db.SaveChangesAsync(ct);
            schedule.Register(s);
            return TypedResults.Created($"/api/reports/subscriptions/{s.Id}", SubscriptionRules.Dto(s, []));
        }).WithSummary("Subscribe roles and/or people to a report mailed daily, weekly, monthly or quarterly");

        subs.MapPut("/{id:guid}", async Task<Ok<SubscriptionDto>> (Guid id, SubscriptionRequest request, ServiceFlowDbContext db, ClaimsPrincipal user,
            SlaCalendars calendars, TimeProvider clock, SubscriptionSchedule schedule, CancellationToken ct) =>
        {
            var s = await FindAsync(db, id, user, ct);
            await SubscriptionRules.ApplyAsync(db, s, request, user, calendars.Get("default").TimeZone, clock.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
            schedule.Register(s);
            return TypedResults.Ok(SubscriptionRules.Dto(s, (await SentAsync(db, [id], ct))[id].ToList()));
        });

        subs.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, ServiceFlowDbContext db, ClaimsPrincipal user, SubscriptionSchedule schedule, CancellationToken ct) =>
        {
            var s = await FindAsync(db, id, user, ct);
            db.Remove(s);
            await db.SaveChangesAsync(ct);
            schedule.Remove(id);
            return TypedResults.NoContent();
        });

        subs.MapPost("/{id:guid}/run", async Task<Accepted<RunAccepted>> (Guid id, ServiceFlowDbContext db, ClaimsPrincipal user, SlaCalendars calendars,
            TimeProvider clock, SubscriptionSchedule schedule, CancellationToken ct) =>
        {
            var s = await FindAsync(db, id, user, ct);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), calendars.Get("default").TimeZone).DateTime);
            var from = ReportPeriods.LastComplete(s.Period, today).From;
            var key = ReportPeriods.Key(s.Period, from);
            var sent = await db.Set<ReportDelivery>().AnyAsync(d => d.SubscriptionId == id && d.PeriodKey == key, ct);
            if (!sent)
                schedule.Trigger(id);
            return TypedResults.Accepted($"/api/reports/subscriptions/{id}", new RunAccepted(id, ReportPeriods.Label(s.Period, from), sent));
        }).WithSummary("Mail the last complete period now (once: a period already mailed is not mailed again)");
    }

    static async Task<ReportSubscription> FindAsync(ServiceFlowDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var s = await db.Set<ReportSubscription>().SingleOrDefaultAsync(x => x.Id == id, ct);
        // Someone else's subscription is not shown to a person who may not manage it: 404, as if it did not exist.
        if (s is null || !SubscriptionRules.MayManage(user, s))
            throw RuntimeProblem.NotFound($"There is no scheduled report {id} of yours.");
        return s;
    }

    static async Task<ILookup<Guid, string>> SentAsync(ServiceFlowDbContext db, List<Guid> ids, CancellationToken ct) =>
        (await db.Set<ReportDelivery>().AsNoTracking().Where(d => ids.Contains(d.SubscriptionId)).OrderByDescending(d => d.PeriodKey)
            .Select(d => new { d.SubscriptionId, d.PeriodKey }).ToListAsync(ct)).ToLookup(d => d.SubscriptionId, d => d.PeriodKey);
}
