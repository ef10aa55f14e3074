using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mentoring.Data;

/// <summary>
/// Writes many new rows of one entity with multi-row INSERTs on the context's connection, inside its
/// open transaction: a round's 10,000 pairings and 20,000 introductions, or a matching run's 10,000 proposal lines, cost EF's change tracker far
/// more than the rows cost the store. Columns, types and conversions come from the EF model, and every
/// string passes <see cref="FieldRules"/> as <see cref="FieldRulesInterceptor"/> would check it.
/// </summary>
internal static class BulkRows
{
    // Below PostgreSQL's 65,535 parameters per statement. SQLite binds each parameter by a linear
    // search of the statement's names, so its statements stay short (16,000 parameters took seconds).
    private const int ParametersPerStatement = 16_000;
    private const int SqliteParametersPerStatement = 200;

    /// <summary>Inserts the rows in order; with <paramref name="setKeys"/>, sets each row's generated key.</summary>
    public static async Task InsertAsync<T>(MentoringDbContext db, IReadOnlyList<T> rows, bool setKeys, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk rows are written inside the caller's transaction.");
        // The dashboard counts again after the commit when the rows are people, enrollments, programs or offices.
        Features.Dashboard.OrganisationChanges.Wrote(db, typeof(T));
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var columns = entity.GetProperties().Where(p => p != key).ToList();
        if (columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new InvalidOperationException($"{typeof(T).Name}.{shadow.Name} is a shadow property: bulk rows write mapped properties only");
        }
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var mappings = columns.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        var getters = columns.Select(p => p.GetGetter()).ToArray();
        var checkedStrings = columns.Select(p => p.ClrType == typeof(string) && p.GetValueConverter() is null).ToArray();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ("
            + string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))) + ") VALUES ";
        var returning = setKeys ? $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}" : "";
        var limit = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true ? SqliteParametersPerStatement : ParametersPerStatement;
        var perStatement = Math.Max(1, limit / columns.Count);
        var keySetter = key.PropertyInfo!;

        // One statement of a full chunk, prepared once and run again with each chunk's values; the last, shorter chunk gets its own.
        DbCommand? full = null;
        try
        {
            foreach (var chunk in rows.Chunk(perStatement))
            {
                var command = chunk.Length == perStatement && full is not null ? full : Command(chunk.Length);
                if (chunk.Length == perStatement && full is null)
                {
                    full = command;
                    await command.PrepareAsync(cancellationToken);
                }
                try
                {
                    for (var r = 0; r < chunk.Length; r++)
                    {
                        for (var c = 0; c < columns.Count; c++)
                        {
                            var value = getters[c].GetClrValue(chunk[r]);
                            if (checkedStrings[c] && FieldRules.Check(columns[c], value as string) is { } reason)
                            {
                                throw new FieldRuleException(typeof(T).Name, FieldRules.JsonName(columns[c].Name), reason);
                            }
                            command.Parameters[(r * columns.Count) + c].Value = Stored(mappings[c], value);
                        }
                    }
                    if (!setKeys)
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken);
                        continue;
                    }
                    // The store numbers the rows in the order it inserts them; RETURNING need not list them in
                    // that order, so the keys are handed out sorted.
                    var keys = new List<long>(chunk.Length);
                    await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                    {
                        while (await reader.ReadAsync(cancellationToken))
                        {
                            keys.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
                        }
                    }
                    keys.Sort();
                    for (var r = 0; r < chunk.Length; r++)
                    {
                        keySetter.SetValue(chunk[r], Convert.ChangeType(keys[r], key.ClrType, CultureInfo.InvariantCulture));
                    }
                }
                finally
                {
                    if (command != full)
                    {
                        await command.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        DbCommand Command(int count)
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = "@p" + ((r * columns.Count) + c).ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(mappings[c].CreateParameter(command, name, null, columns[c].IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(name);
                }
                text.Append(')');
            }
            command.CommandText = text.Append(returning).ToString();
            return command;
        }
    }

    /// <summary>A value as EF sends it: through the property's converter, an enum as its number, null as DBNull.</summary>
    private static object Stored(RelationalTypeMapping mapping, object? value)
    {
        if (value is not null && mapping.Converter is { } converter)
        {
            value = converter.ConvertToProvider(value);
        }
        else if (value is Enum)
        {
            value = Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), CultureInfo.InvariantCulture);
        }
        return value ?? DBNull.Value;
    }

    /// <summary>
    /// The audit records of new rows, as <see cref="AuditInterceptor"/> writes them for rows EF inserts:
    /// every field that has a value (secrets and private texts hidden), as stored, under the row's key.
    /// </summary>
    public static List<AuditRecord> Created<T>(MentoringDbContext db, AuditContext audit, IEnumerable<T> rows, Func<T, int?> subject)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var type = entity.ClrType;
        var name = AuditPolicy.NameOf(type);
        var key = entity.FindPrimaryKey()!.Properties;
        var fields = entity.GetProperties().Where(p => !AuditPolicy.IsIgnored(p.DeclaringType.ClrType, p.Name, p.PropertyInfo))
            .Select(p => (Property: p, Getter: p.GetGetter(), Field: JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                Hidden: AuditPolicy.IsHidden(p.DeclaringType.ClrType, p.Name, p.PropertyInfo))).ToList();
        var records = new List<AuditRecord>();
        foreach (var row in rows)
        {
            var changes = new JsonObject();
            foreach (var (property, getter, field, hidden) in fields)
            {
                if (getter.GetClrValue(row) is not { } value)
                {
                    continue;
                }
                changes[field] = hidden ? new JsonObject { ["hidden"] = true } : new JsonObject { ["new"] = AuditInterceptor.StoredValue(property, value) };
            }
            var id = string.Join('/', key.Select(p => Convert.ToString(p.GetGetter().GetClrValue(row), CultureInfo.InvariantCulture)));
            records.Add(audit.NewRecord(name, id, AuditActions.Created, subject(row), changes.Count == 0 ? null : changes.ToJsonString()));
        }
        return records;
    }
}
