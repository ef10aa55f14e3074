using System.Globalization;
using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Mentoring.Features.People;

/// <summary>
/// The roster import's writer for new people on PostgreSQL: binary COPY of the people and of their
/// audit records, inside the import's transaction. It does for each added person what the
/// SaveChanges interceptors do (the field rules, the leaver stamp, a "created" audit record with
/// the same fields), with the columns and conversions read from the EF model, so a column added
/// to <see cref="Person"/> is copied too. Where it cannot (another interceptor, a shadow property,
/// a type it does not write), <see cref="For"/> says no and EF Core saves as on SQLite.
/// </summary>
internal sealed class PostgresRosterCopy
{
    private readonly MentoringDbContext db;
    private readonly NpgsqlConnection connection;
    private readonly AuditContext? trail;
    private readonly AuditContext? leavers;
    private readonly Column[] people;
    private readonly Column[] records;
    private readonly string peopleTable;
    private readonly string recordsTable;
    private readonly string peopleKey;
    private readonly string personEntity = AuditPolicy.NameOf(typeof(Person));

    private sealed record Column(IProperty Property, IClrPropertyGetter Getter, string Name, ValueConverter? Converter, bool Checked, string AuditField, bool AuditIgnored, bool AuditHidden);

    private PostgresRosterCopy(MentoringDbContext db, NpgsqlConnection connection, IEntityType person, IEntityType record, AuditContext? trail, AuditContext? leavers)
    {
        this.db = db;
        this.connection = connection;
        this.trail = trail;
        this.leavers = leavers;
        people = Columns(person, withKey: true);
        records = Columns(record, withKey: false);
        peopleTable = Table(person);
        recordsTable = Table(record);
        peopleKey = person.FindPrimaryKey()!.Properties.Single().GetColumnName();
    }

    public static PostgresRosterCopy? For(MentoringDbContext db, AuditContext? audit)
    {
        if (!db.Database.IsNpgsql() || db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return null;
        }
        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.ToList() ?? [];
        var audits = interceptors.OfType<AuditInterceptor>().Any();
        var stamps = interceptors.OfType<LeaverInterceptor>().Any();
        var unknown = interceptors.OfType<ISaveChangesInterceptor>()
            .Any(i => i is not (AuditInterceptor or LeaverInterceptor or FieldRulesInterceptor));
        var person = db.Model.FindEntityType(typeof(Person))!;
        var record = db.Model.FindEntityType(typeof(AuditRecord))!;
        if (unknown || (audits || stamps) && audit is null || !Writable(person) || !Writable(record)
            || person.FindPrimaryKey()?.Properties is not [{ ClrType: var key }] || key != typeof(int))
        {
            return null;
        }
        return new PostgresRosterCopy(db, connection, person, record, audits && !audit!.Suppressed ? audit : null, stamps ? audit : null);
    }

    /// <summary>Takes <paramref name="count"/> ids from the people's identity sequence, in order.</summary>
    public async Task<List<int>> ReserveIdsAsync(int count, CancellationToken cancellationToken)
    {
        var ids = new List<int>(count);
        if (count == 0)
        {
            return ids;
        }
        await using var command = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)", connection);
        command.Parameters.AddWithValue("table", peopleTable);
        command.Parameters.AddWithValue("column", peopleKey);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(checked((int)reader.GetInt64(0)));
        }
        ids.Sort();
        return ids;
    }

    /// <summary>Writes new people (their ids already set) and, when the context keeps a trail, their "created" records.</summary>
    public async Task WriteAsync(IReadOnlyList<Person> added, CancellationToken cancellationToken)
    {
        // COPY bypasses EF's commands: the dashboard's kept figures are told here, and count again after the commit.
        Dashboard.OrganisationChanges.Wrote(db, typeof(Person));
        foreach (var person in added)
        {
            // As LeaverInterceptor does for an added person.
            if (leavers is not null && !person.Active && person.DeactivatedAt is null)
            {
                person.DeactivatedAt = leavers.Now;
            }
            // As FieldRulesInterceptor does: the last line of defence, whatever the checks before.
            foreach (var column in people)
            {
                if (column.Checked && FieldRules.Check(column.Property, column.Getter.GetClrValueUsingContainingEntity(person) as string) is { } reason)
                {
                    throw new FieldRuleException(nameof(Person), FieldRules.JsonName(column.Property.Name), reason);
                }
            }
        }
        await CopyAsync(peopleTable, people, added, cancellationToken);
        if (trail is not null)
        {
            var created = added.Select(p => trail.NewRecord(personEntity, p.Id.ToString(CultureInfo.InvariantCulture), AuditActions.Created, p.Id, Changes(p))).ToList();
            await CopyAsync(recordsTable, records, created, cancellationToken);
        }
    }

    /// <summary>
    /// The fields of an added person as AuditInterceptor records them (every audited, non-null value,
    /// in the model's order, as stored), written straight to JSON: the same text its JsonObject gives.
    /// </summary>
    private string? Changes(Person person)
    {
        json.Clear();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            var any = false;
            foreach (var column in people)
            {
                if (column.AuditIgnored || column.Getter.GetClrValueUsingContainingEntity(person) is not { } value)
                {
                    continue;
                }
                any = true;
                writer.WriteStartObject(column.AuditField);
                if (column.AuditHidden)
                {
                    writer.WriteBoolean("hidden", true);
                }
                else
                {
                    writer.WritePropertyName("new");
                    var stored = AuditInterceptor.StoredForm(column.Property, value)!;
                    JsonSerializer.Serialize(writer, stored, stored.GetType());
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.Flush();
            if (!any)
            {
                return null;
            }
        }
        return System.Text.Encoding.UTF8.GetString(json.WrittenSpan);
    }

    private readonly System.Buffers.ArrayBufferWriter<byte> json = new(1024);

    private async Task CopyAsync<T>(string table, Column[] columns, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Getter.GetClrValueUsingContainingEntity(row);
                if (value is not null && column.Converter is not null)
                {
                    value = column.Converter.ConvertToProvider(value);
                }
                await Write(writer, value, cancellationToken);
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static Task Write(NpgsqlBinaryImporter writer, object? value, CancellationToken cancellationToken) => value switch
    {
        null => writer.WriteNullAsync(cancellationToken),
        string text => writer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
        int number => writer.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken),
        long number => writer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
        bool flag => writer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
        DateOnly date => writer.WriteAsync(date, NpgsqlDbType.Date, cancellationToken),
        DateTime time => writer.WriteAsync(time, NpgsqlDbType.TimestampTz, cancellationToken),
        List<string> list => writer.WriteAsync(list, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken),
        _ => throw new NotSupportedException($"COPY does not write {value.GetType().Name}"),
    };

    private static readonly HashSet<Type> WrittenTypes = [typeof(string), typeof(int), typeof(long), typeof(bool), typeof(DateOnly), typeof(DateTime), typeof(List<string>)];

    /// <summary>Whether every stored property is a CLR one of a type <see cref="Write"/> knows.</summary>
    private static bool Writable(IEntityType type) => type.GetProperties().All(p =>
        !p.IsShadowProperty()
        && WrittenTypes.Contains(Nullable.GetUnderlyingType(p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType)
            ?? p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType));

    private static Column[] Columns(IEntityType type, bool withKey) => type.GetProperties()
        .Where(p => withKey || !p.IsPrimaryKey())
        .Select(p => new Column(
            p,
            p.GetGetter(),
            p.GetColumnName(),
            p.GetTypeMapping().Converter,
            p.ClrType == typeof(string) && p.GetValueConverter() is null,
            JsonNamingPolicy.CamelCase.ConvertName(p.Name),
            AuditPolicy.IsIgnored(p.DeclaringType.ClrType, p.Name, p.PropertyInfo),
            AuditPolicy.IsHidden(p.DeclaringType.ClrType, p.Name, p.PropertyInfo)))
        .ToArray();

    private static string Table(IEntityType type) =>
        (type.GetSchema() is { } schema ? Quote(schema) + "." : "") + Quote(type.GetTableName()!);

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
