using ServiceFlow.Engine.Calendar;
using ServiceFlow.Web.Features.Reports.Facts;

namespace ServiceFlow.Web.Features.Reports.Imports;

/// Turns the events of a log into one report fact per case, as they stream past.
internal abstract class CaseBuilder
{
    protected sealed class Span
    {
        public DateTimeOffset First = DateTimeOffset.MaxValue;
        public DateTimeOffset Last = DateTimeOffset.MinValue;
    }

    protected readonly Dictionary<string, Span> Spans = new(StringComparer.Ordinal);

    public int Cases => Spans.Count;

    public virtual void Add(LogEvent e)
    {
        if (!Spans.TryGetValue(e.CaseId, out var span))
            Spans[e.CaseId] = span = new Span();
        if (e.At < span.First) span.First = e.At;
        if (e.At > span.Last) span.Last = e.At;
    }

    /// Throughput of each case: its last event minus its first, in days (the import summary).
    public IEnumerable<double> ThroughputDays() => Spans.Values.Select(s => (s.Last - s.First).TotalDays);

    public abstract IEnumerable<ReportFact> Facts(string source, BusinessCalendar desk, DateTimeOffset now);

    protected static ReportFact Case(string source, string caseId, DateTimeOffset recorded, DateTimeOffset? resolved, BusinessCalendar desk, DateTimeOffset now)
    {
        var fact = new ReportFact
        {
            Id = Guid.CreateVersion7(),
            Source = source,
            Number = caseId,
            RecordedAt = recorded,
            DiscoveredAt = recorded,
            ResolvedAt = resolved,
            Resolved = resolved is not null,
            Final = true,
            RefreshedAt = now,
        };
        if (resolved is { } at)
        {
            var wall = Math.Max(0, (at - recorded).TotalSeconds);
            var business = at > recorded ? desk.Between(recorded, at).TotalSeconds : 0;
            (fact.HandleDiscoveryWall, fact.HandleRecordedWall, fact.HandleDiscoveryBusiness, fact.HandleRecordedBusiness) = (wall, wall, business, business);
        }
        return fact;
    }
}

/// Any CSV or XES log: a case is recorded at its first event and resolved at its first event of a
/// `resolvedActivities` activity (or, without that list, at its last event); its status is its last activity;
/// the mapping's dimensions take the last value the case's events (or its trace) carry.
internal sealed class GenericCases(EventLogMapping mapping) : CaseBuilder
{
    sealed class State
    {
        public DateTimeOffset? Resolved;
        public string LastActivity = "";
        public DateTimeOffset LastAt = DateTimeOffset.MinValue;
        public readonly Dictionary<string, string> Dimensions = new(StringComparer.OrdinalIgnoreCase);
    }

    readonly Dictionary<string, State> states = new(StringComparer.Ordinal);
    readonly HashSet<string>? resolving = mapping.ResolvedActivities is { Length: > 0 } a ? new(a, StringComparer.OrdinalIgnoreCase) : null;

    public override void Add(LogEvent e)
    {
        base.Add(e);
        if (!states.TryGetValue(e.CaseId, out var s))
            states[e.CaseId] = s = new State();
        if (e.At >= s.LastAt)
            (s.LastAt, s.LastActivity) = (e.At, e.Activity);
        if (resolving?.Contains(e.Activity) == true && (s.Resolved is null || e.At < s.Resolved))
            s.Resolved = e.At;
        foreach (var (dimension, name) in mapping.Dimensions ?? [])
            if ((e.Attributes.GetValueOrDefault(name) ?? e.CaseAttributes?.GetValueOrDefault(name)) is { Length: > 0 } value)
                s.Dimensions[dimension] = value.Trim();
    }

    public override IEnumerable<ReportFact> Facts(string source, BusinessCalendar desk, DateTimeOffset now)
    {
        foreach (var (caseId, span) in Spans)
        {
            var s = states[caseId];
            var fact = Case(source, caseId, span.First, resolving is null ? span.Last : s.Resolved, desk, now);
            fact.Status = s.LastActivity.Length > 40 ? s.LastActivity[..40] : s.LastActivity;
            string D(string name) => s.Dimensions.GetValueOrDefault(name, "");
            (fact.Channel, fact.ServiceType, fact.ServiceObject, fact.Priority) = (D("channel"), D("serviceType"), D("serviceObject"), D("priority"));
            (fact.Group, fact.Handler, fact.Department, fact.Customer) = (D("group"), D("handler"), D("department"), D("customer"));
            fact.CustomerType = D("customerType");
            yield return fact;
        }
    }
}
