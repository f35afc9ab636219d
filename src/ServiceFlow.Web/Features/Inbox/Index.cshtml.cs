using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Inbox;

/// The staff inbox: my tasks, my groups' tasks, and (for supervisors) every open task; filters,
/// search by ticket number or task name, counts per tab capped at `Inbox:CountCap`, and keyset
/// paging (`after`/`before` cursors, see InboxQuery) so page 200 costs what page 1 does.
internal sealed class IndexModel(ServiceFlowDbContext db, ProcessRunner runner, SlaCalendars calendars, TimeProvider clock, IConfiguration config,
    WorkflowText workflowText) : PageModel
{
    public const int PageSize = 50;
    static readonly string[] TabOrder = ["mine", "groups", "all"];

    /// Without a tab in the link the inbox opens the first tab that has work (a supervisor's work is often all in "My groups").
    [BindProperty(SupportsGet = true)] public string? Tab { get; set; }
    [BindProperty(SupportsGet = true)] public int? Priority { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool DueToday { get; set; }
    [BindProperty(SupportsGet = true)] public string? ServiceType { get; set; }
    /// "due" (overdue first, then priority, then due), "priority", "newest", "oldest".
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "due";
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public IReadOnlyList<UserTask> Tasks { get; private set; } = [];
    public IReadOnlyList<string> ServiceTypes { get; private set; } = [];
    public IReadOnlyDictionary<string, SlaState> Sla { get; private set; } = new Dictionary<string, SlaState>();
    /// Ticket number → title, for the tickets on this page the user may read.
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();
    public Dictionary<string, int> Counts { get; } = [];
    public bool CanSeeAll => TaskAccess.IsManager(User);
    /// Only someone the task is offered to sees "Claim" (a supervisor looking at all tasks may claim any).
    public bool CanClaim(UserTask t) => TaskAccess.CanWork(t, User);
    public int CountCap { get; private set; }
    public bool HasNext { get; private set; }
    public bool HasPrevious { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Sort = Sort is "priority" or "newest" or "oldest" ? Sort : "due";
        CountCap = Math.Max(1, config.GetValue("Inbox:CountCap", 1000));
        var open = db.UserTasks.AsNoTracking().Where(t => t.Status == UserTaskStatus.Open);
        Counts["mine"] = await InboxQuery.CountAsync(InboxQuery.Mine(open, User), CountCap, ct);
        Counts["groups"] = await InboxQuery.CountAsync(InboxQuery.Groups(open, User), CountCap, ct);
        if (CanSeeAll)
            Counts["all"] = await InboxQuery.CountAsync(open, CountCap, ct);
        if (Tab is not ("mine" or "groups" or "all") || (Tab == "all" && !CanSeeAll))
            Tab = TabOrder.FirstOrDefault(tab => Counts.GetValueOrDefault(tab) > 0) ?? "mine";
        var query = Tab switch
        {
            "groups" => InboxQuery.Groups(open, User),
            "all" => open,
            _ => InboxQuery.Mine(open, User),
        };
        if (Priority is { } p)
            query = query.Where(t => t.Priority == p);
        if (!string.IsNullOrWhiteSpace(Q))
            query = query.Where(t => t.BusinessKey == Q.Trim() || EF.Functions.ILike(t.Name, $"%{Q.Trim()}%"));
        if (Overdue)
            query = InboxQuery.Overdue(query, db.SlaClocks, Now);
        if (DueToday)
            query = InboxQuery.DueToday(query, db.SlaClocks, Now, calendars.Get(null).TimeZone);
        if (!string.IsNullOrWhiteSpace(ServiceType))
        {
            var tickets = db.Tickets; // an extension property (TicketTables) cannot appear inside an expression tree
            query = query.Where(t => tickets.Any(k => k.Number == t.BusinessKey && k.ServiceType == ServiceType));
        }
        // A cursor that does not decode (edited, truncated, from another sort) just means the first page.
        var page = await InboxQuery.PageAsync(query, Sort, InboxCursor.Decode(After, Sort), InboxCursor.Decode(Before, Sort), PageSize, ct);
        ServiceTypes = await db.Tickets.AsNoTracking().Select(k => k.ServiceType).Distinct().OrderBy(x => x).ToListAsync(ct);
        (Tasks, HasPrevious, HasNext) = (page.Tasks, page.HasPrevious, page.HasNext);
        var numbers = Tasks.Select(t => t.BusinessKey).OfType<string>().Distinct().ToList();
        Sla = await InboxSla.ForAsync(db, calendars, numbers, Now, ct);
        Titles = await TicketTitles.ForAsync(db, numbers, User, ct);
        Names = await workflowText.TaskNamesAsync(db, Tasks, ct);
    }

    /// The earlier of the task's own due time and its ticket's most urgent SLA due time (`FromSla`), as the
    /// Overdue and Due today filters read it (InboxQuery): the column is never empty while a clock runs.
    public (DateTimeOffset? At, bool FromSla) DueOf(UserTask t)
    {
        var sla = t.BusinessKey is not null && Sla.TryGetValue(t.BusinessKey, out var state) ? state.DueAt : null;
        return (t.DueAt, sla) switch
        {
            ({ } own, { } clock) => clock < own ? (clock, true) : (own, false),
            ({ } own, null) => (own, false),
            (null, { } clock) => (clock, true),
            _ => (null, false),
        };
    }

    /// The link to another tab or page of the inbox, keeping the filters and the sort; a new tab starts at its first page.
    public string Link(string? tab = null, string? after = null, string? before = null)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var query = new Dictionary<string, string?>
        {
            ["tab"] = tab ?? Tab,
            ["q"] = Q,
            ["priority"] = Priority?.ToString(invariant),
            ["serviceType"] = ServiceType,
            ["overdue"] = Overdue ? "true" : null,
            ["dueToday"] = DueToday ? "true" : null,
            ["sort"] = Sort == "due" ? null : Sort,
            ["after"] = after,
            ["before"] = before,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/inbox", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    public string NextLink => Link(after: InboxCursor.Of(Tasks[^1], Sort).Encode());
    public string PreviousLink => Link(before: InboxCursor.Of(Tasks[0], Sort).Encode());

    public async Task<IActionResult> OnPostClaimAsync(Guid taskId, CancellationToken ct)
    {
        try
        {
            await runner.ClaimAsync(taskId, User, ct: ct);
            return RedirectToPage("/Inbox/Task", new { id = taskId });
        }
        catch (RuntimeProblem problem)
        {
            Error = HttpContext.Localize(problem);
            await OnGetAsync(ct);
            return Page();
        }
    }
}
