using System.Data.Common;
using System.Text.RegularExpressions;
using Mentoring.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Mentoring.Benchmarks;

/// <summary>
/// Writes entities straight into their tables, columns and value conversions read from the app's own
/// EF model (so the rows are exactly what the app would have saved): one prepared INSERT per row in the
/// caller's transaction on SQLite, binary COPY on PostgreSQL. Keys are the caller's: every entity comes
/// with its Id set, and <see cref="ResetSequencesAsync"/> moves PostgreSQL's identities past them.
/// </summary>
internal sealed partial class BulkWriter(MentoringDbContext db, DbConnection connection, DbTransaction? transaction)
{
    private readonly HashSet<string> tables = [];

    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping, string PostgresType);

    private List<Column> ColumnsOf<T>(out string table)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = new List<Column>();
        foreach (var property in entity.GetProperties())
        {
            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property: the bulk writer cannot read it");
            }
            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            columns.Add(new Column(property.GetColumnName(store)!, property, mapping, SizeSuffix().Replace(mapping.StoreType, "")));
        }
        if (entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
        {
            throw new InvalidOperationException($"{typeof(T).Name} owns other types: save it through EF instead");
        }
        tables.Add(table);
        return columns;
    }

    private static object? ProviderValue(Column column, object entity)
    {
        var value = column.Property.GetGetter().GetClrValue(entity);
        var converter = column.Mapping.Converter;
        return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
    }

    public async Task WriteAsync<T>(IEnumerable<T> rows) where T : class
    {
        var columns = ColumnsOf<T>(out var table);
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                foreach (var column in columns)
                {
                    if (ProviderValue(column, row) is { } value)
                    {
                        await importer.WriteAsync(value, column.PostgresType);
                    }
                    else
                    {
                        await importer.WriteNullAsync();
                    }
                }
            }
            await importer.CompleteAsync();
            return;
        }
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, $"$p{i}", null)).ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = ProviderValue(columns[i], row) ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>PostgreSQL hands out identities from a sequence that COPY does not move: start it after the largest key.</summary>
    public async Task ResetSequencesAsync()
    {
        if (connection is not NpgsqlConnection)
        {
            return;
        }
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), COALESCE((SELECT MAX(\"Id\") FROM \"{table}\"), 0) + 1, false)";
            await command.ExecuteScalarAsync();
        }
    }

    [GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial Regex SizeSuffix();
}
