using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Sla;

/// List policies (newest version of each, durations in words) and save a new version; running clocks keep theirs.
[Authorize(Policy = Policies.ProcessOwner)]
internal sealed class PoliciesModel(ServiceFlowDbContext db, SlaCalendars calendars, TimeProvider clock) : PageModel
{
    public List<SlaPolicy> Latest { get; private set; } = [];
    public IReadOnlyList<string> CalendarNames { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public string Key { get; set; } = "";
    [BindProperty] public string Priority { get; set; } = "P3";
    [BindProperty] public string? ServiceType { get; set; }
    [BindProperty] public DurationInput FirstResponse { get; set; } = new() { Hours = 4 };
    [BindProperty] public DurationInput Resolution { get; set; } = new() { Days = 3 };
    [BindProperty] public DurationInput UpdateEvery { get; set; } = new();
    [BindProperty] public string Calendar { get; set; } = "default";
    [BindProperty] public string? Warnings { get; set; } = "75, 90";
    [BindProperty] public string? Escalations { get; set; }
    [BindProperty] public string? PauseStates { get; set; } = "WaitingForCustomer, WaitingForVendor";
    [BindProperty] public bool MailAnyHour { get; set; }

    public async Task OnGetAsync(string? edit)
    {
        await LoadAsync();
        if (Latest.FirstOrDefault(p => p.Key == edit) is { } p)
        {
            (Key, Priority, ServiceType, Calendar) = (p.Key, p.Priority, p.ServiceType, p.Calendar);
            (FirstResponse, Resolution, UpdateEvery) = (DurationInput.From(p.FirstResponse), DurationInput.From(p.Resolution), DurationInput.From(p.UpdateEvery));
            Warnings = string.Join(", ", p.WarningPercents);
            Escalations = string.Join('\n', p.Escalations);
            PauseStates = string.Join(", ", p.PauseStates);
            MailAnyHour = p.MailAnyHour;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var latest = await db.SlaPolicies.AsNoTracking().Where(p => p.Key == Key).OrderByDescending(p => p.Version).FirstOrDefaultAsync();
        var percents = (Warnings ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => int.TryParse(w, out var n) ? n : -1).ToList();
        SlaPolicy? policy = null;
        string? problem;
        try
        {
            if (FirstResponse.IsEmpty || Resolution.IsEmpty)
                throw new ArgumentException("First response and resolution each need a time: working days, hours or minutes.");
            var request = new SavePolicyRequest(Priority, string.IsNullOrWhiteSpace(ServiceType) ? null : ServiceType.Trim(),
                FirstResponse.ToIso("First response"), Resolution.ToIso("Resolution"), UpdateEvery.ToIso("Progress update every"), Calendar, percents,
                [.. (Escalations ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                [.. (PauseStates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], MailAnyHour);
            policy = SlaPolicies.NextVersion(Key.Trim(), latest, request, clock.GetUtcNow(), User.Identity?.Name, out problem);
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }
        if (policy is not null && !calendars.Registry.Contains(policy.Calendar))
        {
            problem = $"There is no business calendar '{policy.Calendar}'.";
            policy = null;
        }
        if (policy is null)
        {
            Error = problem;
            await LoadAsync();
            return Page();
        }
        db.Add(policy);
        await db.SaveChangesAsync();
        return RedirectToPage(new { edit = policy.Key });
    }

    async Task LoadAsync()
    {
        Latest = [.. (await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Key).ThenByDescending(p => p.Version).ToListAsync()).GroupBy(p => p.Key).Select(g => g.First())];
        CalendarNames = await db.BusinessCalendars.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Name).ToListAsync();
    }
}
