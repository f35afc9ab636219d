using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Jobs;

namespace ServiceFlow.Web.Runtime;

internal sealed class RuntimeOptions
{
    /// How often a transaction that lost an optimistic-concurrency race is retried before giving up.
    public int MaxAttempts { get; set; } = 8;
    /// Commands one transaction may apply (including inline jobs and child instances) before it stops.
    public int MaxCommandsPerTransaction { get; set; } = 500;
    /// Measurement switches for the desk benchmark (docs/benchmarks.md): each of the three commit
    /// optimisations can be turned off to see what it pays. Off, the step takes the plain EF path.
    public bool StepWriter { get; set; } = true;
    public bool DeferBegin { get; set; } = true;
    public bool CompletionCache { get; set; } = true;
}

/// Applies engine steps durably: load the instance, run the pure interpreter, write the new state,
/// tasks, bookmarks, journal, incidents, outbox rows and intents in one transaction, commit, then let
/// the dispatcher hand the intents due soon to Hangfire. A transaction that loses a race on an instance's row version
/// is retried from the start, so no effect is lost or applied twice.
internal sealed partial class ProcessRunner(
    IServiceScopeFactory scopes,
    DefinitionStore definitions,
    ServiceTaskHandlers handlers,
    CompletionCache completions,
    IntentDispatcher dispatcher,
    TimeProvider clock,
    IEnumerable<IStepObserver> observers,
    IEnumerable<ITaskAssignmentObserver> assignmentObservers,
    IOptions<RuntimeOptions> options,
    InterpreterOptions interpreterOptions,
    IBusinessCalendars calendars,
    IWorkflowDecisions decisions,
    ILogger<ProcessRunner> log)
{
    /// Runs `work` and writes what it changed in one transaction, retried as a whole after a lost race.
    internal Task<T> InTransactionAsync<T>(string? user, Func<StepContext, Task<T>> work, CancellationToken ct = default) =>
        RunAsync(user, work, deferBegin: false, ct);

    /// InTransactionAsync whose transaction begins with the work's first command (DeferredTransaction):
    /// for the hot paths (start, complete), which often read nothing and then write in one round trip.
    internal Task<T> InDeferredTransactionAsync<T>(string? user, Func<StepContext, Task<T>> work, CancellationToken ct = default) =>
        RunAsync(user, work, deferBegin: true, ct);

    async Task<T> RunAsync<T>(string? user, Func<StepContext, Task<T>> work, bool deferBegin, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            // A failed step is retried as a whole transaction, so EF's savepoint around SaveChanges
            // (two more round trips per step) buys nothing.
            db.Database.AutoSavepointsEnabled = false;
            if (deferBegin && options.Value.DeferBegin)
                DeferredTransaction.Defer(db);
            else
                await db.Database.BeginTransactionAsync(ct);
            var ctx = new StepContext(db, clock.GetUtcNow(), user)
            {
                Attempt = attempt,
                Soon = dispatcher.Soon,
                Interpreter = interpreterOptions with { BusinessTime = await calendars.SnapshotAsync(ct) },
            };
            try
            {
                var result = await work(ctx);
                // StepWriter commits with its batch; SaveChanges leaves the commit to this.
                var written = options.Value.StepWriter ? await StepWriter.TryWriteAsync(db, ctx.SetWrites, ct) : null;
                if (written is null)
                {
                    await StepWriter.WriteSetBasedAsync(db, ctx.SetWrites, ct);
                    await db.SaveChangesAsync(ct); // begins a deferred transaction first (DeferredTransaction.Saves)
                    if (db.Database.CurrentTransaction is { } transaction)
                        await transaction.CommitAsync(ct);
                }
                if (written is not null && options.Value.CompletionCache)
                    completions.Remember(written);
                dispatcher.AfterCommit(ctx.Intended); // best effort; never throws
                return result;
            }
            catch (Exception ex) when (IsRetryable(ex) && attempt < options.Value.MaxAttempts)
            {
                log.LogDebug("Concurrent update, retrying (attempt {Attempt})", attempt);
                await Task.Delay(Random.Shared.Next(2, 10 * attempt), ct);
            }
            catch (Exception ex) when (IsRetryable(ex))
            {
                throw RuntimeProblem.Conflict("Someone else changed this process at the same moment; try again.");
            }
            finally
            {
                db.TransactionDeferred = false; // the context goes back to the pool
                if (db.Database.CurrentTransaction is { } open)
                    await open.DisposeAsync(); // rolled back, unless committed (a StepWriter batch ends with COMMIT: Npgsql knows it complete)
            }
        }
    }

    static bool IsRetryable(Exception ex) =>
        ex is DbUpdateConcurrencyException
        || ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } };

    /// Runs `command` and everything it causes on this instance (inline jobs, child completions)
    /// inside the current transaction.
    internal async Task<StepResult> StepAsync(StepContext ctx, ProcessInstance instance, EngineCommand command)
    {
        var queue = ctx.Pending.TryGetValue(instance.Id, out var q) ? q : ctx.Pending[instance.Id] = new Queue<EngineCommand>();
        queue.Enqueue(command);
        if (!ctx.Stepping.Add(instance.Id))
            return new StepResult(InstanceStateJson.Deserialize(instance.State), [], []); // the outer loop will run it

        var definition = await definitions.GetAsync(instance.DefinitionId);
        // The decisions this workflow version pinned (business rule tasks), beside the step's calendar snapshot.
        var stepOptions = ctx.Interpreter with { Decisions = await decisions.ForAsync(instance.DefinitionId, definition, CancellationToken.None) };
        var state = InstanceStateJson.Deserialize(instance.State);
        StepResult? first = null;
        try
        {
            while (queue.TryDequeue(out var next))
            {
                if (++ctx.Steps > options.Value.MaxCommandsPerTransaction)
                    throw new InvalidOperationException($"More than {options.Value.MaxCommandsPerTransaction} commands in one transaction; is a call activity calling itself?");
                var result = ProcessInterpreter.Execute(definition, state, next, ctx.Now, stepOptions);
                first ??= result;
                state = result.State;
                WriteJournal(ctx, instance, result);
                instance.State = InstanceStateJson.Serialize(state);
                instance.Variables = Variables.Serialize(state.Variables);
                instance.Status = state.Status;
                foreach (var effect in result.Effects)
                    await ApplyAsync(ctx, instance, state, effect);
                ctx.Command = next; // effects may have stepped other instances in between
                foreach (var observer in observers)
                    await observer.OnStepAsync(ctx, instance, result);
            }
        }
        finally
        {
            ctx.Stepping.Remove(instance.Id);
        }
        return first!;
    }

    static void WriteJournal(StepContext ctx, ProcessInstance instance, StepResult result)
    {
        if (result.Journal.Count > 0)
            ctx.Db.Journal.Add(JournalRows.Step(instance.Id, ctx.Now, ctx.User, result.Journal));
    }
}

/// Lets features (SLA clocks, tickets) react to steps inside the step's own transaction.
internal interface IStepObserver
{
    Task OnStepAsync(StepContext ctx, ProcessInstance instance, StepResult result);
}

/// Lets features react, inside the same transaction, when a supervisor gives an open task that someone
/// held to another person (`POST /api/tasks/{id}/assign`, the task page's "Assign"); a claim of an offered
/// task, or a release, is not a reassignment.
internal interface ITaskAssignmentObserver
{
    Task OnReassignedAsync(StepContext ctx, UserTask task, string previous, CancellationToken ct);
}
