using System.ComponentModel.DataAnnotations;

namespace ServiceFlow.Web.Features.Tickets;

/// Lengths (docs/security.md, "Limits"): names and short fields TextLimits.Name, descriptions and solutions
/// TextLimits.LongText, everything else TextLimits.Text; the New ticket page's input model uses the same.
/// Priority: given, it is used as is; left out, the priority matrix decides it from Impact and Urgency (high, medium, low).
public sealed record CreateTicketRequest(
    [property: MaxLength(TextLimits.Name)] string? Title, [property: MaxLength(TextLimits.LongText)] string? Description,
    [property: MaxLength(TextLimits.Name)] string? ServiceType, [property: MaxLength(TextLimits.Name)] string? ServiceObject, DateTimeOffset? DiscoveredAt,
    Channel? Channel, [property: MaxLength(TextLimits.Name)] string? Priority, [property: MaxLength(TextLimits.Name)] string? Company,
    [property: MaxLength(TextLimits.Name)] string? Department, [property: MaxLength(TextLimits.Name)] string? Office,
    string? ImpactQualitative, string? ImpactQuantitative, [property: Range(0, int.MaxValue)] int? AffectedCustomers,
    string? InitialJudgement, [property: MaxLength(TextLimits.Name)] string? Severity,
    [property: MaxLength(TextLimits.Name)] string? CustomerName, [property: MaxLength(320)] string? CustomerEmail, [property: MaxLength(20)] string? CustomerCulture,
    bool ResolvedAtOnce = false, [property: MaxLength(TextLimits.LongText)] string? Solution = null, [property: MaxLength(20)] string? Language = null,
    [property: MaxLength(20)] string? Impact = null, [property: MaxLength(20)] string? Urgency = null,
    [property: MaxLength(TextLimits.Name)] string? CustomerType = null);

public sealed record StepRequest([property: Required] string Action, [property: MaxLength(TextLimits.Name)] string? Tool, DateTimeOffset? At, bool Blocker = false);
/// Internal: a note or a call with a vendor, not an update to the customer (which restarts the SLA update interval).
public sealed record CommunicationRequest([property: Required, MaxLength(TextLimits.Name)] string Channel, [property: Required, MaxLength(TextLimits.Name)] string Counterpart,
    [property: Required] string Outcome, DateTimeOffset? At, bool Internal = false);
public sealed record StatusRequest([property: MaxLength(TextLimits.Name)] string? Status, string? Reason);
public sealed record EscalateRequest(Tier To, [property: Required] string Reason, [property: MaxLength(TextLimits.Name)] string? Vendor,
    [property: MaxLength(TextLimits.Name)] string? VendorReference, DateTimeOffset? PromisedAt);
public sealed record ActionRequest([property: Required] string Description, [property: Required, MaxLength(TextLimits.Name)] string Owner, DateTimeOffset Deadline);
public sealed record AnalysisRequest([property: MaxLength(TextLimits.LongText)] string? People, [property: MaxLength(TextLimits.LongText)] string? Process,
    [property: MaxLength(TextLimits.LongText)] string? Technology, [property: MaxLength(TextLimits.LongText)] string? Environment,
    [property: MaxLength(TextLimits.LongText)] string? Proposals, [property: MaxLength(TextLimits.LongText)] string? Lessons);

public sealed record TicketEntryDto(long Id, string Kind, DateTimeOffset At, string By, string Text, string? Detail, string? Extra, DateTimeOffset? Due);
public sealed record TicketSummary(string Number, string Title, string Status, string Priority, string ServiceType, string Group, string Tier,
    string Reporter, string? Handler, DateTimeOffset DiscoveredAt, DateTimeOffset RecordedAt, bool RecordedLate);
public sealed record TicketDetail(TicketSummary Summary, Ticket Record, IReadOnlyList<TicketEntryDto> Timeline, IReadOnlyList<AttachmentDto> Attachments);
