using System.Text.Json;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

internal sealed partial class Runner
{
    private void Enter(Token token)
    {
        var node = Node(token);
        Log(JournalKind.NodeEntered, node.Id, token.Id, node.ElementType);
        foreach (var clock in node.ClockActions)
        {
            _effects.Add(new ClockAction(node.Id, clock.Action, clock.Clock));
            Log(JournalKind.ClockAction, node.Id, token.Id, $"{clock.Action}:{clock.Clock}");
        }

        if (IsAsync(node) && !token.AsyncDone)
        {
            var id = NextId("continuation");
            _waits.Add(new WaitItem(id, WaitKind.Continuation, token.Id, node.Id));
            _effects.Add(new ScheduleContinuation(id, node.Id));
            Replace(token with { State = TokenState.Waiting });
            return;
        }

        Activate(token);
    }

    private static bool IsAsync(FlowNode node) => string.Equals(node.Ext("async"), "true", StringComparison.OrdinalIgnoreCase);

    private void Activate(Token token)
    {
        var node = Node(token);
        if (node.Loop is not null && !IsLoopPass(token))
        {
            StartLoop(token, node);
            return;
        }

        switch (node.Kind)
        {
            case NodeKind.StartEvent or NodeKind.BoundaryEvent:
                Leave(token);
                break;
            case NodeKind.IntermediateThrowEvent:
                Throw(token, node, end: false);
                break;
            case NodeKind.EndEvent:
                Throw(token, node, end: true);
                break;
            case NodeKind.IntermediateCatchEvent when token.Caught:
                Leave(token);
                break;
            case NodeKind.IntermediateCatchEvent when node.EventKind == EventKind.Conditional:
                CatchCondition(token, node);
                break;
            case NodeKind.IntermediateCatchEvent when IsWaitingEvent(node):
                AddWaits(token, [PrepareEventWait(token, node)]);
                break;
            case NodeKind.IntermediateCatchEvent:
                Leave(token); // a link catch: the throw already moved the token here
                break;
            case NodeKind.UserTask:
                CreateUserTask(token, node);
                break;
            case NodeKind.ServiceTask or NodeKind.SendTask:
                var job = PrepareJob(token, node);
                AddWaits(token, [job, .. PrepareBoundaryWaits(token, node)]);
                break;
            case NodeKind.ScriptTask:
                RunScript(token, node);
                break;
            case NodeKind.BusinessRuleTask:
                EvaluateDecision(token, node);
                break;
            case NodeKind.Task or NodeKind.ManualTask:
                // Nothing for the engine to do: an abstract task, or work done outside any system (docs/bpmn-extensions.md).
                Leave(token);
                break;
            case NodeKind.ReceiveTask when token.Caught:
                Leave(token);
                break;
            case NodeKind.ReceiveTask:
                AddWaits(token, [PrepareEventWait(token, node), .. PrepareBoundaryWaits(token, node)]);
                break;
            case NodeKind.ExclusiveGateway:
                ExclusiveGateway(token, node);
                break;
            case NodeKind.ParallelGateway:
                ParallelGateway(token, node);
                break;
            case NodeKind.InclusiveGateway:
                InclusiveGateway(token, node);
                break;
            case NodeKind.EventBasedGateway:
                EventBasedGateway(token, node);
                break;
            case NodeKind.SubProcess:
                StartSubProcess(token, node);
                break;
            case NodeKind.CallActivity:
                var call = PrepareCall(token, node);
                AddWaits(token, [call, .. PrepareBoundaryWaits(token, node)]);
                break;
            default:
                throw new IncidentException($"{node.ElementType} '{node.Id}' is not executable in ServiceFlow", false);
        }
    }

    /// <summary>Takes the outgoing flows of a non-gateway node: unconditional ones, true conditions, else the default.</summary>
    private void Leave(Token token)
    {
        if (IsLoopPass(token))
        {
            FinishPass(token);
            return;
        }

        var node = Node(token);
        var outgoing = _def.Outgoing(node.Id).ToList();
        var taken = outgoing.Where(f => f.Id != node.DefaultFlow && (f.Condition is null || Condition(f, onLeave: true))).ToList();
        if (taken.Count == 0 && node.DefaultFlow is { } d && outgoing.Find(f => f.Id == d) is { } defaultFlow)
        {
            taken.Add(defaultFlow);
        }

        if (taken.Count == 0 && outgoing.Count > 0)
        {
            throw new IncidentException($"no outgoing flow of '{node.Id}' can be taken: every condition is false and there is no default flow", true);
        }

        Take(token, taken);
    }

    /// <summary>Moves the token along the flows (forking for more than one); no flows means the token is consumed.</summary>
    private void Take(Token token, IReadOnlyList<SequenceFlow> flows)
    {
        RecordCompensation(token, Node(token));
        CancelWaitsOf(token, "left");
        Log(JournalKind.NodeLeft, token.NodeId, token.Id, flows.Count == 0 ? null : string.Join(",", flows.Select(f => f.Id)));
        if (flows.Count == 0)
        {
            Consume(token);
            return;
        }

        for (var i = 0; i < flows.Count; i++)
        {
            var moved = i == 0
                ? Replace(token with { NodeId = flows[i].TargetRef, ArrivedVia = flows[i].Id, AsyncDone = false, Caught = false, State = TokenState.Ready })
                : NewToken(flows[i].TargetRef, token.ScopeId, flows[i].Id);
            Schedule(moved, Step.Enter);
        }
    }

    private bool Condition(SequenceFlow flow, bool onLeave)
    {
        var result = _sandbox.EvaluateCondition(flow.Condition!, Visible(), out var value);
        return result.Ok ? value : throw new IncidentException($"condition of '{flow.Id}': {result.Error}", onLeave);
    }

    private JsonElement Evaluate(string expression, string what, IReadOnlyDictionary<string, JsonElement>? variables = null)
    {
        var result = _sandbox.Evaluate(expression, variables ?? Visible());
        return result.Ok ? result.Value : throw new IncidentException($"{what}: {result.Error}", false);
    }

    private void AddWaits(Token token, IEnumerable<(WaitItem Wait, EngineEffect? Effect)> waits)
    {
        foreach (var (wait, effect) in waits)
        {
            AddWait(wait, effect);
        }

        Replace(token with { State = TokenState.Waiting });
    }

    private void AddWait(WaitItem wait, EngineEffect? effect)
    {
        _waits.Add(wait);
        if (effect is not null)
        {
            _effects.Add(effect);
        }
    }

    private void RunScript(Token token, FlowNode node)
    {
        var value = Evaluate(node.Script ?? "", $"script of '{node.Id}'");
        if (node.Ext("resultVariable") is { Length: > 0 } name)
        {
            SetVariable(name, value);
        }

        Leave(token);
    }

    private void Consume(Token token)
    {
        _tokens.RemoveAll(t => t.Id == token.Id);
        if (token.CompensationFor is { } compensation)
        {
            HandlerDone(compensation);
        }

        CompleteScopeIfEmpty(token.ScopeId);
    }
}
