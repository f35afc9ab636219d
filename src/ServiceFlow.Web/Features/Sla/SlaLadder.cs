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

    /// The kinds of timer a clock with this target needs, and how much business time after its start each falls due.
    public static IReadOnlyList<(string Kind, TimeSpan Offset)> Moments(SlaPolicy policy, TimeSpan target)
    {
        var moments = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);
        foreach (var percent in policy.WarningPercents)
            moments[$"warning{percent}"] = TimeSpan.FromTicks(target.Ticks * percent / 100);
        moments["breach"] = target;
        foreach (var step in Parse(policy.Escalations))
            if (Offset(step.At, target) is { } offset)
                moments.TryAdd(step.At, offset);
        return [.. moments.Select(m => (m.Key, m.Value)).OrderBy(m => m.Value)];
    }

    public static TimeSpan? Offset(string at, TimeSpan target)
    {
        if (at.Equals("breach", StringComparison.OrdinalIgnoreCase))
            return target;
        if (at.StartsWith("warning", StringComparison.OrdinalIgnoreCase) && int.TryParse(at[7..], out var percent) && percent is > 0 and < 100)
            return TimeSpan.FromTicks(target.Ticks * percent / 100);
        if (at.StartsWith("breach+", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return target + XmlConvert.ToTimeSpan(at[7..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }

    public static string? Template(string kind) =>
        kind.StartsWith("warning", StringComparison.OrdinalIgnoreCase) ? "sla-warning"
        : kind.Equals("breach", StringComparison.OrdinalIgnoreCase) ? "sla-breached"
        : "escalation";
}
