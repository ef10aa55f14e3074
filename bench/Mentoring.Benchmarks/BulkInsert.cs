using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Mentoring.Benchmarks;

/// <summary>
/// Writes many rows of one entity type straight to its table, every column as EF would write it
/// (the model's column names, value converters and type mappings), without change tracking:
/// one prepared INSERT reused inside the caller's transaction on SQLite, binary COPY on PostgreSQL.
/// Keys must be set by the caller.
/// </summary>
internal static class BulkInsert
{
    public static async Task WriteAsync<T>(DbContext db, IEnumerable<T> rows) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = entity.GetTableName()!;
        var properties = entity.GetProperties().ToList();
        if (properties.Any(p => p.IsShadowProperty()))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties");
        }
        var columns = properties.Select(p => p.GetColumnName()).ToList();
        var mappings = properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToList();
        var getters = properties.Select(p => p.GetGetter()).ToList();
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            // The column's type without its facets ("character varying(200)" is written as "character varying").
            var storeTypes = mappings.Select(m => m.StoreType.Split('(')[0]).ToList();
            await using var writer = await npgsql.BeginBinaryImportAsync(copy);
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                for (var i = 0; i < properties.Count; i++)
                {
                    var value = Provider(mappings[i], getters[i].GetClrValue(row));
                    if (value is null)
                    {
                        await writer.WriteNullAsync();
                    }
                    else
                    {
                        await writer.WriteAsync(value, storeTypes[i]);
                    }
                }
            }
            await writer.CompleteAsync();
            return;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = new DbParameter[properties.Count];
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Count; i++)
            {
                // The type mapping makes the parameter exactly as EF does (converter, DbType, text formats).
                var parameter = mappings[i].CreateParameter(command, $"@p{i}", getters[i].GetClrValue(row), properties[i].IsNullable);
                if (parameters[i] is null)
                {
                    parameters[i] = parameter;
                    command.Parameters.Add(parameter);
                }
                else
                {
                    parameters[i].Value = parameter.Value;
                }
            }
            await command.ExecuteNonQueryAsync();
        }
    }

    private static object? Provider(RelationalTypeMapping mapping, object? value) =>
        value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
}
