using ServiceFlow.Engine.Decisions.Feel;

namespace ServiceFlow.Engine.Decisions;

/// <summary>Turns the matched rules' outputs into the table's result according to its hit policy.</summary>
internal static class HitPolicies
{
    public static DecisionResult Apply(
        DmnDecision decision, DecisionTable table, HitPolicy policy, List<ResultEntry> entries, List<string> names, List<object?> inputs, bool usedDefaults)
    {
        List<InputValue> seen = [.. table.Inputs.Select((input, i) => new InputValue(DecisionTableEvaluator.Label(input), FeelJson.ToJson(inputs[i])))];
        var logic = table.HitPolicyText + (policy == HitPolicy.Collect && table.AggregationText is { } a ? " " + a : "");
        switch (policy)
        {
            case HitPolicy.Unique when entries.Count > 1:
                throw new DecisionFailure(
                    $"decision '{decision.Id}' is a UNIQUE table but rules {Rules(entries)} all match {Inputs(table, inputs)}; make the rules exclusive or change the hit policy");
            case HitPolicy.Any when entries.Skip(1).Any(e => !SameOutputs(e, entries[0])):
                throw new DecisionFailure(
                    $"decision '{decision.Id}' is an ANY table but rules {Rules(entries)} match {Inputs(table, inputs)} with different outputs");
            case HitPolicy.Priority or HitPolicy.OutputOrder:
                entries = [.. entries.Select((e, i) => (e, i)).OrderBy(p => p.e, new PriorityOrder(table, names)).ThenBy(p => p.i).Select(p => p.e)];
                break;
        }

        var single = policy is HitPolicy.Unique or HitPolicy.First or HitPolicy.Priority or HitPolicy.Any;
        if (single)
        {
            entries = entries.Count > 0 ? [entries[0]] : [];
            return Result(entries.Count == 0 ? null : Shape(entries[0], names));
        }

        if (policy == HitPolicy.Collect && table.Aggregation is { } aggregation)
        {
            var aggregate = Aggregate(decision, aggregation, [.. entries.Select(e => e.Outputs[names[0]]).Where(v => v is not null)]);
            var hits = Hits(entries);
            return new DecisionResult(logic, aggregate, [new ResultEntry(null, new Dictionary<string, object?> { [names[0]] = aggregate })], hits, names, true, usedDefaults, seen);
        }

        return Result(entries.Select(e => Shape(e, names)).ToList());

        DecisionResult Result(object? value) => new(logic, value, entries, Hits(entries), names, single, usedDefaults, seen);
    }

    private static List<RuleHit> Hits(IEnumerable<ResultEntry> entries) =>
        [.. entries.Where(e => e.Rule is not null).Select(e => new RuleHit(e.Rule!.Id, e.Rule.Index))];

    /// <summary>One output: its value; several: a context of them.</summary>
    private static object? Shape(ResultEntry entry, List<string> names) =>
        names.Count == 1 ? entry.Outputs[names[0]] : entry.Outputs;

    private static bool SameOutputs(ResultEntry a, ResultEntry b) =>
        a.Outputs.All(p => FeelValue.Equal(p.Value, b.Outputs[p.Key]) == true);

    private static object? Aggregate(DmnDecision decision, CollectAggregation aggregation, List<object?> values)
    {
        if (aggregation == CollectAggregation.Count)
        {
            return (decimal)values.Count;
        }

        if (values.Count == 0)
        {
            return null;
        }

        if (aggregation == CollectAggregation.Sum)
        {
            return values.All(v => v is decimal)
                ? values.Cast<decimal>().Sum()
                : throw new DecisionFailure($"decision '{decision.Id}' sums its outputs, but {FeelValue.Describe(values.First(v => v is not decimal))} is not a number");
        }

        var best = values[0];
        foreach (var value in values.Skip(1))
        {
            var order = FeelValue.Compare(value, best)
                ?? throw new DecisionFailure($"decision '{decision.Id}' cannot compare {FeelValue.Describe(value)} with {FeelValue.Describe(best)} for {aggregation.ToString().ToUpperInvariant()}");
            if (aggregation == CollectAggregation.Min ? order < 0 : order > 0)
            {
                best = value;
            }
        }

        return best;
    }

    private static string Rules(IEnumerable<ResultEntry> entries) =>
        string.Join(" and ", entries.Select(e => $"{e.Rule!.Index} ({e.Rule.Id})"));

    private static string Inputs(DecisionTable table, List<object?> inputs) =>
        "for " + string.Join(", ", table.Inputs.Select((input, i) => $"{DecisionTableEvaluator.Label(input)} = {FeelValue.Describe(inputs[i])}"));

    /// <summary>Ranks outputs by the position of their value in the output's outputValues, first output first.</summary>
    private sealed class PriorityOrder(DecisionTable table, List<string> names) : IComparer<ResultEntry>
    {
        public int Compare(ResultEntry? x, ResultEntry? y)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (table.Outputs[i].OutputValues?.Tests is not { IsAny: false } values)
                {
                    continue;
                }

                var order = Rank(values, x!.Outputs[names[i]]).CompareTo(Rank(values, y!.Outputs[names[i]]));
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }

        private static int Rank(UnaryTests values, object? value)
        {
            for (var i = 0; i < values.Tests.Count; i++)
            {
                if (values.Tests[i].Test(value, FeelScope.Empty.With("?", value)) == true)
                {
                    return i;
                }
            }

            return int.MaxValue;
        }
    }
}
