using System.Buffers;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mentoring.Features.Dashboard;

/// <summary>
/// The one signal that the organisation figures (<see cref="OrganisationFiguresKeeper"/>) may have changed on this
/// instance: a version that goes up after every write to the people, enrollments, programs or offices is done.
/// It sits on every context of the app as a command interceptor, so it sees what SaveChanges writes, and also
/// ExecuteUpdate, ExecuteDelete and raw SQL, without each service having to say so. Writes that bypass EF's
/// commands (<see cref="Data.BulkRows"/>, the roster's COPY) call <see cref="Wrote"/>.
/// A write inside a transaction counts again when the transaction commits, so figures counted between the
/// write and the commit (which cannot see it yet) are not kept as fresh.
/// </summary>
public sealed class OrganisationChanges : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly Type[] Watched = [typeof(Person), typeof(Enrollment), typeof(MentoringProgram), typeof(Office)];

    private readonly ConditionalWeakTable<DbTransaction, object> pending = [];
    private SearchValues<string>? writes;
    private long version;

    /// <summary>Goes up after each change to what the figures count.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>Says that rows of <paramref name="entity"/> were written on <paramref name="db"/>'s connection without an EF command.</summary>
    public static void Wrote(DbContext db, Type entity)
    {
        if (Watched.Contains(entity) && Of(db) is { } changes)
        {
            changes.Changed(db.Database.CurrentTransaction?.GetDbTransaction());
        }
    }

    private static OrganisationChanges? Of(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<OrganisationChanges>().FirstOrDefault();

    private void Changed(DbTransaction? transaction)
    {
        Interlocked.Increment(ref version);
        if (transaction is not null)
        {
            pending.AddOrUpdate(transaction, this);
        }
    }

    private void AfterCommand(DbCommand command, DbContext? context)
    {
        if (context is not null && Writes(command.CommandText, context))
        {
            Changed(command.Transaction);
        }
    }

    /// <summary>Whether the SQL inserts, updates or deletes rows of a watched table (as EF and the app's raw SQL write it).</summary>
    private bool Writes(string sql, DbContext context)
    {
        var text = sql.AsSpan().TrimStart();
        if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            // A query (most commands): no need to look further.
            return false;
        }
        var patterns = writes ??= SearchValues.Create(
            Watched.Select(t => context.Model.FindEntityType(t)!.GetTableName()!)
                .SelectMany(table => new[] { $"INSERT INTO \"{table}\"", $"UPDATE \"{table}\"", $"DELETE FROM \"{table}\"" })
                .ToArray(),
            StringComparison.OrdinalIgnoreCase);
        return text.IndexOfAny(patterns) >= 0;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        AfterCommand(command, eventData.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterCommand(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        AfterCommand(command, eventData.Context);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        AfterCommand(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    // SaveChanges writes with RETURNING through a reader: the rows are written once the reader has been read.
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        AfterCommand(command, eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        AfterCommand(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        AfterCommand(command, eventData.Context);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (pending.Remove(transaction))
        {
            Interlocked.Increment(ref version);
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => pending.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        pending.Remove(transaction);
        return Task.CompletedTask;
    }
}
