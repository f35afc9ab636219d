using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Scheduled;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports;

/// Scheduled reports: report readers mail any report to report-reading roles and people; anyone may mail themselves
/// their own figures. The same rules as /api/reports/subscriptions (SubscriptionRules).
internal sealed class SubscriptionsModel(ServiceFlowDbContext db, SlaCalendars calendars, TimeProvider clock, SubscriptionSchedule schedule, IStringLocalizer l) : PageModel
{
    public sealed class Form
    {
        public string? Name { get; set; }
        public string? Report { get; set; }
        public string? Period { get; set; }
        public string? GroupBy { get; set; }
        public string[]? Measures { get; set; }
        public string? Filters { get; set; }
        public string[]? Roles { get; set; }
        /// User names separated by commas or spaces.
        public string? People { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();

    public bool Reader => ReportPolicies.SeesReports(User);
    public List<ReportSubscription> Subscriptions { get; private set; } = [];
    public ILookup<Guid, string> Sent { get; private set; } = Array.Empty<string>().ToLookup(_ => Guid.Empty);
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var s = new ReportSubscription { Id = Guid.CreateVersion7(), Owner = User.Identity?.Name ?? "", CreatedAt = now };
        var request = new SubscriptionRequest(Input.Name, Reader ? Input.Report : "me", Input.Measures, Input.GroupBy, Input.Filters, Input.Period,
            Input.Roles, Input.People?.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        try
        {
            await SubscriptionRules.ApplyAsync(db, s, request, User, calendars.Get("default").TimeZone, now, ct);
        }
        catch (RuntimeProblem problem)
        {
            Error = l.Problem(problem);
            Response.StatusCode = problem.Status;
            await LoadAsync(ct);
            return Page();
        }
        db.Add(s);
        await db.SaveChangesAsync(ct);
        schedule.Register(s);
        return RedirectToPage(new { saved = s.Id });
    }

    public async Task<IActionResult> OnPostRunAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } s)
            return NotFound();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), calendars.Get("default").TimeZone).DateTime);
        var from = ReportPeriods.LastComplete(s.Period, today).From;
        var key = ReportPeriods.Key(s.Period, from);
        if (!await db.Set<ReportDelivery>().AnyAsync(d => d.SubscriptionId == id && d.PeriodKey == key, ct))
            schedule.Trigger(id);
        return RedirectToPage(new { run = s.Id, period = ReportPeriods.Label(s.Period, from) });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } s)
            return NotFound();
        db.Remove(s);
        await db.SaveChangesAsync(ct);
        schedule.Remove(id);
        return RedirectToPage();
    }

    async Task<ReportSubscription?> FindAsync(Guid id, CancellationToken ct)
    {
        var s = await db.Set<ReportSubscription>().SingleOrDefaultAsync(x => x.Id == id, ct);
        return s is not null && SubscriptionRules.MayManage(User, s) ? s : null;
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var me = User.Identity?.Name ?? "";
        var query = db.Set<ReportSubscription>().AsNoTracking();
        if (!Reader)
            query = query.Where(s => s.Owner == me);
        Subscriptions = await query.OrderBy(s => s.Name).ToListAsync(ct);
        var ids = Subscriptions.Select(s => s.Id).ToList();
        Sent = (await db.Set<ReportDelivery>().AsNoTracking().Where(d => ids.Contains(d.SubscriptionId)).OrderByDescending(d => d.PeriodKey)
            .Select(d => new { d.SubscriptionId, d.PeriodKey }).ToListAsync(ct)).ToLookup(d => d.SubscriptionId, d => d.PeriodKey);
        if (Request.Query["run"].Count > 0)
            Message = l["Sending the report for {0} now; the mail goes out in a minute. A period already mailed is not mailed again.", Request.Query["period"].ToString()];
        else if (Request.Query["saved"].Count > 0)
            Message = l["Saved. The report is mailed at the start of each period."];
    }

    public string PeriodText(ReportPeriod p) => l[$"ReportPeriod.{p}"];

    public string ReportText(string report) => l[ScheduledReportJob.Title(report)];
}
