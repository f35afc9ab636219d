using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Intake (seed 001 §3): record a request from phone, chat, walk-in…; simple ones can be answered
/// and closed at once, the rest become tickets routed by service type.
internal sealed class NewModel(TicketService tickets, TimeProvider clock, DeskTime desk, Microsoft.Extensions.Options.IOptions<TicketOptions> options) : PageModel
{
    public sealed class InputModel
    {
        [MaxLength(TextLimits.Name)] public string? Title { get; set; }
        [MaxLength(TextLimits.LongText)] public string? Description { get; set; }
        [MaxLength(TextLimits.Name)] public string? ServiceType { get; set; } = "system-operations";
        [MaxLength(TextLimits.Name)] public string? ServiceObject { get; set; }
        public DateTime? DiscoveredAt { get; set; }
        public Channel Channel { get; set; } = Channel.Phone;
        /// Empty: the priority matrix decides it from impact and urgency (medium × medium = P3, the old default).
        [MaxLength(TextLimits.Name)] public string? Priority { get; set; }
        [MaxLength(20)] public string? Impact { get; set; } = "medium";
        [MaxLength(20)] public string? Urgency { get; set; } = "medium";
        [MaxLength(TextLimits.Name)] public string? Company { get; set; }
        [MaxLength(TextLimits.Name)] public string? Department { get; set; }
        [MaxLength(TextLimits.Name)] public string? Office { get; set; }
        public string? ImpactQualitative { get; set; }
        public string? ImpactQuantitative { get; set; }
        public int? AffectedCustomers { get; set; }
        public string? InitialJudgement { get; set; }
        [MaxLength(TextLimits.Name)] public string? Severity { get; set; }
        [MaxLength(TextLimits.Name)] public string? CustomerName { get; set; }
        [MaxLength(320)] public string? CustomerEmail { get; set; }
        [MaxLength(TextLimits.Name)] public string? CustomerType { get; set; }
        /// The language of mail to the customer; the form offers the user's own language first.
        [MaxLength(20)] public string? CustomerCulture { get; set; } = TicketLanguage.OfCurrentUser();
        public bool ResolvedAtOnce { get; set; }
        [MaxLength(TextLimits.LongText)] public string? Solution { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<string> Missing { get; private set; } = [];
    public string? Error { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();
    public IReadOnlyList<string> CustomerTypes => options.Value.CustomerTypeList;

    /// Now on the desk's wall clock, to the minute: a value with seconds would make the browser refuse 09:00.
    public IActionResult OnGet()
    {
        // Roles that only read (auditors, quality supervisors, process owners) are told at once, not after filling the form.
        if (!TicketAccess.CanWriteAny(User))
            return Forbid();
        var local = desk.Local(clock.GetUtcNow());
        Input.DiscoveredAt = local.DateTime.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!TicketAccess.CanWriteAny(User))
            return Forbid();
        var i = Input;
        // The form shows and takes the desk's wall-clock time (its label names the zone).
        DateTimeOffset? discovered = i.DiscoveredAt is { } d ? desk.FromInput(d) : null;
        try
        {
            var ticket = await tickets.CreateAsync(new CreateTicketRequest(i.Title, i.Description, i.ServiceType, i.ServiceObject, discovered,
                i.Channel, string.IsNullOrEmpty(i.Priority) ? null : i.Priority, i.Company, i.Department, i.Office, i.ImpactQualitative, i.ImpactQuantitative, i.AffectedCustomers,
                i.InitialJudgement, i.Severity, i.CustomerName, i.CustomerEmail, i.CustomerCulture, i.ResolvedAtOnce, i.Solution,
                Impact: string.IsNullOrEmpty(i.Priority) ? i.Impact : null, Urgency: string.IsNullOrEmpty(i.Priority) ? i.Urgency : null,
                CustomerType: i.CustomerType), User, ct);
            return Redirect($"/tickets/{ticket.Number}");
        }
        catch (TicketValidationException ex)
        {
            Missing = ex.Fields;
            return Page();
        }
        catch (RuntimeProblem problem)
        {
            Error = HttpContext.Localize(problem);
            return Page();
        }
    }
}
