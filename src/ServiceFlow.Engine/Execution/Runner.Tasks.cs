using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ServiceFlow.Engine.Expressions;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Timers;

namespace ServiceFlow.Engine.Execution;

internal sealed partial class Runner
{
    private void CreateUserTask(Token token, FlowNode node)
    {
        // Evaluate everything before changing state, so a bad expression leaves nothing half-created.
        var groups = List(node, "candidateGroups");
        var users = List(node, "candidateUsers");
        var assignee = Text(node, "assignee");
        var priorityText = Text(node, "priority");
        int? priority = priorityText is null ? null
            : double.TryParse(priorityText, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? (int)p
            : throw new IncidentException($"sf:priority of '{node.Id}' is not a number: '{priorityText}'", false);
        TimeSpan? dueIn = node.Ext("dueIn") is { } d
            ? TimerExpression.TryParseDuration(d, out var span) ? span : throw new IncidentException($"sf:dueIn '{d}' is not an ISO duration", false)
            : null;
        DateTimeOffset? dueAt = dueIn is { } due ? _options.BusinessTime.Add(_now, due, node.Ext("calendar")) : null;
        if (dueIn is null && Text(node, "dueDate") is { } dueDate)
        {
            // sf:dueDate (camunda:dueDate): an ISO date-time, or a duration counted like sf:dueIn.
            (dueIn, dueAt) = TimerExpression.TryParseDuration(dueDate, out var dueSpan) ? (dueSpan, _options.BusinessTime.Add(_now, dueSpan, node.Ext("calendar")))
                : TimerExpression.TryParseDate(dueDate, out var date) ? ((TimeSpan?)null, date)
                : throw new IncidentException($"sf:dueDate of '{node.Id}' is neither an ISO date-time nor a duration: '{dueDate}'", false);
        }

        var boundaries = PrepareBoundaryWaits(token, node);

        var id = NextId("task");
        var effect = new CreateUserTask(id, node.Id, node.Name, groups, users, assignee, node.Ext("formKey"), priority, dueIn, dueAt, node.Documentation);
        AddWaits(token, [(new WaitItem(id, WaitKind.UserTask, token.Id, node.Id), effect), .. boundaries]);
    }

    /// <summary>An sf: attribute as text; <c>${...}</c> values are evaluated, anything else is a literal.</summary>
    private string? Text(FlowNode node, string name)
    {
        var raw = node.Ext(name);
        if (raw is null || !ExpressionSandbox.IsWrapped(raw))
        {
            return string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
        }

        return AsText(Evaluate(raw, $"sf:{name} of '{node.Id}'"));
    }

    private List<string> List(FlowNode node, string name)
    {
        var raw = node.Ext(name);
        if (raw is not null && ExpressionSandbox.IsWrapped(raw))
        {
            var value = Evaluate(raw, $"sf:{name} of '{node.Id}'");
            if (value.ValueKind == JsonValueKind.Array)
            {
                return [.. value.EnumerateArray().Select(AsText).OfType<string>()];
            }

            raw = AsText(value);
        }

        return raw is null ? [] : [.. raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private (WaitItem, EngineEffect) PrepareJob(Token token, FlowNode node)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in node.Extensions)
        {
            properties[name] = JsonSerializer.SerializeToElement(value);
        }

        foreach (var input in node.Inputs)
        {
            properties[input.Name] = input.IsExpression
                ? Evaluate(input.Value, $"input '{input.Name}' of '{node.Id}'")
                : JsonSerializer.SerializeToElement(input.Value);
        }

        var type = node.Ext("type") ?? node.VendorAttributes.GetValueOrDefault("camunda:topic")
            ?? (node.Kind == NodeKind.SendTask ? "mail" : "service");
        var id = NextId("job");
        return (new WaitItem(id, WaitKind.Job, token.Id, node.Id), new ExecuteJob(id, node.Id, type, properties.ToImmutable()));
    }

    private (WaitItem, EngineEffect) PrepareCall(Token token, FlowNode node)
    {
        var visible = Visible();
        var variables = node.InMappings.IsDefaultOrEmpty ? visible.ToImmutableDictionary(StringComparer.Ordinal) : Map(node.InMappings, visible);
        var id = NextId("call");
        return (new WaitItem(id, WaitKind.Child, token.Id, node.Id), new StartChildInstance(id, node.Id, node.CalledElement ?? "", variables));
    }

    /// <summary>A call activity's child ended: map its variables out (which may fail), then leave.</summary>
    private void Complete(Token token)
    {
        var node = Node(token);
        var childVariables = token.Output ?? ImmutableDictionary<string, JsonElement>.Empty;
        var mapped = node.OutMappings.IsDefaultOrEmpty ? childVariables : Map(node.OutMappings, childVariables);
        Merge(mapped);
        Leave(Replace(token with { Output = null }));
    }

    private ImmutableDictionary<string, JsonElement> Map(ImmutableArray<VariableMapping> mappings, IReadOnlyDictionary<string, JsonElement> source)
    {
        var result = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var m in mappings)
        {
            if (m.IsExpression)
            {
                result[m.Target] = Evaluate(m.Source, $"mapping to '{m.Target}'", source);
            }
            else if (source.TryGetValue(m.Source, out var value))
            {
                result[m.Target] = value.Clone();
            }
        }

        return result.ToImmutable();
    }

    private void StartSubProcess(Token token, FlowNode node)
    {
        var start = _def.NodesInScope(node.Id).FirstOrDefault(n => n.Kind == NodeKind.StartEvent && n.EventKind == EventKind.None)
            ?? throw new IncidentException($"sub-process '{node.Id}' has no none start event", false);
        var boundaries = PrepareBoundaryWaits(token, node);
        AddWaits(token, boundaries);
        Replace(FindToken(token.Id)! with { State = TokenState.InScope });
        var scope = new ScopeInstance(NextId("scope"), node.Id, token.Id, token.ScopeId);
        _scopes.Add(scope);
        Schedule(NewToken(start.Id, scope.Id), Step.Enter);
        SubscribeEventSubProcesses(scope);
    }
}
