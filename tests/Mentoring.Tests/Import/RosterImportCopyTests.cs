using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.People;
using Mentoring.Infrastructure.Audit;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Mentoring.Tests.Import;

/// <summary>
/// PostgreSQL's import writes new people with COPY; SQLite's goes through EF Core and its
/// interceptors. The same files must leave the same people in both, and the same audit trail as
/// EF Core leaves on PostgreSQL (SQLite's stores lists as JSON text, so its trail shows them as
/// strings); a failure anywhere must leave nothing behind.
/// </summary>
public sealed class RosterImportCopyTests : IAsyncLifetime
{
    private readonly TestStore sqlite = TestStore.Create(DatabaseProvider.Sqlite);
    private readonly TestStore postgres = TestStore.Create(DatabaseProvider.Postgres);
    private readonly TestStore postgresEf = TestStore.Create(DatabaseProvider.Postgres);
    private readonly FakeClock clock = new(Instant.FromUtc(2027, 3, 4, 10, 30));

    public async Task InitializeAsync()
    {
        foreach (var store in new[] { sqlite, postgres, postgresEf })
        {
            await using var db = store.OpenContext();
            await DatabaseSetup.MigrateAsync(db);
            db.Offices.AddRange(
                new Office { Name = "London", TimeZone = "Europe/London" },
                new Office { Name = "New York", TimeZone = "America/New_York" });
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await sqlite.DisposeAsync();
        await postgres.DisposeAsync();
        await postgresEf.DisposeAsync();
    }

    /// <summary>A context as the app builds one (field rules, the leaver stamp, the audit trail) and its importer.</summary>
    private (MentoringDbContext Db, RosterImporter Importer) Open(TestStore store)
    {
        var audit = new AuditContext(new ServiceCollection().BuildServiceProvider(), clock);
        audit.ActAs(AuditActor.System("roster import"));
        DbContextOptionsBuilder options = store.Provider == DatabaseProvider.Postgres
            ? DatabaseSetup.ConfigurePostgres(new DbContextOptionsBuilder<PostgresMentoringDbContext>(), store.ConnectionString)
            : DatabaseSetup.ConfigureSqlite(new DbContextOptionsBuilder<SqliteMentoringDbContext>(), store.ConnectionString);
        options.AddInterceptors(new LeaverInterceptor(audit), new AuditInterceptor(audit));
        MentoringDbContext db = store.Provider == DatabaseProvider.Postgres
            ? new PostgresMentoringDbContext((DbContextOptions<PostgresMentoringDbContext>)options.Options)
            : new SqliteMentoringDbContext((DbContextOptions<SqliteMentoringDbContext>)options.Options);
        return (db, new RosterImporter(db, audit));
    }

    private async Task<ImportResult> Import(TestStore store, string csv)
    {
        var (db, importer) = Open(store);
        importer.UseCopy = store != postgresEf;
        await using (db)
        {
            return await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), dryRun: false);
        }
    }

    /// <summary>
    /// More rows than a batch, managers before and after their reports and across batches, offices,
    /// zones, leavers, blank names, lists, accents and quotes, and columns kept as attributes.
    /// </summary>
    private static string Roster(int rows, int version)
    {
        var csv = new StringBuilder("ExternalId,Name,Email,Department,JobTitle,Level,Office,TimeZone,ManagerId,HireDate,Interests,Skills,Values,Active,Cost Centre,Note\n");
        for (var i = 1; i <= rows; i++)
        {
            // Even rows report to a later odd row (a manager listed after them), odd ones to an earlier odd one.
            var manager = i == 1 ? "" : i % 2 == 0 && i + 3 <= rows ? $"P{i + 3}" : $"P{(i / 2) | 1}";
            if (version == 2 && i % 7 == 0)
            {
                manager = i % 14 == 0 ? "" : "P1";
            }
            var name = i % 50 == 0 ? "" : i % 11 == 0 ? $"\"Zoë O'Brien, {i}\"" : $"Person {i}";
            var level = (i + version) % 5 + 1;
            var office = (i % 3) switch { 0 => "London", 1 => "New York", _ => "" };
            var zone = i % 5 == 0 ? "Asia/Tokyo" : "";
            var active = i % 13 == 0 ? "no" : "yes";
            csv.Append(CultureInfo.InvariantCulture,
                $"P{i},{name},{(i % 9 == 0 ? "" : $"p{i}@example.com")},Dept {i % 6},Role {level},{level},{office},{zone},{manager},")
                .Append(CultureInfo.InvariantCulture,
                    $"{(i % 4 == 0 ? "" : new LocalDate(2015, 1, 1).PlusDays(i % 3000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))},chess;running,{(i % 2 == 0 ? "go" : "")},,{active},CC{i % 17},{(version == 2 && i % 10 == 0 ? "moved" : "")}\n");
        }
        return csv.ToString();
    }

    [Fact]
    public async Task Copy_leaves_the_same_people_as_sqlite_and_the_same_audit_trail_as_ef_core()
    {
        // 2,600 rows: over one batch, so managers and reports span two.
        var first = Roster(2600, 1);
        var onSqlite = await Import(sqlite, first);
        var onPostgres = await Import(postgres, first);
        Assert.Equal(onSqlite.Summary, (await Import(postgresEf, first)).Summary);
        Assert.True(onPostgres.Succeeded, string.Join("; ", onPostgres.Errors));
        Assert.Equal("2600 created, 0 updated, 0 unchanged", onPostgres.Summary);
        Assert.Equal(onSqlite.Summary, onPostgres.Summary);
        Assert.Equal(onSqlite.Gaps, onPostgres.Gaps);
        await AssertSame();

        // Changes to existing people, and new people (managers of existing ones among them).
        var second = Roster(3000, 2);
        onSqlite = await Import(sqlite, second);
        onPostgres = await Import(postgres, second);
        Assert.Equal(onSqlite.Summary, (await Import(postgresEf, second)).Summary);
        Assert.Equal(onSqlite.Summary, onPostgres.Summary);
        Assert.Equal(400, onPostgres.Created);
        Assert.True(onPostgres.Updated > 0);
        await AssertSame();

        Assert.Equal("0 created, 0 updated, 3000 unchanged", (await Import(postgres, second)).Summary);
        await AssertSame(compareAudit: false);
    }

    /// <summary>The last audit record compared, per store: each comparison reads the records of one import.</summary>
    private readonly Dictionary<TestStore, long> seen = [];

    private async Task AssertSame(bool compareAudit = true)
    {
        var (onSqlite, _) = await Snapshot(sqlite);
        var (expectedPeople, expectedAudit) = await Snapshot(postgresEf);
        var (people, audit) = await Snapshot(postgres);
        Assert.Equal(expectedPeople.Count, people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            Assert.Equal(onSqlite[i], people[i]);
            Assert.Equal(expectedPeople[i], people[i]);
        }
        if (compareAudit)
        {
            Assert.Equal(expectedAudit.Count, audit.Count);
            for (var i = 0; i < audit.Count; i++)
            {
                Assert.Equal(expectedAudit[i], audit[i]);
            }
        }
    }

    /// <summary>Each person and each audit record as one line, ids replaced by the people's HR ids.</summary>
    private async Task<(List<string> People, List<string> Audit)> Snapshot(TestStore store)
    {
        await using var db = store.OpenContext();
        var people = await db.People.AsNoTracking().Include(p => p.Office).ToListAsync();
        var externalIdOf = people.ToDictionary(p => p.Id, p => p.ExternalId);
        var managerOf = people.ToDictionary(p => p.Id, p => p.ManagerId);
        string Of(int? id) => id is { } known ? externalIdOf.GetValueOrDefault(known, $"#{known}") : "-";
        var lines = people
            .Select(p => string.Join(" | ",
                p.ExternalId, p.Name, p.Email, p.Department, p.JobTitle, p.Level, p.Office?.Name, p.TimeZone, Of(p.ManagerId),
                p.HireDate, string.Join(";", p.Interests), string.Join(";", p.Skills), string.Join(";", p.Values),
                string.Join(";", p.HopesToGet), string.Join(";", p.Languages), string.Join(";", p.Channels),
                string.Join(";", p.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")),
                p.Active, p.DeactivatedAt, p.ErasedAt, p.CalendarToken, p.WorkdayStart, p.SearchText))
            .Order(StringComparer.Ordinal)
            .ToList();

        var after = seen.GetValueOrDefault(store);
        var records = await db.AuditRecords.AsNoTracking().Where(a => a.EntityType == "person" && a.Id > after).ToListAsync();
        seen[store] = records.Count == 0 ? after : records.Max(a => a.Id);
        var audit = records
            .Select(a => string.Join(" | ",
                a.Action, a.EntityType, Of(int.Parse(a.EntityId, CultureInfo.InvariantCulture)), Of(a.SubjectPersonId),
                a.At, a.ActorKind, a.ActorId, a.ActorName, a.ActorAccountId, a.Ip, a.UserAgent,
                Normalize(a.Changes, a.SubjectPersonId!.Value, Of, managerOf)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return (lines, audit);
    }

    /// <summary>
    /// The changes with person ids (the record's own and its manager's) as HR ids: the two stores number
    /// people apart. EF Core's path records the temporary (negative) key of a person saved in the same
    /// SaveChanges, COPY the real one: a temporary id stands for the person themself, a temporary
    /// manager id for the manager the import gave them.
    /// </summary>
    private static string? Normalize(string? changes, int subject, Func<int?, string> of, Dictionary<int, int?> managerOf)
    {
        if (changes is null || JsonNode.Parse(changes) is not JsonObject fields)
        {
            return changes;
        }
        foreach (var name in new[] { "id", "managerId" })
        {
            if (fields[name] is JsonObject change)
            {
                foreach (var side in new[] { "old", "new" })
                {
                    if (change[side] is JsonValue value && value.TryGetValue<int>(out var id))
                    {
                        change[side] = id >= 0 ? of(id) : name == "id" ? of(subject) : of(managerOf[subject]);
                    }
                }
            }
        }
        return fields.ToJsonString();
    }

    [Fact]
    public async Task A_bad_line_writes_nothing()
    {
        var lines = Roster(5000, 1).Split('\n').ToList();
        lines[4900] = lines[4900].Replace(",Dept ", ",Dept\u0007", StringComparison.Ordinal);
        var result = await Import(postgres, string.Join('\n', lines));
        Assert.Equal("line 4901, column Department: the value contains a line break or another control character", Assert.Single(result.Errors).ToString());
        await AssertEmpty();
    }

    [Fact]
    public async Task A_failure_while_copying_rolls_back_every_batch()
    {
        // The store itself refuses the 4,500th person, after two batches were copied.
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE FUNCTION refuse_p4500() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW."ExternalId" = 'P4500' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_p4500 BEFORE INSERT ON "People" FOR EACH ROW EXECUTE FUNCTION refuse_p4500();
                """, connection);
            await command.ExecuteNonQueryAsync();
        }
        var failure = await Assert.ThrowsAsync<PostgresException>(() => Import(postgres, Roster(5000, 1)));
        Assert.Contains("refused", failure.Message, StringComparison.Ordinal);
        await AssertEmpty();
    }

    private async Task AssertEmpty()
    {
        await using var db = postgres.OpenContext();
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(0, await db.AuditRecords.CountAsync(a => a.EntityType == "person"));
    }
}
