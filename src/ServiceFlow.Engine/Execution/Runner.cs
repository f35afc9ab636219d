using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ServiceFlow.Engine.Expressions;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

/// <summary>One command's worth of mutable working state; becomes an immutable <see cref="InstanceState"/> again.</summary>
internal sealed partial class Runner
{
    private enum Step { Enter, Activate, Complete, Leave }

    private readonly ProcessDefinition _def;
    private readonly DateTimeOffset _now;
    private readonly InterpreterOptions _options;
    private readonly ExpressionSandbox _sandbox;
    private readonly List<Token> _tokens;
    private readonly List<ScopeInstance> _scopes;
    private readonly List<WaitItem> _waits;
    private readonly List<Incident> _incidents;
    private readonly List<CompensationRecord> _compensations;
    private readonly ImmutableDictionary<string, JsonElement>.Builder _vars;
    private readonly List<EngineEffect> _effects = [];
    private readonly List<JournalEntry> _journal = [];
    private readonly Queue<(string TokenId, Step Step)> _queue = new();
    private long _counter;
    private InstanceStatus _status;
    private int _steps;
    private int _stepLimit;

    public Runner(ProcessDefinition def, InstanceState state, DateTimeOffset now, InterpreterOptions options)
    {
        _def = def;
        _now = now;
        _options = options;
        _sandbox = new ExpressionSandbox(new SandboxLimits(
            options.ExpressionTimeLimit, options.ExpressionMaxStatements, options.ExpressionMemoryBytes, options.ExpressionRecursionDepth));
        _tokens = [.. state.Tokens];
        _scopes = [.. state.Scopes];
        _waits = [.. state.Waits];
        _incidents = [.. state.Incidents];
        _vars = state.Variables.ToBuilder();
        _counter = state.Counter;
        _status = state.Status;
        _compensations = [.. state.Compensations];
        _stepLimit = options.MaxStepsPerCommand;
    }

    public StepResult Result() => new(
        new InstanceState
        {
            Status = _status,
            Counter = _counter,
            Variables = _vars.ToImmutable(),
            Tokens = [.. _tokens],
            Scopes = [.. _scopes],
            Waits = [.. _waits],
            Incidents = [.. _incidents],
            Compensations = [.. _compensations],
        },
        _effects,
        _journal);

    /// <summary>Runs queued work until every token waits, then settles inclusive joins, repeatedly.</summary>
    private void RunQueue()
    {
        while (true)
        {
            while (_queue.TryDequeue(out var work))
            {
                var token = FindToken(work.TokenId);
                if (token is null || _status != InstanceStatus.Running)
                {
                    continue;
                }

                if (++_steps > _stepLimit)
                {
                    RaiseIncident(token, $"stopped after {_stepLimit} steps without a wait state (endless loop?)", work.Step == Step.Leave);
                    continue;
                }

                _current = token;
                try
                {
                    switch (work.Step)
                    {
                        case Step.Enter: Enter(token); break;
                        case Step.Activate: Activate(token); break;
                        case Step.Complete: Complete(token); break;
                        default: Leave(token); break;
                    }
                }
                catch (IncidentException ex)
                {
                    RaiseIncident(FindToken(token.Id) ?? token, ex.Message, ex.OnLeave);
                }
                catch (Exception ex)
                {
                    // Defensive: a bug or an unexpected model must stop one token, not crash the host's step.
                    RaiseIncident(FindToken(token.Id) ?? token, $"internal error: {ex.Message}", work.Step == Step.Leave);
                }
            }

            if (_status != InstanceStatus.Running || !(SettleInclusiveJoins() || EvaluateConditions()))
            {
                return;
            }
        }
    }

    private void Schedule(Token token, Step step)
    {
        if (token.State != TokenState.Ready)
        {
            Replace(token with { State = TokenState.Ready });
        }

        _queue.Enqueue((token.Id, step));
    }

    private string NextId(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{++_counter}");

    private void Log(JournalKind kind, string? nodeId, string? tokenId, string? detail = null) =>
        _journal.Add(new JournalEntry(_now, kind, nodeId, tokenId, detail));

    private Token? FindToken(string id) => _tokens.Find(t => t.Id == id);

    private Token Replace(Token token)
    {
        var index = _tokens.FindIndex(t => t.Id == token.Id);
        if (index >= 0)
        {
            _tokens[index] = token;
        }

        return token;
    }

    private Token NewToken(string nodeId, string? scopeId, string? arrivedVia = null)
    {
        var token = new Token(NextId("token"), nodeId, scopeId, TokenState.Ready, arrivedVia);
        _tokens.Add(token);
        return token;
    }

    private FlowNode Node(Token token) => _def.Nodes[token.NodeId];

    private void RaiseIncident(Token token, string message, bool onLeave)
    {
        var incident = new Incident(NextId("incident"), token.Id, token.NodeId, message, _now, onLeave);
        _incidents.Add(incident);
        Replace(token with { State = TokenState.Incident });
        _effects.Add(new RaiseIncident(incident.Id, token.NodeId, message));
        Log(JournalKind.IncidentRaised, token.NodeId, token.Id, message);
    }

    private void Ignore(string what) => Log(JournalKind.CommandIgnored, null, null, what);

    /// <summary>Thrown inside a step to stop the token with an incident.</summary>
    private sealed class IncidentException(string message, bool onLeave) : Exception(message)
    {
        public bool OnLeave { get; } = onLeave;
    }
}
