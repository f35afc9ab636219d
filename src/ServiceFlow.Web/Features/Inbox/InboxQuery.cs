using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// Keyset paging and capped counts for the inbox. Every sort order ends in the id, so the order is
/// total and a row comparison `(keys, id) > (cursor)` seeks straight into the matching partial index
/// (see UserTaskConfiguration) however deep the page: no OFFSET that reads and discards rows.
internal static class InboxQuery
{
    public sealed record Page(IReadOnlyList<UserTask> Tasks, bool HasPrevious, bool HasNext);

    /// `after` gives the page following that row, `before` the page preceding it, neither the first page.
    public static async Task<Page> PageAsync(IQueryable<UserTask> query, string sort, InboxCursor? after, InboxCursor? before, int size, CancellationToken ct)
    {
        var backwards = after is null && before is not null;
        var rows = await Ordered(query, sort, after ?? before, backwards).Take(size + 1).ToListAsync(ct);
        var more = rows.Count > size;
        var tasks = rows.Take(size).ToList();
        if (backwards)
        {
            tasks.Reverse();
            return new Page(tasks, HasPrevious: more, HasNext: true);
        }
        return new Page(tasks, HasPrevious: after is not null, HasNext: more);
    }

    /// The inbox's tabs and quick filters, shared with the home page so its counts are the inbox's.
    public static IQueryable<UserTask> Mine(IQueryable<UserTask> open, ClaimsPrincipal user)
    {
        var me = user.Identity!.Name!;
        return open.Where(t => t.Assignee == me);
    }

    /// Unassigned tasks offered to the user by name or to one of their groups.
    public static IQueryable<UserTask> Groups(IQueryable<UserTask> open, ClaimsPrincipal user) => open.Where(TaskAccess.OfferedTo(user));

    /// Due before `now`: the task's own due time or its ticket's SLA (a running or breached clock), as the
    /// Due column shows the earlier of the two. Two indexed halves, united: open tasks by SortDue (the due time,
    /// or year 9999 without one), and the open tasks of tickets whose clocks fall due by then.
    public static IQueryable<UserTask> Overdue(IQueryable<UserTask> query, IQueryable<SlaClock> clocks, DateTimeOffset now) => DueBefore(query, clocks, now);

    /// Due before the end of today as the pages show times (the desk's zone); PostgreSQL compares in UTC.
    public static IQueryable<UserTask> DueToday(IQueryable<UserTask> query, IQueryable<SlaClock> clocks, DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return DueBefore(query, clocks, new DateTimeOffset(local.Date.AddDays(1), local.Offset).ToUniversalTime());
    }

    static IQueryable<UserTask> DueBefore(IQueryable<UserTask> query, IQueryable<SlaClock> clocks, DateTimeOffset until)
    {
        var tickets = clocks.Where(c => (c.State == ClockState.Running || c.State == ClockState.Breached) && c.DueAt < until).Select(c => c.BusinessKey);
        return query.Where(t => t.SortDue < until).Union(query.Where(t => t.BusinessKey != null && tickets.Contains(t.BusinessKey)));
    }

    /// Counts up to `cap + 1` rows (`SELECT count(*) FROM (… LIMIT cap+1)`), so a tab with 100,000
    /// tasks costs no more than one with cap + 1; a result above `cap` is shown as "cap+".
    public static Task<int> CountAsync(IQueryable<UserTask> query, int cap, CancellationToken ct) =>
        query.Take(cap + 1).CountAsync(ct);

    static IQueryable<UserTask> Ordered(IQueryable<UserTask> q, string sort, InboxCursor? c, bool backwards)
    {
        // "newest" runs its index backwards; going to the previous page flips the direction again.
        var ascending = (sort == "newest") == backwards;
        switch (sort)
        {
            case "priority":
                if (c is not null)
                {
                    var (priority, time, id) = (c.Priority, c.Time, c.Id);
                    q = ascending
                        ? q.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.SortPriority, t.SortDue, t.Id), ValueTuple.Create(priority, time, id)))
                        : q.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.SortPriority, t.SortDue, t.Id), ValueTuple.Create(priority, time, id)));
                }
                return ascending
                    ? q.OrderBy(t => t.SortPriority).ThenBy(t => t.SortDue).ThenBy(t => t.Id)
                    : q.OrderByDescending(t => t.SortPriority).ThenByDescending(t => t.SortDue).ThenByDescending(t => t.Id);
            case "newest" or "oldest":
                if (c is not null)
                {
                    var (time, id) = (c.Time, c.Id);
                    q = ascending
                        ? q.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(time, id)))
                        : q.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(time, id)));
                }
                return ascending ? q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id) : q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);
            default: // "due": overdue tasks come first because they are due earliest; no due date last
                if (c is not null)
                {
                    var (time, id) = (c.Time, c.Id);
                    q = ascending
                        ? q.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.SortDue, t.Id), ValueTuple.Create(time, id)))
                        : q.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.SortDue, t.Id), ValueTuple.Create(time, id)));
                }
                return ascending ? q.OrderBy(t => t.SortDue).ThenBy(t => t.Id) : q.OrderByDescending(t => t.SortDue).ThenByDescending(t => t.Id);
        }
    }
}
