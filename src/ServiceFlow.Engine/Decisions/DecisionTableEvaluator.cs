using ServiceFlow.Engine.Decisions.Feel;

namespace ServiceFlow.Engine.Decisions;

/// <summary>Matches a decision table's rules against its inputs and applies the hit policy.</summary>
internal static class DecisionTableEvaluator
{
    public static DecisionResult Evaluate(DmnDocument document, DmnDecision decision, DecisionTable table, FeelScope scope)
    {
        if (table.HitPolicy is not { } policy)
        {
            throw new DecisionFailure($"decision '{decision.Id}' has the unknown hit policy '{table.HitPolicyText}'");
        }

        var inputs = table.Inputs.Select(input => Input(document, decision, input, scope)).ToList();
        var matched = table.Rules.Where(rule => Matches(decision, table, rule, inputs, scope)).ToList();
        var names = table.Outputs.Select((o, i) => OutputName(decision, table, i)).ToList();
        var entries = matched.Select(rule => new ResultEntry(rule, Outputs(document, decision, table, rule.OutputEntries, rule, names, scope))).ToList();
        var usedDefaults = false;
        if (entries.Count == 0 && table.Outputs.Any(o => o.DefaultOutput is not null))
        {
            var defaults = table.Outputs.Select(o => o.DefaultOutput ?? FeelCell.Parse(o.Id, o.Line, "null", FeelCellKind.Expression)).ToList();
            entries.Add(new ResultEntry(null, Outputs(document, decision, table, defaults, null, names, scope)));
            usedDefaults = true;
        }

        return HitPolicies.Apply(decision, table, policy, entries, names, inputs, usedDefaults);
    }

    private static object? Input(DmnDocument document, DmnDecision decision, DecisionInput input, FeelScope scope)
    {
        var value = RequireExpression(input.Expression, $"input '{Label(input)}' of decision '{decision.Id}'").Evaluate(scope);
        if (FeelTypes.TryConvert(value, Canonical(document, input.TypeRef), out var typed) is { } error)
        {
            throw new DecisionFailure($"input '{Label(input)}' of decision '{decision.Id}' ({input.Id}): {error}");
        }

        if (typed is not null && input.InputValues is { } allowed && RequireTests(allowed, $"input values of '{Label(input)}'").Test(typed, scope) != true)
        {
            throw new DecisionFailure(
                $"input '{Label(input)}' of decision '{decision.Id}' is {FeelValue.Describe(typed)}, which is not one of its input values {allowed.Text.Trim()}");
        }

        return typed;
    }

    private static bool Matches(DmnDecision decision, DecisionTable table, DecisionRule rule, List<object?> inputs, FeelScope scope)
    {
        if (rule.InputEntries.Length != inputs.Count)
        {
            throw new DecisionFailure($"rule {rule.Index} ({rule.Id}) of decision '{decision.Id}' has {rule.InputEntries.Length} input entries for {inputs.Count} inputs");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var cell = rule.InputEntries[i];
            if (RequireTests(cell, $"rule {rule.Index} of decision '{decision.Id}'").Test(inputs[i], scope.With("?", inputs[i])) != true)
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, object?> Outputs(
        DmnDocument document, DmnDecision decision, DecisionTable table, IReadOnlyList<FeelCell> cells, DecisionRule? rule, List<string> names, FeelScope scope)
    {
        var where = rule is null ? "the default output" : $"rule {rule.Index} ({rule.Id})";
        if (cells.Count != table.Outputs.Length)
        {
            throw new DecisionFailure($"{where} of decision '{decision.Id}' has {cells.Count} output entries for {table.Outputs.Length} outputs");
        }

        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var output = table.Outputs[i];
            var value = RequireExpression(cells[i], $"{where} of decision '{decision.Id}'").Evaluate(scope);
            if (FeelTypes.TryConvert(value, Canonical(document, output.TypeRef), out var typed) is { } error)
            {
                throw new DecisionFailure($"output '{names[i]}' of {where} in decision '{decision.Id}': {error}");
            }

            if (typed is not null && output.OutputValues is { Tests: { } allowed } && allowed.Test(typed, scope) != true)
            {
                throw new DecisionFailure(
                    $"output '{names[i]}' of {where} in decision '{decision.Id}' is {FeelValue.Describe(typed)}, which is not one of its output values {output.OutputValues.Text.Trim()}");
            }

            outputs[names[i]] = typed;
        }

        return outputs;
    }

    /// <summary>The key of output <paramref name="index"/>: its name; a single unnamed output takes the decision's variable name.</summary>
    public static string OutputName(DmnDecision decision, DecisionTable table, int index) =>
        table.Outputs[index].Name ?? (table.Outputs.Length == 1 ? decision.VariableName : table.Outputs[index].Id);

    public static string Label(DecisionInput input) =>
        input.Label ?? (string.IsNullOrWhiteSpace(input.Expression.Text) ? input.Id : input.Expression.Text.Trim());

    /// <summary>The canonical built-in type of a typeRef, following item definitions; null (any) when unknown or structured.</summary>
    public static string? Canonical(DmnDocument document, string? typeRef)
    {
        for (var hops = 0; typeRef is not null && hops < 8; hops++)
        {
            if (FeelTypes.Canonical(typeRef) is { } canonical)
            {
                return canonical;
            }

            typeRef = document.ItemDefinitions.GetValueOrDefault(typeRef);
        }

        return null;
    }

    public static FeelNode RequireExpression(FeelCell cell, string what) =>
        cell.Node ?? throw Invalid(cell, what);

    private static UnaryTests RequireTests(FeelCell cell, string what) =>
        cell.Tests ?? throw Invalid(cell, what);

    private static DecisionFailure Invalid(FeelCell cell, string what) =>
        new($"{what}: '{cell.Text.Trim()}' ({cell.Id}, line {cell.Line}) is not valid FEEL: {cell.Error}");
}
