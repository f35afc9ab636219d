using System.ComponentModel.DataAnnotations;

namespace ServiceFlow.Web.Features.Tickets;

public sealed record CreateTicketRequest(
    string? Title, string? Description, string? ServiceType, string? ServiceObject, DateTimeOffset? DiscoveredAt,
    Channel? Channel, string? Priority, string? Company, string? Department, string? Office,
    string? ImpactQualitative, string? ImpactQuantitative, int? AffectedCustomers,
    string? InitialJudgement, string? Severity,
    string? CustomerName, string? CustomerEmail, string? CustomerCulture,
    bool ResolvedAtOnce = false, string? Solution = null, string? Language = null);

public sealed record StepRequest([property: Required] string Action, string? Tool, DateTimeOffset? At, bool Blocker = false);
/// Internal: a note or a call with a vendor, not an update to the customer (which restarts the SLA update interval).
public sealed record CommunicationRequest([property: Required] string Channel, [property: Required] string Counterpart, [property: Required] string Outcome, DateTimeOffset? At, bool Internal = false);
public sealed record StatusRequest(string? Status, string? Reason);
public sealed record EscalateRequest(Tier To, [property: Required] string Reason, string? Vendor, string? VendorReference, DateTimeOffset? PromisedAt);
public sealed record ActionRequest([property: Required] string Description, [property: Required] string Owner, DateTimeOffset Deadline);
public sealed record AnalysisRequest(string? People, string? Process, string? Technology, string? Environment, string? Proposals, string? Lessons);

public sealed record TicketEntryDto(long Id, string Kind, DateTimeOffset At, string By, string Text, string? Detail, string? Extra, DateTimeOffset? Due);
public sealed record TicketSummary(string Number, string Title, string Status, string Priority, string ServiceType, string Group, string Tier,
    string Reporter, string? Handler, DateTimeOffset DiscoveredAt, DateTimeOffset RecordedAt, bool RecordedLate);
public sealed record TicketDetail(TicketSummary Summary, Ticket Record, IReadOnlyList<TicketEntryDto> Timeline, IReadOnlyList<AttachmentDto> Attachments);
