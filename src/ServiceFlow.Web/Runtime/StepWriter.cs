using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

/// Writes an engine step's change set (a journal row added, and any rows of plain entity types added or
/// changed: instances, user tasks, bookmarks, intents, outbox rows, the ticket and its history, SLA clocks,
/// segments and timers) as one Npgsql batch that also commits the step, instead of EF Core's SaveChanges and a
/// COMMIT. Same rows, same optimistic concurrency on xmin; what it skips is EF's per-entity command
/// building and result propagation, the largest share of the host's CPU per step (docs/benchmarks.md).
/// A deletion, or a row of a type the writer does not know how to write (owned or complex parts,
/// inheritance, database defaults), and the step goes through SaveChanges as before.
internal static class StepWriter
{
    /// Writes and commits the change set: returns copies of the open user tasks it added, each with its instance,
    /// as they now stand in the database (row versions included), for the completion cache; or null, having
    /// written nothing, when the caller must call SaveChanges (and commit) instead.
    /// `setWrites` go first in the batch, as they would have run before the rows were written.
    public static async Task<IReadOnlyList<CachedTask>?> TryWriteAsync(ServiceFlowDbContext db, IReadOnlyList<SetWrite> setWrites, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var changed = new List<EntityEntry>();
        var journal = false;
        var auto = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false; // detected once, above
        try
        {
            foreach (var entry in db.ChangeTracker.Entries())
            {
                switch (entry.State)
                {
                    case EntityState.Unchanged or EntityState.Detached:
                        continue;
                    case EntityState.Added when entry.Entity is JournalStep:
                        journal = true;
                        break;
                    case EntityState.Added or EntityState.Modified when Shape.Of(entry.Metadata).Plain:
                        break;
                    default:
                        return null;
                }
                changed.Add(entry);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = auto;
        }
        if (!journal)
            return null; // not an engine step: claims, edits and the like keep EF's path

        // No transaction yet (DeferredTransaction: the step read nothing): the batch is its own implicit
        // transaction, committed at its end, and every row-version guard is checked by the server.
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var opened = transaction is null && db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await WriteAsync(db, (NpgsqlConnection)db.Database.GetDbConnection(), transaction, setWrites, changed, ct);
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }

    /// The set-based statements alone, in the step's transaction (begun now if it was deferred), for a change
    /// set that goes through SaveChanges instead: one round trip, before SaveChanges writes the rows.
    public static async Task WriteSetBasedAsync(ServiceFlowDbContext db, IReadOnlyList<SetWrite> setWrites, CancellationToken ct)
    {
        if (setWrites.Count == 0)
            return;
        await DeferredTransaction.BeginNowAsync(db, ct); // the runner's transaction is open now, and with it the connection
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        AddSetBased(batch, setWrites);
        await batch.ExecuteNonQueryAsync(ct);
    }

    static void AddSetBased(NpgsqlBatch batch, IReadOnlyList<SetWrite> setWrites)
    {
        foreach (var write in setWrites)
        {
            var command = new NpgsqlBatchCommand(write.Sql);
            command.Parameters.AddRange(write.Parameters());
            batch.BatchCommands.Add(command);
        }
    }

    static async Task<IReadOnlyList<CachedTask>> WriteAsync(ServiceFlowDbContext db, NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyList<SetWrite> setWrites, List<EntityEntry> changed, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        AddSetBased(batch, setWrites);
        using var scratch = new NpgsqlCommand(); // only creates parameters through EF's type mappings
        var returning = new List<(EntityEntry Entry, IProperty? Version)>(); // in batch order: the statements that return a row
        // A referenced row before the rows that reference it (a clock before its segments and timers), then rows
        // with a row version first (each returns its new one, read back in this order), journal rows last, and
        // the rows of one table together (in the order they were added), so that new rows of a table without a
        // row version go as one multi-row INSERT: a new ticket's twelve SLA timers are one statement, not twelve.
        (NpgsqlBatchCommand Command, Shape Shape, int Rows)? rows = null;
        var ordered = changed.Select(e => (Entry: e, Shape: Shape.Of(e.Metadata))).OrderBy(e => e.Shape.Depth).ThenBy(e => e.Shape.Version is null)
            .ThenBy(e => e.Entry.Entity is JournalStep).ThenBy(e => e.Shape.Table, StringComparer.Ordinal);
        foreach (var (entry, shape) in ordered)
        {
            if (entry.State == EntityState.Added && shape.Version is null)
            {
                if (rows is { } open && ReferenceEquals(open.Shape, shape) && (open.Rows + 1) * shape.Written.Length <= MaxParameters)
                {
                    AddRow(open.Command, entry, shape, scratch);
                    rows = open with { Rows = open.Rows + 1 };
                }
                else
                {
                    rows = (Insert(entry, shape, scratch), shape, 1);
                    batch.BatchCommands.Add(rows.Value.Command);
                }
                continue;
            }
            rows = null;
            var command = entry.State == EntityState.Added ? Insert(entry, shape, scratch) : Update(entry, shape, scratch);
            if (command is null)
                continue;
            batch.BatchCommands.Add(command);
            // The guard fails the statement (and with it the transaction) when the row is not as this step read it
            // (its row version) or is gone; a zero row count would only be seen after the batch's COMMIT.
            if (shape.Version is { } version)
            {
                var column = version.GetColumnName();
                command.CommandText = entry.State == EntityState.Added
                    ? $"{command.CommandText} RETURNING \"{column}\""
                    : $"WITH changed AS ({command.CommandText} RETURNING \"{column}\") " +
                      $"SELECT (SELECT \"{column}\" FROM changed), {GuardFunction}((SELECT count(*) FROM changed), '{shape.Table}')";
                returning.Add((entry, version));
            }
            else if (entry.State == EntityState.Modified)
            {
                command.CommandText = $"WITH changed AS ({command.CommandText} RETURNING 1) SELECT {GuardFunction}((SELECT count(*) FROM changed), '{shape.Table}')";
                returning.Add((entry, null));
            }
        }
        // The step's transaction ends with its batch: a COMMIT as the last statement when the step's reads began
        // one (Npgsql then sees the connection idle and the transaction complete, so disposing it rolls nothing
        // back), the batch's own implicit transaction otherwise. Either way no round trip of its own for the COMMIT.
        if (transaction is not null)
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var (entry, version) in returning)
            {
                if (await reader.ReadAsync(ct) && version is not null)
                    entry.Property(version.Name).CurrentValue = reader.GetValue(0);
                await reader.NextResultAsync(ct);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == GuardSqlState)
        {
            throw new DbUpdateConcurrencyException($"{ex.MessageText}.", ex);
        }
        catch (PostgresException ex)
        {
            // The shape SaveChanges throws, so the runner's retry (unique violation, deadlock) still applies.
            throw new DbUpdateException($"Writing the step failed: {ex.MessageText}", ex);
        }
        var instances = changed.Where(e => e.Entity is ProcessInstance).ToDictionary(e => ((ProcessInstance)e.Entity).Id);
        var cached = new List<CachedTask>();
        foreach (var entry in changed)
        {
            if (entry is { State: EntityState.Added, Entity: UserTask { Status: UserTaskStatus.Open } task }
                && task.InstanceId is { } instanceId && instances.TryGetValue(instanceId, out var instance))
                cached.Add(new CachedTask((UserTask)entry.CurrentValues.ToObject(), (ProcessInstance)instance.CurrentValues.ToObject()));
        }
        return cached;
    }

    /// Created by the StepGuard migration: raises GuardSqlState when its first argument is 0.
    internal const string GuardFunction = "\"serviceflow\".\"expect_row\"";
    internal const string GuardSqlState = "SF409";

    static NpgsqlBatchCommand Insert(EntityEntry entry, Shape shape, NpgsqlCommand scratch)
    {
        var command = new NpgsqlBatchCommand(shape.InsertSql);
        foreach (var property in shape.Written)
            command.Parameters.Add(Parameter(property, entry.Property(property.Name).CurrentValue, scratch));
        return command;
    }

    /// PostgreSQL takes at most 65,535 parameters a statement; a multi-row INSERT stays well below.
    const int MaxParameters = 30_000;

    /// One more row of the same table in a multi-row INSERT: `, ($k+1, …, $k+n)`.
    static void AddRow(NpgsqlBatchCommand command, EntityEntry entry, Shape shape, NpgsqlCommand scratch)
    {
        var values = new StringBuilder(command.CommandText).Append(", (");
        for (var i = 0; i < shape.Written.Length; i++)
        {
            var property = shape.Written[i];
            command.Parameters.Add(Parameter(property, entry.Property(property.Name).CurrentValue, scratch));
            values.Append(i > 0 ? ", $" : "$").Append(command.Parameters.Count);
        }
        command.CommandText = values.Append(')').ToString();
    }

    static NpgsqlBatchCommand? Update(EntityEntry entry, Shape shape, NpgsqlCommand scratch)
    {
        var set = new StringBuilder();
        var command = new NpgsqlBatchCommand();
        foreach (var property in shape.Written)
        {
            if (property.IsPrimaryKey() || !entry.Property(property.Name).IsModified)
                continue;
            if (set.Length > 0)
                set.Append(", ");
            set.Append('"').Append(property.GetColumnName()).Append("\" = $").Append(command.Parameters.Count + 1);
            command.Parameters.Add(Parameter(property, entry.Property(property.Name).CurrentValue, scratch));
        }
        if (set.Length == 0)
            return null;
        var where = new StringBuilder();
        foreach (var key in shape.Key)
        {
            command.Parameters.Add(Parameter(key, entry.Property(key.Name).CurrentValue, scratch));
            where.Append(where.Length > 0 ? " AND " : "").Append('"').Append(key.GetColumnName()).Append("\" = $").Append(command.Parameters.Count);
        }
        if (shape.Version is { } version)
        {
            command.Parameters.Add(Parameter(version, entry.Property(version.Name).OriginalValue, scratch));
            where.Append(" AND \"").Append(version.GetColumnName()).Append("\" = $").Append(command.Parameters.Count);
        }
        command.CommandText = $"UPDATE {shape.Table} SET {set} WHERE {where}";
        return command;
    }

    /// What an entity type's rows look like to the writer, worked out once per type: the columns the
    /// client writes, the INSERT (always the same), the key, the row version, whether the writer may write
    /// it (Plain) and how deep it sits under the tables its foreign keys reference (Depth: 0 for none).
    sealed record Shape(string Table, IProperty[] Written, string InsertSql, IReadOnlyList<IProperty> Key, IProperty? Version,
        bool Plain, int Depth)
    {
        static readonly ConcurrentDictionary<IEntityType, Shape> Shapes = new();

        public static Shape Of(IEntityType type) => Shapes.GetOrAdd(type, static t =>
        {
            var table = $"\"{t.GetSchema()}\".\"{t.GetTableName()}\"";
            var written = t.GetProperties().Where(p => !IsStoreGenerated(p)).ToArray();
            var columns = string.Join(", ", written.Select(p => $"\"{p.GetColumnName()}\""));
            var values = string.Join(", ", written.Select((_, i) => $"${i + 1}"));
            return new Shape(table, written, $"INSERT INTO {table} ({columns}) VALUES ({values})",
                t.FindPrimaryKey()!.Properties, t.GetProperties().FirstOrDefault(p => p.IsConcurrencyToken), IsPlain(t), DepthOf(t, 0));
        });

        /// One table of scalar columns that SaveChanges would write in full: no owned or complex parts, no
        /// inheritance or table splitting, and no column the database fills in when the client leaves it out
        /// (a default), which SaveChanges omits for a CLR default value and this writer would not.
        static bool IsPlain(IEntityType t) =>
            !t.IsOwned() && t.BaseType is null && !t.GetDerivedTypes().Any() && !t.GetComplexProperties().Any()
            && !t.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
            && t.GetTableName() is not null && t.GetSchema() is not null
            && t.GetProperties().All(p => IsStoreGenerated(p) || p.IsPrimaryKey() || p.ValueGenerated == ValueGenerated.Never);

        static int DepthOf(IEntityType t, int guard) =>
            guard > 8 ? 0 : t.GetForeignKeys().Where(k => k.PrincipalEntityType != t)
                .Select(k => DepthOf(k.PrincipalEntityType, guard + 1) + 1).DefaultIfEmpty(0).Max();
    }

    /// xmin, stored generated columns and identity/serial keys: the server writes them.
    static bool IsStoreGenerated(IProperty property) =>
        property.IsConcurrencyToken && property.ValueGenerated != ValueGenerated.Never
        || property.GetComputedColumnSql() is not null
        || property.GetValueGenerationStrategy() is NpgsqlValueGenerationStrategy.IdentityByDefaultColumn
            or NpgsqlValueGenerationStrategy.IdentityAlwaysColumn or NpgsqlValueGenerationStrategy.SerialColumn;

    static DbParameter Parameter(IProperty property, object? value, NpgsqlCommand scratch) =>
        property.GetRelationalTypeMapping().CreateParameter(scratch, "", value, property.IsNullable);
}
