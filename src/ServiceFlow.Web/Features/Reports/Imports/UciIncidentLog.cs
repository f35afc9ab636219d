using System.Globalization;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Web.Features.Reports.Facts;

namespace ServiceFlow.Web.Features.Reports.Imports;

/// The UCI "Incident management process enriched event log" (Amaral et al. 2018, CC BY 4.0): a ServiceNow
/// export with one row per update of an incident (../shared/data/uci-incident-event-log/ATTRIBUTION.md).
/// An event is a row: case `number`, activity `incident_state`, at `sys_updated_at`, by `sys_updated_by`.
/// An incident's figures come from its latest update (highest `sys_mod_count`, the later row on a tie):
/// recorded at `opened_at`, resolved at `resolved_at`, SLA met = `made_sla`, reopened = `reopen_count` > 0,
/// reassigned = `reassignment_count` > 0. Dates are d/m/yyyy HH:MM without a zone and are read in the
/// desk's zone; "?" is a missing value. docs/reports.md lists how the columns become dimensions.
internal sealed class UciIncidentLog : CaseBuilder
{
    public static readonly EventLogMapping Mapping = new()
    {
        CaseId = "number",
        Activity = "incident_state",
        Timestamp = "sys_updated_at",
        Resource = "sys_updated_by",
        TimestampFormats = ["d/M/yyyy H:mm"],
    };

    static readonly string[] Formats = ["d/M/yyyy H:mm"];
    readonly Dictionary<string, (long Mod, IReadOnlyDictionary<string, string> Row, string State)> latest = new(StringComparer.Ordinal);
    readonly TimeZoneInfo zone;

    public UciIncidentLog(TimeZoneInfo zone) => this.zone = zone;

    /// The columns an incident's figures need; a log without them is not this log.
    public static readonly string[] Required = ["number", "incident_state", "sys_updated_at", "sys_mod_count", "opened_at", "resolved_at", "made_sla", "reopen_count", "reassignment_count"];

    public override void Add(LogEvent e)
    {
        base.Add(e);
        var mod = long.TryParse(e.Attributes.GetValueOrDefault("sys_mod_count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : -1;
        if (!latest.TryGetValue(e.CaseId, out var current) || mod >= current.Mod)
            latest[e.CaseId] = (mod, e.Attributes, e.Activity);
    }

    /// Why an event cannot stand for its incident (checked per row, so a bad row is reported with its line).
    public string? Check(LogEvent e)
    {
        if (!long.TryParse(e.Attributes.GetValueOrDefault("sys_mod_count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            return $"sys_mod_count '{e.Attributes.GetValueOrDefault("sys_mod_count")}' is not a number.";
        if (!Time(e.Attributes.GetValueOrDefault("opened_at"), out _))
            return $"opened_at '{e.Attributes.GetValueOrDefault("opened_at")}' is not a d/m/yyyy HH:MM date.";
        var resolved = e.Attributes.GetValueOrDefault("resolved_at");
        if (!Missing(resolved) && !Time(resolved, out _))
            return $"resolved_at '{resolved}' is not a d/m/yyyy HH:MM date.";
        return null;
    }

    public override IEnumerable<ReportFact> Facts(string source, BusinessCalendar desk, DateTimeOffset now)
    {
        foreach (var (number, (_, row, state)) in latest)
        {
            string V(string column) => row.GetValueOrDefault(column) is { } v && !Missing(v) ? v.Trim() : "";
            Time(row["opened_at"], out var opened);
            DateTimeOffset? resolved = Time(row.GetValueOrDefault("resolved_at"), out var r) ? r : null;
            var fact = Case(source, number, opened, resolved, desk, now);
            fact.Status = state;
            fact.Open = state is not ("Closed" or "Resolved");
            fact.Channel = V("contact_type");
            fact.Priority = V("priority") is { Length: > 0 } p && char.IsDigit(p[0]) ? $"P{p[0]}" : V("priority");
            (fact.ServiceType, fact.ServiceObject, fact.Group, fact.Handler) = (V("category"), V("subcategory"), V("assignment_group"), V("assigned_to"));
            (fact.Department, fact.Customer) = (V("location"), V("caller_id"));
            fact.ResolutionMet = Flag(V("made_sla"));
            fact.Reopened = Count(V("reopen_count")) is { } reopens ? reopens > 0 : null;
            fact.Reassigned = Count(V("reassignment_count")) is { } moves ? moves > 0 : null;
            yield return fact;
        }
    }

    static bool Missing(string? v) => string.IsNullOrWhiteSpace(v) || v.Trim() == "?";

    bool Time(string? text, out DateTimeOffset at)
    {
        at = default;
        return !Missing(text) && EventLogMapping.TryParseTime(text!, Formats, zone, out at);
    }

    static bool? Flag(string v) => v.Equals("true", StringComparison.OrdinalIgnoreCase) ? true : v.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : null;

    static long? Count(string v) => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
