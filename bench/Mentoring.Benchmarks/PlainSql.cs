using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mentoring.Benchmarks;

/// <summary>
/// The floor under each page of bench/pages.sh: plain SQL reading the same data the page shows (the
/// same rows, counts and joins, no app, no HTML), run the way the load runs the page, 20 at a time,
/// each worker on its own connection. Prints one line per page: name, requests, p50, p95, p99 in ms.
/// </summary>
internal static class PlainSql
{
    private const int Workers = 20;
    private const int Requests = 1_000;

    public static async Task RunAsync(string provider, string connectionString, string personExternalId, string search)
    {
        DbConnection Connect() => provider == "postgres"
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString.Contains('=') ? connectionString : $"Data Source={connectionString};Mode=ReadOnly");
        int person, mentor, mentee;
        await using (var connection = Connect())
        {
            await connection.OpenAsync();
            person = await IdOfAsync(connection, personExternalId);
            mentor = await AccountPersonAsync(connection, "MENTOR@BENCH.EXAMPLE");
            mentee = await AccountPersonAsync(connection, "MENTEE@BENCH.EXAMPLE");
        }
        var term = "%" + search.ToLowerInvariant() + "%";
        var now = DateTime.UtcNow;
        var roster = """
            SELECT p."Id", p."ExternalId", p."Name", p."Email", p."Department", p."JobTitle", p."Level", p."OfficeId", o."Name", p."Active"
            FROM "People" p LEFT JOIN "Offices" o ON o."Id" = p."OfficeId"
            """;
        // What the people list reads beside its rows: the listed people's accounts, the people to invite (up to 10,000),
        // the departments (a skip scan of their index) and the offices.
        // (The accounts of 50 listed people, found as the page finds them: by their ids, not by searching again.)
        string[] Listed() =>
        [
            """SELECT "PersonId", "PasswordHash" IS NOT NULL OR "LastSignInAt" IS NOT NULL, "InvitationExpiresAt", "DisabledAt" FROM "AspNetUsers" WHERE "PersonId" IN (SELECT "Id" FROM "People" WHERE "Active" ORDER BY "Name", "Id" LIMIT 50)""",
            // On SQLite through the partial index by name, as the app does (without statistics the planner takes the table).
            $"""SELECT COUNT(*) FROM (SELECT 1 FROM "People" {(provider == "postgres" ? "" : "INDEXED BY \"IX_People_Invitable\" ")}WHERE "Active" AND "Email" IS NOT NULL AND "Email" <> '' LIMIT 10001) AS c""",
            """
            WITH RECURSIVE "d"("Value") AS (
                SELECT MIN("Department") FROM "People" WHERE "Department" IS NOT NULL
                UNION ALL
                SELECT (SELECT MIN("p"."Department") FROM "People" AS "p" WHERE "p"."Department" > "d"."Value") FROM "d" WHERE "d"."Value" IS NOT NULL)
            SELECT "Value" FROM "d" WHERE "Value" IS NOT NULL ORDER BY "Value"
            """,
            """SELECT "Id", "Name" FROM "Offices" ORDER BY "Name" """,
        ];
        var pages = new (string Page, string[] Sql)[]
        {
            // The people page reads its total up to 10,000 and the people to invite the same way (more than 10,000 is
            // what it shows past that), the accounts of the listed people, and the filters' departments and offices.
            ("people", [
                """SELECT COUNT(*) FROM (SELECT 1 FROM "People" WHERE "Active" LIMIT 10001) AS c""",
                roster + """ WHERE p."Active" ORDER BY p."Name", p."Id" LIMIT 50""",
                .. Listed(),
            ]),
            // A search reads its page and exact total in one query. On PostgreSQL the matches are gathered first
            // (MATERIALIZED): written with COUNT(*) OVER () and ORDER BY ... LIMIT, PostgreSQL 15 walks the name index
            // through all 100,000 people (over a second), which is no fair yardstick.
            ("search", [
                provider == "postgres"
                    ? """
                      WITH m AS MATERIALIZED (SELECT "Id", "Name" FROM "People" WHERE "Active" AND "SearchText" LIKE @term)
                      SELECT p."Id", p."ExternalId", p."Name", p."Email", p."Department", p."JobTitle", p."Level", p."OfficeId", o."Name", p."Active", (SELECT COUNT(*) FROM m)
                      FROM (SELECT "Id", "Name" FROM m ORDER BY "Name", "Id" LIMIT 50) page JOIN "People" p ON p."Id" = page."Id"
                      LEFT JOIN "Offices" o ON o."Id" = p."OfficeId" ORDER BY page."Name", page."Id"
                      """
                    : """
                      SELECT p."Id", p."ExternalId", p."Name", p."Email", p."Department", p."JobTitle", p."Level", p."OfficeId", o."Name", p."Active", COUNT(*) OVER ()
                      FROM "People" p LEFT JOIN "Offices" o ON o."Id" = p."OfficeId"
                      WHERE p."Active" AND p."SearchText" LIKE @term AND p."Id" IN (SELECT rowid FROM "PeopleSearch" WHERE "PeopleSearch" MATCH @phrase)
                      ORDER BY p."Name", p."Id" LIMIT 50
                      """,
                .. Listed(),
            ]),
            ("dashboard", [
                """SELECT "Level", COUNT(*) FROM "People" WHERE "Active" GROUP BY "Level" """,
                """SELECT "OfficeId", COUNT(*) FROM "People" WHERE "Active" GROUP BY "OfficeId" """,
                """
                SELECT e."Role", COUNT(DISTINCT e."PersonId") FROM "Enrollments" e JOIN "Programs" g ON g."Id" = e."ProgramId"
                WHERE e."Status" = 'Active' AND g."Status" = 'Active' GROUP BY e."Role"
                """,
                """
                SELECT g."Id", g."Name", e."Role", COUNT(*) FROM "Programs" g JOIN "Enrollments" e ON e."ProgramId" = g."Id"
                WHERE g."Status" = 'Active' AND e."Status" = 'Active' GROUP BY g."Id", g."Name", e."Role"
                """,
            ]),
            ("person", [
                """
                SELECT p.*, o."Name", m."Name" FROM "People" p LEFT JOIN "Offices" o ON o."Id" = p."OfficeId"
                LEFT JOIN "People" m ON m."Id" = p."ManagerId" WHERE p."Id" = @person
                """,
                """SELECT COUNT(*) FROM "People" WHERE "ManagerId" = @person""",
                """SELECT * FROM "People" WHERE "ManagerId" = @person ORDER BY "Active" DESC, "Name" LIMIT 50""",
                """SELECT e.*, g."Name" FROM "Enrollments" e JOIN "Programs" g ON g."Id" = e."ProgramId" WHERE e."PersonId" = @person""",
            ]),
            ("me", [
                """
                SELECT m."Id", m."Status", g."Name", a."Name", b."Name", a."Email", b."Email" FROM "Mentorships" m
                JOIN "Programs" g ON g."Id" = m."ProgramId" JOIN "People" a ON a."Id" = m."MentorId" JOIN "People" b ON b."Id" = m."MenteeId"
                WHERE m."MentorId" = @mentor OR m."MenteeId" = @mentor
                """,
                """SELECT e.*, g."Name" FROM "Enrollments" e JOIN "Programs" g ON g."Id" = e."ProgramId" WHERE e."PersonId" = @mentor""",
                """
                SELECT r."PeriodStart", p."PersonAId", p."PersonBId", p."MetA", p."MetB" FROM "RoulettePairings" p
                JOIN "RouletteRounds" r ON r."Id" = p."RoundId" WHERE p."PersonAId" = @mentor OR p."PersonBId" = @mentor OR p."PersonCId" = @mentor
                ORDER BY r."PeriodStart" DESC LIMIT 5
                """,
            ]),
            ("sessions", [
                """
                SELECT s.*, h."Name", a."Response", ap."Name" FROM "Sessions" s JOIN "People" h ON h."Id" = s."HostId"
                JOIN "SessionAttendees" a ON a."SessionId" = s."Id" JOIN "People" ap ON ap."Id" = a."PersonId"
                WHERE s."End" >= @now AND s."Status" <> 'Cancelled'
                  AND s."Id" IN (SELECT "Id" FROM "Sessions" WHERE "HostId" = @mentee UNION SELECT "SessionId" FROM "SessionAttendees" WHERE "PersonId" = @mentee)
                ORDER BY s."Start"
                """,
                """SELECT * FROM "PresenceDays" WHERE "PersonId" = @mentee""",
            ]),
        };
        foreach (var (page, sql) in pages)
        {
            var timings = new List<double>();
            var next = 0;
            async Task Work()
            {
                await using var connection = Connect();
                await connection.OpenAsync();
                var commands = sql.Select(text =>
                {
                    var command = connection.CreateCommand();
                    command.CommandText = text;
                    Add(command, "@term", term);
                    Add(command, "@phrase", "\"" + search.ToLowerInvariant().Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
                    Add(command, "@person", person);
                    Add(command, "@mentor", mentor);
                    Add(command, "@mentee", mentee);
                    Add(command, "@now", now);
                    return command;
                }).ToList();
                while (Interlocked.Increment(ref next) <= Requests)
                {
                    var watch = Stopwatch.StartNew();
                    foreach (var command in commands)
                    {
                        await using var reader = await command.ExecuteReaderAsync();
                        while (await reader.ReadAsync())
                        {
                            for (var i = 0; i < reader.FieldCount; i++)
                            {
                                _ = reader.GetValue(i);
                            }
                        }
                    }
                    lock (timings)
                    {
                        timings.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(Work)));
            timings.Sort();
            double At(double q) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(q * timings.Count) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page} {timings.Count} {At(0.5):0.0} {At(0.95):0.0} {At(0.99):0.0}"));
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        if (command.CommandText.Contains(name, StringComparison.Ordinal))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    private static async Task<int> AccountPersonAsync(DbConnection connection, string normalizedEmail)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "PersonId" FROM "AspNetUsers" WHERE "NormalizedEmail" = @email""";
        Add(command, "@email", normalizedEmail);
        return Convert.ToInt32(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no account {normalizedEmail}"), CultureInfo.InvariantCulture);
    }

    private static async Task<int> IdOfAsync(DbConnection connection, string externalId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id" FROM "People" WHERE "ExternalId" = @id""";
        Add(command, "@id", externalId);
        return Convert.ToInt32(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no person {externalId}"), CultureInfo.InvariantCulture);
    }
}
