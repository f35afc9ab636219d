using System.Xml;

namespace ServiceFlow.Web.Features.Sla;

/// The moments a clock raises something, as offsets of business time from its start.
/// Kinds: `warning75` (a percentage of the target), `breach` (the target), `breach+PT1H` (after it).
internal static class SlaLadder
{
    public sealed record Step(string At, string Notify);

    public static IReadOnlyList<Step> Parse(IEnumerable<string> lines) =>
        [.. lines.Select(l => l.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2 && p[0].Length > 0 && p[1].Length > 0)
            .Select(p => new Step(p[0], p[1]))];

    public static string Format(Step step) => $"{step.At}={step.Notify}";

    /// The kinds of timer a clock with this working target needs, and how much business time after its start each
    /// falls due. `afterBreach` turns a ladder step's "breach+P1D" into the working time after the breach it stands for.
    public static IReadOnlyList<(string Kind, TimeSpan Offset)> Moments(SlaPolicy policy, TimeSpan workingTarget, Func<TimeSpan, TimeSpan> afterBreach)
    {
        var moments = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);
        foreach (var percent in policy.WarningPercents)
            moments[$"warning{percent}"] = TimeSpan.FromTicks(workingTarget.Ticks * percent / 100);
        moments["breach"] = workingTarget;
        foreach (var step in Parse(policy.Escalations))
            if (Offset(step.At, workingTarget, afterBreach) is { } offset)
                moments.TryAdd(step.At, offset);
        return [.. moments.Select(m => (m.Key, m.Value)).OrderBy(m => m.Value)];
    }

    public static TimeSpan? Offset(string at, TimeSpan workingTarget, Func<TimeSpan, TimeSpan> afterBreach)
    {
        if (at.Equals("breach", StringComparison.OrdinalIgnoreCase))
            return workingTarget;
        if (at.StartsWith("warning", StringComparison.OrdinalIgnoreCase) && int.TryParse(at[7..], out var percent) && percent is > 0 and < 100)
            return TimeSpan.FromTicks(workingTarget.Ticks * percent / 100);
        if (at.StartsWith("breach+", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return workingTarget + afterBreach(XmlConvert.ToTimeSpan(at[7..]));
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }

    /// Whether a ladder step reads like "warning90", "breach" or "breach+PT1H".
    public static bool IsValid(string at) => Offset(at, TimeSpan.FromHours(1), after => after) is not null;

    /// Breach and the steps after it set the clock's Overdue flag when they fire.
    public static bool IsBreachOrLater(string kind) =>
        kind.Equals("breach", StringComparison.OrdinalIgnoreCase) || kind.StartsWith("breach+", StringComparison.OrdinalIgnoreCase);

    public static string? Template(string kind) =>
        kind.StartsWith("warning", StringComparison.OrdinalIgnoreCase) ? "sla-warning"
        : kind.Equals("breach", StringComparison.OrdinalIgnoreCase) ? "sla-breached"
        : "escalation";
}
