using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

internal sealed partial class Runner
{
    private void ExclusiveGateway(Token token, FlowNode node)
    {
        var outgoing = _def.Outgoing(node.Id).ToList();
        // A single outgoing flow is no exception: its condition must hold too (BPMN: no flow can be taken → incident).
        var chosen = outgoing.Where(f => f.Id != node.DefaultFlow).FirstOrDefault(f => f.Condition is null || Condition(f, onLeave: false))
              ?? outgoing.Find(f => f.Id == node.DefaultFlow)
              ?? throw new IncidentException($"exclusive gateway '{node.Id}': no condition is true and there is no default flow", false);
        Log(JournalKind.GatewayDecision, node.Id, token.Id, $"took {chosen.Id}");
        Take(token, [chosen]);
    }

    private void ParallelGateway(Token token, FlowNode node)
    {
        var incoming = _def.Incoming(node.Id).Select(f => f.Id).ToList();
        var outgoing = _def.Outgoing(node.Id).ToList();
        if (incoming.Count <= 1)
        {
            Take(token, outgoing);
            return;
        }

        Replace(token with { State = TokenState.Joining });
        var arrived = _tokens.Where(t => t.NodeId == node.Id && t.ScopeId == token.ScopeId && t.State == TokenState.Joining).ToList();
        var perFlow = incoming.Select(f => arrived.Find(t => t.ArrivedVia == f)).ToList();
        var missing = perFlow.Count(t => t is null);
        if (missing > 0)
        {
            Log(JournalKind.GatewayDecision, node.Id, token.Id, $"waiting for {missing} more token(s)");
            return;
        }

        Join(node, perFlow.OfType<Token>().ToList(), outgoing);
    }

    private void InclusiveGateway(Token token, FlowNode node)
    {
        if (_def.Incoming(node.Id).Count() <= 1)
        {
            InclusiveFork(token, node);
            return;
        }

        // The join fires in SettleInclusiveJoins once no other token can still arrive.
        Replace(token with { State = TokenState.Joining });
    }

    private void InclusiveFork(Token token, FlowNode node)
    {
        var outgoing = _def.Outgoing(node.Id).ToList();
        var taken = outgoing.Where(f => f.Id != node.DefaultFlow && (f.Condition is null || Condition(f, onLeave: false))).ToList();
        if (taken.Count == 0)
        {
            taken.Add(outgoing.Find(f => f.Id == node.DefaultFlow)
                ?? throw new IncidentException($"inclusive gateway '{node.Id}': no condition is true and there is no default flow", false));
        }

        Log(JournalKind.GatewayDecision, node.Id, token.Id, $"took {string.Join(",", taken.Select(f => f.Id))}");
        Take(token, taken);
    }

    private void Join(FlowNode node, List<Token> joined, IReadOnlyList<SequenceFlow> outgoing)
    {
        var keep = joined[0];
        _tokens.RemoveAll(t => joined.Skip(1).Any(j => j.Id == t.Id));
        Log(JournalKind.GatewayDecision, node.Id, keep.Id, $"joined {string.Join(",", joined.Select(t => t.Id))}");
        Take(Replace(keep with { State = TokenState.Ready }), outgoing);
    }

    /// <summary>Fires one inclusive join that no other token of its scope can still reach; true when one fired.</summary>
    private bool SettleInclusiveJoins()
    {
        var groups = _tokens
            .Where(t => t.State == TokenState.Joining && Node(t).Kind == NodeKind.InclusiveGateway)
            .GroupBy(t => (t.NodeId, t.ScopeId))
            .ToList();
        foreach (var group in groups)
        {
            var (gatewayId, scopeId) = group.Key;
            var blocked = _tokens.Exists(t => t.ScopeId == scopeId
                && !(t.NodeId == gatewayId && t.State == TokenState.Joining)
                && CanReach(t.NodeId, gatewayId));
            if (blocked)
            {
                continue;
            }

            var joined = group.ToList();
            var keep = joined[0];
            _tokens.RemoveAll(t => joined.Skip(1).Any(j => j.Id == t.Id));
            Log(JournalKind.GatewayDecision, gatewayId, keep.Id, $"joined {string.Join(",", joined.Select(t => t.Id))}");
            keep = Replace(keep with { State = TokenState.Ready });
            try
            {
                InclusiveFork(keep, _def.Nodes[gatewayId]);
            }
            catch (IncidentException ex)
            {
                RaiseIncident(keep, ex.Message, ex.OnLeave);
            }

            return true;
        }

        return false;
    }

    /// <summary>Whether a token at <paramref name="from"/> can still get to <paramref name="target"/> (flows and boundary exits).</summary>
    private bool CanReach(string from, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var pending = new Queue<string>([from]);
        while (pending.TryDequeue(out var current))
        {
            if (current == target)
            {
                return true;
            }

            var next = _def.Outgoing(current).Select(f => f.TargetRef)
                .Concat(_def.BoundaryEvents(current).Select(b => b.Id));
            foreach (var id in next.Where(seen.Add))
            {
                pending.Enqueue(id);
            }
        }

        return false;
    }

    private void EventBasedGateway(Token token, FlowNode node)
    {
        var waits = _def.Outgoing(node.Id)
            .Select(f => _def.Nodes.TryGetValue(f.TargetRef, out var target) && IsRaceTarget(target)
                ? PrepareEventWait(token, target)
                : throw new IncidentException($"event-based gateway '{node.Id}' leads to '{f.TargetRef}', which is not a catch event or receive task it can wait for", false))
            .ToList();
        AddWaits(token, waits);
    }

    /// <summary>What an event-based gateway can race: timer, message, signal and conditional catch events, and receive tasks.</summary>
    internal static bool IsRaceTarget(FlowNode target) =>
        target.Kind == NodeKind.ReceiveTask || (target.Kind == NodeKind.IntermediateCatchEvent && IsWaitingEvent(target));
}
