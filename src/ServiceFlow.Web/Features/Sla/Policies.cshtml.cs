using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;

namespace ServiceFlow.Web.Features.Sla;

/// List policies (newest version of each) and save a new version; running clocks keep theirs.
[Authorize(Policy = Policies.ProcessOwner)]
internal sealed class PoliciesModel(ServiceFlowDbContext db, SlaCalendars calendars, TimeProvider clock) : PageModel
{
    public List<SlaPolicy> Latest { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public string Key { get; set; } = "";
    [BindProperty] public string Priority { get; set; } = "P3";
    [BindProperty] public string? ServiceType { get; set; }
    [BindProperty] public string FirstResponse { get; set; } = "PT4H";
    [BindProperty] public string Resolution { get; set; } = "PT27H";
    [BindProperty] public string? UpdateEvery { get; set; }
    [BindProperty] public string Calendar { get; set; } = "default";
    [BindProperty] public string Warnings { get; set; } = "75, 90";
    [BindProperty] public string Escalations { get; set; } = "";
    [BindProperty] public string PauseStates { get; set; } = "WaitingForCustomer, WaitingForVendor";
    [BindProperty] public bool MailAnyHour { get; set; }

    public async Task OnGetAsync(string? edit)
    {
        await LoadAsync();
        if (Latest.FirstOrDefault(p => p.Key == edit) is { } p)
        {
            var dto = PolicyDto.From(p);
            (Key, Priority, ServiceType, FirstResponse, Resolution, UpdateEvery, Calendar) =
                (dto.Key, dto.Priority, dto.ServiceType, dto.FirstResponse, dto.Resolution, dto.UpdateEvery, dto.Calendar);
            Warnings = string.Join(", ", p.WarningPercents);
            Escalations = string.Join('\n', p.Escalations);
            PauseStates = string.Join(", ", p.PauseStates);
            MailAnyHour = p.MailAnyHour;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var latest = await db.SlaPolicies.AsNoTracking().Where(p => p.Key == Key).OrderByDescending(p => p.Version).FirstOrDefaultAsync();
        var percents = Warnings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => int.TryParse(w, out var n) ? n : -1).ToList();
        var request = new SavePolicyRequest(Priority, string.IsNullOrWhiteSpace(ServiceType) ? null : ServiceType.Trim(), FirstResponse, Resolution,
            UpdateEvery ?? "", Calendar, percents, [.. Escalations.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            [.. PauseStates.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], MailAnyHour);
        var policy = SlaPolicies.NextVersion(Key.Trim(), latest, request, clock.GetUtcNow(), User.Identity?.Name, out var problem);
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

    async Task LoadAsync() =>
        Latest = [.. (await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Key).ThenByDescending(p => p.Version).ToListAsync()).GroupBy(p => p.Key).Select(g => g.First())];
}
