using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// Escalation mail to staff, written to the outbox in the firing's transaction. Outside the clock
/// calendar's working hours it is held (`NotBefore` = the next working instant) unless the policy says
/// `MailAnyHour` (seeded for P1): the inbox task exists at once, the mail waits for the morning.
internal sealed class SlaMail(SlaCalendars calendars, MailMessageBuilder builder)
{
    public sealed record Person(string UserName, string Email, string? DisplayName, string? Culture);

    public sealed record Escalation(SlaTimer Timer, SlaClock Clock, SlaPolicy Policy, Ticket? Ticket, Person To, TimeSpan Elapsed);

    public static async Task<Dictionary<string, Person>> PeopleAsync(StepContext ctx, IEnumerable<string> userNames)
    {
        var names = userNames.Distinct().ToList();
        if (names.Count == 0)
            return [];
        var people = await ctx.Db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!) && u.Email != null)
            .Select(u => new Person(u.UserName!, u.Email!, u.DisplayName, u.Culture)).ToListAsync();
        return people.ToDictionary(p => p.UserName);
    }

    public void Add(StepContext ctx, Escalation e)
    {
        var c = e.Clock;
        var calendar = calendars.Get(c.Calendar);
        var model = new
        {
            recipient = new { name = e.To.DisplayName ?? e.To.UserName },
            ticket = new { number = c.BusinessKey, title = e.Ticket?.Title ?? "", priority = e.Ticket?.Priority ?? "" },
            assignee = new { name = e.Ticket?.Handler ?? "" },
            sla = new
            {
                kind = c.Name == SlaClocks.FirstResponse ? "response" : c.Name == SlaClocks.Update ? "update" : "resolution",
                due = c.DueAt,
                // In words in the template (format_duration): working days and hours from now to the due instant, or since it.
                remaining = (c.DueAt is { } dueAt ? calendar.Difference(ctx.Now, dueAt) : Forward(calendar, ctx.Now, c.WorkingTarget - e.Elapsed)).ToString(),
                overdue = (c.DueAt is { } was ? calendar.Difference(was, ctx.Now) : BusinessDuration.Zero).ToString(),
            },
            escalation = new { level = "tier2", by = "SLA", reason = $"{c.Name} {e.Timer.Kind}" },
            link = $"/tickets/{c.BusinessKey}",
        };
        var next = calendar.NextWorkingInstant(ctx.Now).ToUniversalTime();
        DateTimeOffset? notBefore = e.Policy.MailAnyHour || next <= ctx.Now ? null : next;
        var id = Guid.CreateVersion7();
        ctx.Db.Outbox.Add(new OutboxMessage
        {
            Id = id,
            MessageId = builder.MessageIdFor(id),
            Template = SlaLadder.Template(e.Timer.Kind)!,
            Culture = e.To.Culture,
            To = e.To.Email,
            ToName = e.To.DisplayName,
            Model = JsonSerializer.Serialize(model, InstanceStateJson.Options),
            BusinessKey = c.BusinessKey,
            Status = OutboxStatus.Pending,
            CreatedAt = ctx.Now,
            NotBefore = notBefore,
            NextAttemptAt = notBefore ?? ctx.Now,
        });
        // Held mail's intent waits in the table until the morning: no Hangfire job is made for it before then.
        ctx.Intend(OutboxDispatcher.Name, id, notBefore ?? ctx.Now);
    }

    /// Working time counted forward from now as working days and hours; none when not positive.
    static BusinessDuration Forward(BusinessCalendar calendar, DateTimeOffset now, TimeSpan workingTime) =>
        workingTime > TimeSpan.Zero ? calendar.Difference(now, calendar.Add(now, workingTime)) : BusinessDuration.Zero;
}
