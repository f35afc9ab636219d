using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Localization;

namespace ServiceFlow.Web.Features.Tickets;

/// A timeline entry in the reader's language. Entries store field names, enum names and codes (they are also
/// the API's record); pages show their display text: "Status: In review → Arranging", "Tier 1 → Tier 2".
internal static class TimelineText
{
    public sealed record Line(string Kind, string Text, string? Detail, string? Extra);

    public static Line Of(IStringLocalizer l, TicketEntry e, IReadOnlyDictionary<Guid, string> taskNames)
    {
        var kind = l.Display(e.Kind);
        return e.Kind switch
        {
            TicketEntryKind.Change when e.Text == "sla" => new(kind, l["Service level"], null, Sla(l, e.Extra)),
            TicketEntryKind.Change when e.Text == "knowledgeDraft" => new(kind, l["Knowledge draft"], null, e.Extra),
            TicketEntryKind.Change => new(kind, $"{l.Field(e.Text)}: {Value(l, e.Text, e.Detail)} → {Value(l, e.Text, e.Extra)}", null, null),
            TicketEntryKind.Comment => new(kind, e.Text,
                Guid.TryParse(e.Detail, out var task) && taskNames.TryGetValue(task, out var name) ? name : null,
                e.Extra is null ? null : l.Code("Outcome", e.Extra)),
            TicketEntryKind.Escalation => new(kind, e.Text, Tiers(l, e.Detail), e.Extra),
            _ => new(kind, e.Text, e.Detail, e.Extra),
        };
    }

    /// The ids of the tasks comments were written in, to name them (WorkflowText.TaskNamesAsync).
    public static IReadOnlyList<Guid> CommentTasks(IEnumerable<TicketEntry> entries) =>
        [.. entries.Where(e => e.Kind == TicketEntryKind.Comment).Select(e => Guid.TryParse(e.Detail, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct()];

    static string Value(IStringLocalizer l, string field, string? value) => value is null ? "—" : field switch
    {
        "status" when Enum.TryParse<TicketStatus>(value, out var status) => l.Display(status),
        "solved" when bool.TryParse(value, out var solved) => l.YesNo(solved),
        "severity" => l.Code("Severity", value),
        "group" => l.Code("Role", value),
        _ => value,
    };

    static string? Tiers(IStringLocalizer l, string? detail) => detail?.Split(" → ") is [var from, var to]
        && Enum.TryParse<Tier>(from, out var f) && Enum.TryParse<Tier>(to, out var t) ? $"{l.Display(f)} → {l.Display(t)}" : detail;

    // "resolution warning75": the clock and the ladder step (SlaEscalations).
    static string? Sla(IStringLocalizer l, string? text) => text?.Split(' ') is [var clock, var stage]
        ? $"{l.Code("Clock", clock)}: {l.SlaStage(stage)}" : text;
}
