using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Sla;

/// Calendars, policy versions and the due-date preview. Staff read; administrators and process owners change.
internal static class SlaAdminApi
{
    public static void MapSlaAdminApi(this IEndpointRouteBuilder app)
    {
        var sla = app.MapGroup("/api/sla").WithTags("SLA").RequireAuthorization(Policies.Staff);

        sla.MapPost("/preview", async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> (PreviewRequest r, ServiceFlowDbContext db,
            SlaCalendars calendars, TimeProvider clock, CancellationToken ct) =>
        {
            if (!BusinessDuration.TryParse(r.Duration, out var duration) || duration.IsZero)
                return Problems.BadRequest($"Duration '{r.Duration}' is not a positive ISO 8601 duration such as PT4H (four working hours) or P1D (one working day).");
            var name = r.Calendar;
            if (r.Policy is { } key)
            {
                var policy = await db.Set<SlaPolicy>().AsNoTracking().Where(p => p.Key == key).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
                if (policy is null)
                    return Problems.NotFound($"There is no SLA policy '{key}'.");
                name = policy.Calendar;
            }
            if (name is not null && !calendars.Registry.Contains(name))
                return Problems.NotFound($"There is no business calendar '{name}'.");
            var calendar = calendars.Get(name);
            var start = r.Start ?? clock.GetUtcNow();
            // Calendars count days around the start in its time zone; the ends of the DateTimeOffset range have none.
            if (start.Year is < 1900 or > 9000)
                return Problems.BadRequest($"start {start:O} is outside the years 1900–9000 a business calendar covers.");
            return TypedResults.Ok(new PreviewResponse(calendar.Name, start, duration.ToString(), calendar.Add(start, duration)));
        });

        sla.MapGet("/calendars", async (ServiceFlowDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.Set<CalendarRecord>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct)).Select(CalendarDto.From).ToList()));

        sla.MapPut("/calendars/{name}", async Task<Results<Ok<CalendarDto>, ProblemHttpResult>> (string name, CalendarDto r, ServiceFlowDbContext db,
            SlaCalendars calendars, TimeProvider clock, CancellationToken ct) =>
        {
            if (name.Trim().Length is 0 or > 64 || name != name.Trim())
                return Problems.BadRequest($"'{name}' is not a calendar name: 1 to 64 characters, no leading or trailing spaces.");
            var record = await db.Set<CalendarRecord>().SingleOrDefaultAsync(c => c.Name == name, ct);
            if (record is null)
                db.Add(record = new CalendarRecord { Name = name });
            record.TimeZone = r.TimeZone ?? record.TimeZone;
            record.WeeklyHours = r.WeeklyHours ?? record.WeeklyHours;
            record.Holidays = r.Holidays ?? record.Holidays;
            record.ExtraWorkingDays = r.ExtraWorkingDays ?? record.ExtraWorkingDays;
            record.UpdatedAt = clock.GetUtcNow();
            if (Check(record) is { } problem)
                return Problems.BadRequest(problem);
            await db.SaveChangesAsync(ct);
            calendars.Invalidate();
            return TypedResults.Ok(CalendarDto.From(record));
        }).RequireAuthorization(Policies.ProcessOwner);

        // Body: an iCalendar file (text/calendar); all-day events become holidays, CATEGORIES:WORKDAY ones extra working days.
        sla.MapPost("/calendars/{name}/ics", async Task<Results<Ok<CalendarDto>, ProblemHttpResult>> (string name, HttpRequest request,
            ServiceFlowDbContext db, SlaCalendars calendars, TimeProvider clock, CancellationToken ct) =>
        {
            var record = await db.Set<CalendarRecord>().SingleOrDefaultAsync(c => c.Name == name, ct);
            if (record is null)
                return Problems.NotFound($"There is no business calendar '{name}'.");
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            try
            {
                CalendarIcs.Import(record, text);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                return Problems.BadRequest($"The iCalendar file could not be read: {ex.Message}");
            }
            record.UpdatedAt = clock.GetUtcNow();
            if (Check(record) is { } problem)
                return Problems.BadRequest(problem);
            await db.SaveChangesAsync(ct);
            calendars.Invalidate();
            return TypedResults.Ok(CalendarDto.From(record));
        }).RequireAuthorization(Policies.ProcessOwner).Accepts<string>("text/calendar");

        sla.MapGet("/policies", async (ServiceFlowDbContext db, bool? allVersions, CancellationToken ct) =>
        {
            var all = await db.Set<SlaPolicy>().AsNoTracking().OrderBy(p => p.Key).ThenByDescending(p => p.Version).ToListAsync(ct);
            var list = allVersions == true ? all : [.. all.GroupBy(p => p.Key).Select(g => g.First())];
            return TypedResults.Ok(list.Select(PolicyDto.From).ToList());
        });

        sla.MapPut("/policies/{key}", async Task<Results<Ok<PolicyDto>, ProblemHttpResult>> (string key, SavePolicyRequest r, ServiceFlowDbContext db,
            SlaCalendars calendars, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var latest = await db.Set<SlaPolicy>().AsNoTracking().Where(p => p.Key == key).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
            var policy = SlaPolicies.NextVersion(key, latest, r, clock.GetUtcNow(), user.Identity?.Name, out var problem);
            if (policy is null)
                return Problems.BadRequest(problem!);
            if (!calendars.Registry.Contains(policy.Calendar))
                return Problems.BadRequest($"There is no business calendar '{policy.Calendar}'; create it under /api/sla/calendars first.");
            db.Add(policy);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return Problems.Conflict($"Someone saved policy {key} at the same moment; reload and try again.");
            }
            return TypedResults.Ok(PolicyDto.From(policy));
        }).RequireAuthorization(Policies.ProcessOwner);
    }

    static string? Check(CalendarRecord record)
    {
        try
        {
            SlaCalendars.ToCalendar(record);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return ex.Message;
        }
    }
}
