using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Inbox;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features;

/// The start page: each person's work. Counts come from the inbox's own queries (InboxQuery), capped like
/// its tabs, so a number here is the number the inbox link shows; every list is a LIMIT on an index
/// (open tasks by assignee or due time, tickets by recording time, low scores by answer time, open incidents).
internal sealed class IndexModel(UserManager<AppUser> users, ServiceFlowDbContext db, TimeProvider clock, SlaCalendars calendars,
    IConfiguration config, WorkflowText workflowText) : PageModel
{
    public const int ListSize = 5;
    /// Scores at or below the callback workflow's follow-up threshold (its default, 2 of 5).
    public const int LowScore = 2;

    public sealed record TeamSummary(int Open, int Overdue, int Unassigned);
    public sealed record WorkflowIncidents(string Key, string Name, int Open, Guid LatestInstance);

    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public int CountCap { get; private set; }
    public bool HasTasks { get; private set; }
    public int MyOpen { get; private set; }
    public int MyOverdue { get; private set; }
    public int MyDueToday { get; private set; }
    public int GroupQueue { get; private set; }
    public IReadOnlyList<UserTask> GroupTasks { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> TaskNames { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<Ticket> RecentTickets { get; private set; } = [];
    public TeamSummary? Team { get; private set; }
    public IReadOnlyList<Survey>? LowScores { get; private set; }
    public IReadOnlyList<WorkflowIncidents>? Incidents { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = await users.GetUserAsync(User);
        DisplayName = me?.DisplayName ?? User.Identity?.Name ?? "";
        Roles = me is null ? [] : [.. await users.GetRolesAsync(me)];
        CountCap = Math.Max(1, config.GetValue("Inbox:CountCap", 1000));
        var now = clock.GetUtcNow();
        var open = db.UserTasks.AsNoTracking().Where(t => t.Status == UserTaskStatus.Open);

        HasTasks = Security.Roles.GetsWork(User);
        if (HasTasks)
        {
            var mine = InboxQuery.Mine(open, User);
            MyOpen = await InboxQuery.CountAsync(mine, CountCap, ct);
            MyOverdue = await InboxQuery.CountAsync(InboxQuery.Overdue(mine, db.SlaClocks, now), CountCap, ct);
            MyDueToday = await InboxQuery.CountAsync(InboxQuery.DueToday(mine, db.SlaClocks, now, calendars.Get(null).TimeZone), CountCap, ct);
            var groups = InboxQuery.Groups(open, User);
            GroupQueue = await InboxQuery.CountAsync(groups, CountCap, ct);
            GroupTasks = (await InboxQuery.PageAsync(groups, "due", null, null, ListSize, ct)).Tasks;
            TaskNames = await workflowText.TaskNamesAsync(db, GroupTasks, ct);
        }
        RecentTickets = await TicketAccess.Visible(db.Tickets.AsNoTracking(), User).OrderByDescending(t => t.RecordedAt).Take(ListSize).ToListAsync(ct);
        Titles = await TicketTitles.ForAsync(db, GroupTasks.Select(t => t.BusinessKey).OfType<string>().Distinct().ToList(), User, ct);

        if (TaskAccess.IsManager(User))
            Team = new TeamSummary(await InboxQuery.CountAsync(open, CountCap, ct), await InboxQuery.CountAsync(InboxQuery.Overdue(open, db.SlaClocks, now), CountCap, ct),
                await InboxQuery.CountAsync(open.Where(t => t.Assignee == null), CountCap, ct));
        if (User.IsInRole(Security.Roles.QualitySupervisor) || User.IsInRole(Security.Roles.Admin))
            LowScores = await db.Surveys.AsNoTracking().Where(s => s.Status == SurveyStatus.Answered && s.Score <= LowScore)
                .OrderByDescending(s => s.AnsweredAt).Take(ListSize).ToListAsync(ct);
        if (User.IsInRole(Security.Roles.ProcessOwner) || User.IsInRole(Security.Roles.Admin))
            Incidents = await IncidentsAsync(ct);
    }

    /// Workflows with unresolved incidents: how many, and the instance of the latest one to open.
    async Task<IReadOnlyList<WorkflowIncidents>> IncidentsAsync(CancellationToken ct)
    {
        var rows = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null)
            .Join(db.ProcessInstances, i => i.InstanceId, p => p.Id, (i, p) => new { p.WorkflowKey, p.DefinitionId, i.InstanceId, i.CreatedAt })
            .OrderByDescending(r => r.CreatedAt).Take(1000).ToListAsync(ct);
        var result = new List<WorkflowIncidents>();
        foreach (var group in rows.GroupBy(r => r.WorkflowKey))
        {
            var latest = group.First();
            var name = await workflowText.ProcessNameAsync(latest.DefinitionId, ct)
                ?? await db.WorkflowDefinitions.Where(d => d.Id == latest.DefinitionId).Select(d => d.Name).SingleOrDefaultAsync(ct) ?? group.Key;
            result.Add(new WorkflowIncidents(group.Key, name, group.Count(), latest.InstanceId));
        }
        return result;
    }

    public string Count(int count) => count > CountCap ? $"{CountCap:N0}+" : count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);
}
