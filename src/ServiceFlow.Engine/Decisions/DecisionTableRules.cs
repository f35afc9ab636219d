using ServiceFlow.Engine.Decisions.Feel;
using ServiceFlow.Engine.Validation;

namespace ServiceFlow.Engine.Decisions;

/// <summary>Validation rules of one decision table.</summary>
internal sealed class DecisionTableRules(DmnDocument document, DmnDecision decision, DecisionTable table, List<ValidationIssue> issues)
{
    private const string Policies = "UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER, OUTPUT ORDER";

    public void Check()
    {
        CheckPolicy();
        CheckColumns();
        foreach (var rule in table.Rules)
        {
            CheckRule(rule);
        }

        if (table.HitPolicy == HitPolicy.Unique)
        {
            foreach (var (a, b) in UniqueOverlap.Find(table))
            {
                issues.Add(new(Severity.Warning, b.Id, b.Line, "unique-overlap",
                    $"rules {a.Index} ({a.Id}) and {b.Index} ({b.Id}) of UNIQUE table '{decision.Id}' can match the same inputs; evaluating them together raises an incident"));
            }
        }
    }

    public static void CheckCell(FeelCell cell, string what, List<ValidationIssue> issues)
    {
        if (cell.Error is { } error)
        {
            issues.Add(new(Severity.Error, cell.Id, cell.Line, "invalid-feel", $"'{cell.Text.Trim()}' in {what} is not valid FEEL: {error}"));
        }
    }

    private void CheckPolicy()
    {
        if (table.HitPolicy is null)
        {
            Error("unknown-hit-policy", $"hit policy '{table.HitPolicyText}' of decision '{decision.Id}' is not one of {Policies}");
        }

        if (table.AggregationText is { } aggregation)
        {
            if (table.Aggregation is null)
            {
                Error("unknown-aggregation", $"aggregation '{aggregation}' of decision '{decision.Id}' is not one of SUM, MIN, MAX, COUNT");
            }
            else if (table.HitPolicy is { } policy && policy != HitPolicy.Collect)
            {
                Error("aggregation-without-collect", $"decision '{decision.Id}' aggregates with {aggregation}, which only the COLLECT hit policy allows");
            }
            else if (table.Outputs.Length != 1)
            {
                Error("aggregation-needs-one-output", $"decision '{decision.Id}' aggregates with {aggregation} but has {table.Outputs.Length} outputs; aggregation needs exactly one");
            }
        }

        if (table.HitPolicy is HitPolicy.Priority or HitPolicy.OutputOrder && !table.Outputs.Any(o => o.OutputValues is not null))
        {
            Error("missing-output-values", $"decision '{decision.Id}' uses {table.HitPolicyText}, which orders results by the outputs' output values; list them on at least one output");
        }
    }

    private void CheckColumns()
    {
        if (table.Outputs.IsEmpty)
        {
            Error("no-output", $"decision table '{decision.Id}' has no output column");
        }

        foreach (var input in table.Inputs)
        {
            if (string.IsNullOrWhiteSpace(input.Expression.Text) && input.Expression.Error is null)
            {
                issues.Add(new(Severity.Error, input.Id, input.Line, "missing-input-expression", $"input '{DecisionTableEvaluator.Label(input)}' of decision '{decision.Id}' has no expression"));
            }

            CheckCell(input.Expression, $"the expression of input '{DecisionTableEvaluator.Label(input)}'", issues);
            CheckType(input.TypeRef, input.Id, input.Line, $"input '{DecisionTableEvaluator.Label(input)}'");
            if (input.InputValues is { } values)
            {
                CheckCell(values, $"the input values of '{DecisionTableEvaluator.Label(input)}'", issues);
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < table.Outputs.Length; i++)
        {
            var output = table.Outputs[i];
            if (table.Outputs.Length > 1 && output.Name is null)
            {
                issues.Add(new(Severity.Error, output.Id, output.Line, "missing-output-name", $"output {i + 1} of decision '{decision.Id}' needs a name: a table with several outputs returns them by name"));
            }
            else if (!names.Add(DecisionTableEvaluator.OutputName(decision, table, i)))
            {
                issues.Add(new(Severity.Error, output.Id, output.Line, "duplicate-output-name", $"two outputs of decision '{decision.Id}' are named '{output.Name}'"));
            }

            CheckType(output.TypeRef, output.Id, output.Line, $"output '{DecisionTableEvaluator.OutputName(decision, table, i)}'");
            if (output.OutputValues is { } values)
            {
                CheckCell(values, $"the output values of '{DecisionTableEvaluator.OutputName(decision, table, i)}'", issues);
            }

            if (output.DefaultOutput is { } fallback)
            {
                CheckOutputCell(fallback, i, "the default output");
            }
        }
    }

    private void CheckRule(DecisionRule rule)
    {
        var where = $"rule {rule.Index} of decision '{decision.Id}'";
        if (rule.InputEntries.Length != table.Inputs.Length || rule.OutputEntries.Length != table.Outputs.Length)
        {
            issues.Add(new(Severity.Error, rule.Id, rule.Line, "rule-shape",
                $"{where} has {rule.InputEntries.Length} input and {rule.OutputEntries.Length} output entries; the table has {table.Inputs.Length} inputs and {table.Outputs.Length} outputs"));
            return;
        }

        for (var i = 0; i < rule.InputEntries.Length; i++)
        {
            var cell = rule.InputEntries[i];
            CheckCell(cell, where, issues);
            var type = DecisionTableEvaluator.Canonical(document, table.Inputs[i].TypeRef);
            var bounds = (cell.Tests?.Ranges() ?? []).SelectMany(r => new[] { r.HasLow ? r.Low : null, r.HasHigh ? r.High : null });
            if (bounds.FirstOrDefault(v => FeelTypes.TryConvert(v, type, out var typed) is not null || !SameKind(v, typed)) is { } value)
            {
                issues.Add(new(Severity.Error, cell.Id, cell.Line, "entry-type-mismatch",
                    $"{where} tests input '{DecisionTableEvaluator.Label(table.Inputs[i])}' against {FeelValue.Describe(value)}, a {FeelValue.TypeName(value)}; the input is a {type} ({table.Inputs[i].TypeRef}), so this can never match"));
            }
        }

        for (var i = 0; i < rule.OutputEntries.Length; i++)
        {
            CheckOutputCell(rule.OutputEntries[i], i, where);
        }
    }

    /// <summary>A constant output must fit the output's type and its output values; the evaluator would fail on it every time.</summary>
    private void CheckOutputCell(FeelCell cell, int index, string where)
    {
        CheckCell(cell, where, issues);
        if (cell.Node is not { IsConstant: true } node)
        {
            return;
        }

        var output = table.Outputs[index];
        var name = DecisionTableEvaluator.OutputName(decision, table, index);
        var value = node.Evaluate(FeelScope.Empty);
        if (FeelTypes.TryConvert(value, DecisionTableEvaluator.Canonical(document, output.TypeRef), out var typed) is { } error)
        {
            issues.Add(new(Severity.Error, cell.Id, cell.Line, "output-type-mismatch", $"output '{name}' of {where}: {error}"));
        }
        else if (typed is not null && output.OutputValues?.Tests is { } allowed && allowed.Test(typed, FeelScope.Empty) != true)
        {
            issues.Add(new(Severity.Error, cell.Id, cell.Line, "output-not-allowed",
                $"output '{name}' of {where} is {FeelValue.Describe(typed)}, which is not one of its output values {output.OutputValues.Text.Trim()}"));
        }
    }

    private void CheckType(string? typeRef, string id, int line, string what)
    {
        if (typeRef is not null && DecisionTableEvaluator.Canonical(document, typeRef) is null && !document.ItemDefinitions.ContainsKey(typeRef))
        {
            issues.Add(new(Severity.Error, id, line, "unknown-type", $"{what} of decision '{decision.Id}' has the unknown typeRef '{typeRef}'"));
        }
    }

    /// <summary>A test value must already be of the input's kind: "5" against a number input converts, yet never matches a number.</summary>
    private static bool SameKind(object? value, object? typed) => value is null || typed is null || value.GetType() == typed.GetType();

    private void Error(string code, string message) => issues.Add(new(Severity.Error, table.Id, table.Line, code, message));
}
