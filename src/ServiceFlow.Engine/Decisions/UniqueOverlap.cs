namespace ServiceFlow.Engine.Decisions;

/// <summary>
/// Finds pairs of rules of a UNIQUE table that certainly match a common input: every column is <c>-</c> in one of
/// them or both columns are constant tests whose values intersect. Anything it cannot decide (names, <c>not(...)</c>)
/// counts as disjoint, so a reported overlap is real; the evaluator still catches the rest at run time.
/// </summary>
internal static class UniqueOverlap
{
    private const int MaxRules = 500; // the check is quadratic; bigger tables rely on the run-time check alone

    public static IEnumerable<(DecisionRule First, DecisionRule Second)> Find(DecisionTable table)
    {
        if (table.Rules.Length > MaxRules)
        {
            yield break;
        }

        var columns = table.Inputs.Length;
        var rules = table.Rules.Where(r => r.InputEntries.Length == columns && r.InputEntries.All(c => c.Tests is not null)).ToList();
        for (var j = 1; j < rules.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (Enumerable.Range(0, columns).All(c => Overlap(rules[i].InputEntries[c], rules[j].InputEntries[c])))
                {
                    yield return (rules[i], rules[j]);
                    break;
                }
            }
        }
    }

    private static bool Overlap(FeelCell a, FeelCell b)
    {
        if (a.Tests!.IsAny || b.Tests!.IsAny)
        {
            return true;
        }

        return a.Tests.Ranges() is { } x && b.Tests.Ranges() is { } y && x.Any(r => y.Any(r.Intersects));
    }
}
