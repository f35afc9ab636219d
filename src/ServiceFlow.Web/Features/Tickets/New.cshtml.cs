using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

/// Intake (seed 001 §3): record a request from phone, chat, walk-in…; simple ones can be answered
/// and closed at once, the rest become tickets routed by service type.
internal sealed class NewModel(TicketService tickets, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [MaxLength(TextLimits.Name)] public string? Title { get; set; }
        [MaxLength(TextLimits.LongText)] public string? Description { get; set; }
        [MaxLength(TextLimits.Name)] public string? ServiceType { get; set; } = "system-operations";
        [MaxLength(TextLimits.Name)] public string? ServiceObject { get; set; }
        public DateTime? DiscoveredAt { get; set; }
        public Channel Channel { get; set; } = Channel.Phone;
        [MaxLength(TextLimits.Name)] public string Priority { get; set; } = "P3";
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
        public bool ResolvedAtOnce { get; set; }
        [MaxLength(TextLimits.LongText)] public string? Solution { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<string> Missing { get; private set; } = [];
    public string? Error { get; private set; }

    public void OnGet() => Input.DiscoveredAt = clock.GetLocalNow().DateTime;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!TicketAccess.CanWriteAny(User))
            return Forbid();
        var i = Input;
        DateTimeOffset? discovered = i.DiscoveredAt is { } d ? new DateTimeOffset(d, clock.LocalTimeZone.GetUtcOffset(d)) : null;
        try
        {
            var ticket = await tickets.CreateAsync(new CreateTicketRequest(i.Title, i.Description, i.ServiceType, i.ServiceObject, discovered,
                i.Channel, i.Priority, i.Company, i.Department, i.Office, i.ImpactQualitative, i.ImpactQuantitative, i.AffectedCustomers,
                i.InitialJudgement, i.Severity, i.CustomerName, i.CustomerEmail, null, i.ResolvedAtOnce, i.Solution), User, ct);
            return Redirect($"/tickets/{ticket.Number}");
        }
        catch (TicketValidationException ex)
        {
            Missing = ex.Fields;
            return Page();
        }
        catch (RuntimeProblem problem)
        {
            Error = problem.Message;
            return Page();
        }
    }
}
