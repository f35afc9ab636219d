using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

/// A step's transaction that begins with the first command the step's context sends, not before.
/// A step that reads nothing (a start with the definition cached, a completion from the completion
/// cache) then reaches StepWriter without a transaction, and StepWriter sends its batch as one implicit
/// transaction: PostgreSQL commits a pipeline without BEGIN at its Sync, all or nothing, so the step
/// costs one round trip instead of two (batch, COMMIT). A step that does read begins its transaction
/// with that read (Npgsql sends the BEGIN in the same round trip), and every later command and
/// SaveChanges runs in it, exactly as if it had begun up front.
internal static class DeferredTransaction
{
    /// Marks the context: its next command (or SaveChanges) begins the transaction first.
    public static void Defer(ServiceFlowDbContext db) => db.TransactionDeferred = true;

    /// Begins a deferred transaction now, for a command sent past EF (StepWriter.WriteSetBasedAsync).
    public static ValueTask BeginNowAsync(ServiceFlowDbContext db, CancellationToken ct) => BeginAsync(db, null, ct);

    static void Begin(DbContext? context, DbCommand? command)
    {
        if (context is not ServiceFlowDbContext { TransactionDeferred: true } db)
            return;
        db.TransactionDeferred = false;
        var transaction = db.Database.CurrentTransaction ?? db.Database.BeginTransaction();
        if (command is not null)
            command.Transaction = transaction.GetDbTransaction(); // created before the transaction existed
    }

    static async ValueTask BeginAsync(DbContext? context, DbCommand? command, CancellationToken ct)
    {
        if (context is not ServiceFlowDbContext { TransactionDeferred: true } db)
            return;
        db.TransactionDeferred = false;
        var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(ct);
        if (command is not null)
            command.Transaction = transaction.GetDbTransaction();
    }

    /// Every EF command: queries, ExecuteUpdate/Delete, raw SQL, SaveChanges' batches.
    internal sealed class Commands : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Begin(eventData.Context, command);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await BeginAsync(eventData.Context, command, cancellationToken);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Begin(eventData.Context, command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await BeginAsync(eventData.Context, command, cancellationToken);
            return result;
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Begin(eventData.Context, command);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await BeginAsync(eventData.Context, command, cancellationToken);
            return result;
        }
    }

    /// SaveChanges would otherwise wrap itself in a transaction of its own and commit it on return,
    /// in the middle of the step: the step's transaction begins before it decides.
    internal sealed class Saves : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Begin(eventData.Context, null);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            await BeginAsync(eventData.Context, null, cancellationToken);
            return result;
        }
    }
}
