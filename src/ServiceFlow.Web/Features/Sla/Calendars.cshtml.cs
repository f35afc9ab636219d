using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Sla;

/// List and edit business calendars; an .ics upload adds its all-day events as holidays and its
/// `CATEGORIES:WORKDAY` events as extra working days (CalendarIcs).
[Authorize(Policy = Policies.ProcessOwner)]
internal sealed class CalendarsModel(ServiceFlowDbContext db, SlaCalendars calendars, TimeProvider clock) : PageModel
{
    public List<CalendarRecord> Calendars { get; private set; } = [];
    public string? Error { get; private set; }

    // Nullable: an empty text box binds as null (a calendar without extra working days is normal).
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? TimeZone { get; set; } = BusinessCalendar.DefaultTimeZoneId;
    [BindProperty] public string? WeeklyHours { get; set; }
    [BindProperty] public string? Holidays { get; set; }
    [BindProperty] public string? ExtraWorkingDays { get; set; }
    [BindProperty] public IFormFile? Ics { get; set; }

    public async Task OnGetAsync(string? edit)
    {
        await LoadAsync();
        if (Calendars.FirstOrDefault(c => c.Name == edit) is { } c)
        {
            Name = c.Name;
            TimeZone = c.TimeZone;
            WeeklyHours = string.Join('\n', c.WeeklyHours);
            Holidays = string.Join('\n', c.Holidays.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            ExtraWorkingDays = string.Join('\n', c.ExtraWorkingDays);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > 64)
        {
            Error = "A calendar needs a name of at most 64 characters.";
            await LoadAsync();
            return Page();
        }
        var record = await db.BusinessCalendars.SingleOrDefaultAsync(c => c.Name == name);
        if (record is null)
            db.Add(record = new CalendarRecord { Name = name });
        try
        {
            record.TimeZone = string.IsNullOrWhiteSpace(TimeZone) ? BusinessCalendar.DefaultTimeZoneId : TimeZone.Trim();
            record.WeeklyHours = Lines(WeeklyHours);
            record.Holidays = [.. Lines(Holidays).Select(ParseDate)];
            record.ExtraWorkingDays = Lines(ExtraWorkingDays);
            if (Ics is { Length: > 0 })
            {
                using var reader = new StreamReader(Ics.OpenReadStream());
                CalendarIcs.Import(record, await reader.ReadToEndAsync());
            }
            SlaCalendars.ToCalendar(record);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Error = ex.Message;
            db.ChangeTracker.Clear();
            await LoadAsync();
            return Page();
        }
        record.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        calendars.Invalidate();
        return RedirectToPage(new { edit = record.Name });
    }

    async Task LoadAsync() => Calendars = await db.BusinessCalendars.AsNoTracking().OrderBy(c => c.Name).ToListAsync();

    static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    static DateOnly ParseDate(string line) =>
        DateOnly.TryParseExact(line, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : throw new FormatException($"Holiday '{line}' is not a date like 2026-10-01.");
}
