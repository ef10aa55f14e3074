using System.Data.Common;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Mentoring.Features.Reports;

/// <summary>What a program's held sessions add up to, per person and per host, counted in the database.</summary>
internal sealed record ProgramActivity(
    Dictionary<int, (int Count, LocalDate First)> SessionsOf, List<(int HostId, string Name, int OfficeDays)> Hosts, RatingSummary Ratings);

/// <summary>
/// The report's heavy reads as plain SQL that both providers run (quoted names, parameters, no
/// provider functions but the JSON one): the roster's few columns and HR attributes, and the held
/// sessions aggregated per person, so 100,000 people and a year of sessions come back as compact rows.
/// The values are compared in the database as EF stores them (dates as dates or ISO text, instants as
/// UTC timestamps or ISO text, enums as their names).
/// </summary>
internal static class ReportSql
{
    /// <summary>
    /// The held sessions of ReportQueries.HeldSessionsAsync, as a CTE: not cancelled, on or before the
    /// day after the date; logged (by either side, or a check-in for it) by the end, or ended by then
    /// and not declined by every attendee. Parameters: @program, @until, @lastDate, @cancelled, @declined, @anotherTime.
    /// </summary>
    private static string Held(MentoringDbContext db) => db.Database.IsNpgsql() ? HeldFiltered : HeldGrouped;

    /// <summary>The sessions with a check-in, as one list (not a lookup per session).</summary>
    private const string Logged = """
        CASE WHEN (s."LoggedAt" IS NOT NULL AND s."LoggedAt" <= @until) OR s."Id" IN (
          SELECT c."SessionId" FROM "CheckIns" c JOIN "Mentorships" m ON m."Id" = c."MentorshipId"
          WHERE c."SessionId" IS NOT NULL AND m."ProgramId" = @program AND c."CreatedAt" <= @until) THEN 1 ELSE 0 END AS "Logged"
        """;

    /// <summary>
    /// PostgreSQL: the program's sessions filtered one by one, without their attendees. "Declined by
    /// every attendee" is one list of sessions: those with an attendee who declined or asked for
    /// another time and none who did not (a few per cent of them), so no session is grouped with its
    /// attendees (hashing the 140,000 of a year was most of the report's time).
    /// </summary>
    private const string HeldFiltered = $$"""
        held AS MATERIALIZED (
          SELECT x."Id", x."HostId", x."Date", x."Kind", x."MentorshipId", x."Logged" FROM (
            SELECT s."Id", s."HostId", s."Date", s."Kind", s."MentorshipId", s."End",
              {{Logged}}
            FROM "Sessions" s
            WHERE s."ProgramId" = @program AND s."Status" <> @cancelled AND s."Date" <= @lastDate) x
          WHERE x."Logged" = 1 OR (x."End" <= @until AND x."Id" NOT IN (
            SELECT a."SessionId" FROM "SessionAttendees" a
            WHERE (a."Response" = @declined OR a."Response" = @anotherTime) AND NOT EXISTS (
              SELECT 1 FROM "SessionAttendees" b WHERE b."SessionId" = a."SessionId" AND b."Response" <> @declined AND b."Response" <> @anotherTime))))
        """;

    /// <summary>
    /// SQLite: the attendees counted in one pass over the sessions joined to them, grouped by session
    /// ("Invited" = 0: none; "Coming" &gt; 0: one did not decline), instead of two lookups per session.
    /// The sessions are read in the table's own order ("+" keeps the planner off the (ProgramId, Date)
    /// index, whose date order costs a lookup per session and a sort for the grouping).
    /// </summary>
    private const string HeldGrouped = $$"""
        held AS MATERIALIZED (
          SELECT x."Id", x."HostId", x."Date", x."Kind", x."MentorshipId", x."Logged" FROM (
            SELECT s."Id", s."HostId", s."Date", s."Kind", s."MentorshipId", s."End",
              {{Logged}},
              COUNT(a."SessionId") AS "Invited",
              COUNT(CASE WHEN a."Response" <> @declined AND a."Response" <> @anotherTime THEN 1 END) AS "Coming"
            FROM "Sessions" s LEFT JOIN "SessionAttendees" a ON a."SessionId" = s."Id"
            WHERE +s."ProgramId" = @program AND s."Status" <> @cancelled AND s."Date" <= @lastDate
            GROUP BY s."Id") x
          WHERE x."Logged" = 1 OR (x."End" <= @until AND (x."Invited" = 0 OR x."Coming" > 0)))
        """;

    /// <summary>
    /// Every person a held session reached, once per session: its host and its attendees (all of them
    /// when it was logged, else those who did not decline). An attendee is there once per session (a
    /// unique index), so leaving out the host among them makes each row distinct without a UNION's sort.
    /// The held sessions lead the join (CROSS JOIN keeps SQLite to that order: a lookup of each one's
    /// attendees, not a scan of every attendee against an index built on the fly).
    /// </summary>
    private const string Reached = $"""
        reached AS (
          SELECT h."HostId" AS "Person", h."Id", h."Date" FROM held h
          UNION ALL
          SELECT a."PersonId", h."Id", h."Date" {AttendeesReached})
        """;

    /// <summary>The attendees a held session reached, other than its host (the FROM and WHERE of a query over <c>held h</c> and its attendees <c>a</c>).</summary>
    private const string AttendeesReached = """
        FROM held h CROSS JOIN "SessionAttendees" a
          WHERE a."SessionId" = h."Id" AND a."PersonId" <> h."HostId" AND (h."Logged" = 1 OR (a."Response" <> @declined AND a."Response" <> @anotherTime))
        """;

    /// <summary>
    /// One round trip: per host of a held session, their sessions held and the first one's date (tag 0),
    /// and per attendee reached the same (tag 3): a person's sessions reached are the two added up, as
    /// a host is never among the attendees counted (Reached), so the held sessions are not put together
    /// with the attendees' into one set to group; per host of a session held from <paramref name="first"/>
    /// (else the first session held) to <paramref name="last"/>, the distinct days of in-person sessions and the
    /// day of their first one (tag 1, from the same grouping of the held sessions by host); the ratings given
    /// to held sessions by the end (tag 2).
    /// </summary>
    public static async Task<ProgramActivity> ActivityAsync(
        MentoringDbContext db, int programId, Instant until, LocalDate? first, LocalDate last, CancellationToken cancellationToken,
        DbConnection? connection = null)
    {
        var (sql, parameters) = ActivityCommand(db, programId, until, first, last);
        var sessionsOf = new Dictionary<int, (int Count, LocalDate First)>();
        var hosts = new List<(int HostId, string Name, int OfficeDays, LocalDate First)>();
        var ratings = new RatingSummary(0, null);
        await ReadAsync(db, connection, sql, parameters, reader =>
        {
            switch (Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))
            {
                case 0 or 3:
                    var (person, count, firstHeld) = (Int(reader, 1), Int(reader, 2), LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(3)));
                    sessionsOf[person] = sessionsOf.TryGetValue(person, out var other)
                        ? (other.Count + count, LocalDate.Min(other.First, firstHeld)) : (count, firstHeld);
                    break;
                case 1:
                    hosts.Add((Int(reader, 1), reader.IsDBNull(4) ? "" : reader.GetString(4), Int(reader, 2), LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(3))));
                    break;
                default:
                    var rated = Int(reader, 1);
                    // The mean as Enumerable.Average computes it: the sum (exact for integers) over the count.
                    ratings = new RatingSummary(rated, rated == 0 ? null : (double)Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture) / rated);
                    break;
            }
        }, cancellationToken);
        return new ProgramActivity(sessionsOf, await InFirstSessionOrderAsync(db, connection, HeldParameters(programId, until), hosts, cancellationToken), ratings);
    }

    /// <summary>The one round trip of <see cref="ActivityAsync"/>: its SQL and parameters (the benchmark explains it on PostgreSQL).</summary>
    internal static (string Sql, List<(string Name, object Value)> Parameters) ActivityCommand(
        MentoringDbContext db, int programId, Instant until, LocalDate? first, LocalDate last)
    {
        var inPerson = ActivityFormats.All.Where(ActivityFormats.IsInPerson).ToList();
        var kinds = string.Join(", ", inPerson.Select((_, i) => $"@kind{i}"));
        var from = first is null ? "(SELECT MIN(f.\"Date\") FROM held f)" : "@first";
        var sql = $"""
            WITH {Held(db)},
            hosts AS (
              SELECT h."HostId", COUNT(*) AS "Held", MIN(h."Date") AS "FirstHeld",
                COUNT(DISTINCT CASE WHEN h."Kind" IN ({kinds}) AND h."Date" >= {from} AND h."Date" <= @last THEN h."Date" END) AS "Days",
                MIN(CASE WHEN h."Date" >= {from} AND h."Date" <= @last THEN h."Date" END) AS "First"
              FROM held h GROUP BY h."HostId"),
            attended AS (
              SELECT a."PersonId", COUNT(*) AS "Held", MIN(h."Date") AS "FirstHeld" {AttendeesReached}
              GROUP BY a."PersonId")
            SELECT 0 AS "Tag", o."HostId" AS "A", o."Held" AS "B", o."FirstHeld" AS "D", NULL AS "Name" FROM hosts o
            UNION ALL
            SELECT 3, t."PersonId", t."Held", t."FirstHeld", NULL FROM attended t
            UNION ALL
            SELECT 1, o."HostId", o."Days", o."First", p."Name" FROM hosts o LEFT JOIN "People" p ON p."Id" = o."HostId" WHERE o."First" IS NOT NULL
            UNION ALL
            SELECT 2, COUNT(*), SUM(sr."Rating"), NULL, NULL FROM held h CROSS JOIN "SessionRatings" sr WHERE sr."SessionId" = h."Id" AND sr."At" <= @until
            """;
        var parameters = HeldParameters(programId, until);
        parameters.Add(("last", last.ToDateOnly()));
        if (first is { } f)
        {
            parameters.Add(("first", f.ToDateOnly()));
        }
        parameters.AddRange(inPerson.Select((kind, i) => ($"kind{i}", (object)kind)));
        return (sql, parameters);
    }

    /// <summary>
    /// The hosts in the order of their first session held in the period (by date, then id), as the list
    /// was before the report sorts it by office days and name. Only hosts that sort as equal need it:
    /// their first day comes with them; the first session's id on that day is asked for only then.
    /// </summary>
    private static async Task<List<(int HostId, string Name, int OfficeDays)>> InFirstSessionOrderAsync(
        MentoringDbContext db, DbConnection? connection, List<(string Name, object Value)> parameters, List<(int HostId, string Name, int OfficeDays, LocalDate First)> hosts,
        CancellationToken cancellationToken)
    {
        var tied = hosts.GroupBy(h => (h.OfficeDays, h.Name), new TieComparer()).Where(g => g.Count() > 1).SelectMany(g => g).ToList();
        var firstId = new Dictionary<int, int>();
        if (tied.Count > 0)
        {
            var tiedParameters = parameters.Concat(tied.Select((h, i) => ($"host{i}", (object)h.HostId))).Concat(tied.Select((h, i) => ($"day{i}", (object)h.First.ToDateOnly()))).ToList();
            var pairs = string.Join(" OR ", tied.Select((_, i) => $"(h.\"HostId\" = @host{i} AND h.\"Date\" = @day{i})"));
            await ReadAsync(db, connection, $"""WITH {Held(db)} SELECT h."HostId", MIN(h."Id") FROM held h WHERE {pairs} GROUP BY h."HostId" """, tiedParameters,
                reader => firstId[reader.GetInt32(0)] = Int(reader, 1), cancellationToken);
        }
        return hosts.OrderBy(h => h.First).ThenBy(h => firstId.GetValueOrDefault(h.HostId)).Select(h => (h.HostId, h.Name, h.OfficeDays)).ToList();
    }

    /// <summary>Equal as the report's sort sees them: the same office days and names the culture's comparison calls equal.</summary>
    private sealed class TieComparer : IEqualityComparer<(int OfficeDays, string Name)>
    {
        public bool Equals((int OfficeDays, string Name) x, (int OfficeDays, string Name) y) =>
            x.OfficeDays == y.OfficeDays && StringComparer.CurrentCulture.Equals(x.Name, y.Name);

        public int GetHashCode((int OfficeDays, string Name) value) => HashCode.Combine(value.OfficeDays, StringComparer.CurrentCulture.GetHashCode(value.Name));
    }

    /// <summary>The held sessions themselves, with the people each reached (for the organisation report).</summary>
    public static async Task<List<HeldSession>> HeldSessionsAsync(MentoringDbContext db, int programId, Instant until, CancellationToken cancellationToken)
    {
        var parameters = HeldParameters(programId, until);
        var sessions = new List<(int Id, string Kind, int HostId, LocalDate Date, int? MentorshipId)>();
        await ReadAsync(db, $"""WITH {Held(db)} SELECT h."Id", h."Kind", h."HostId", h."Date", h."MentorshipId" FROM held h""", parameters, reader =>
            sessions.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(3)),
                reader.IsDBNull(4) ? null : reader.GetInt32(4))), cancellationToken);
        var people = new Dictionary<int, List<int>>();
        await ReadAsync(db, $"""WITH {Held(db)}, {Reached} SELECT r."Id", r."Person" FROM reached r""", parameters, reader =>
        {
            var id = reader.GetInt32(0);
            if (!people.TryGetValue(id, out var list))
            {
                people[id] = list = [];
            }
            list.Add(reader.GetInt32(1));
        }, cancellationToken);
        return sessions
            .Select(s => new HeldSession(s.Id, s.Kind, ActivityFormats.IsInPerson(s.Kind), s.HostId, s.Date, s.MentorshipId,
                people.TryGetValue(s.Id, out var list) ? list.Order().ToList() : [s.HostId]))
            .OrderBy(s => s.Date).ThenBy(s => s.Id)
            .ToList();
    }

    private static List<(string Name, object Value)> HeldParameters(int programId, Instant until) =>
    [
        ("program", programId),
        ("until", until.ToDateTimeUtc()),
        // Dates bound the scan by the (ProgramId, Date) index; the exact end is checked on the instants.
        ("lastDate", until.InUtc().Date.PlusDays(1).ToDateOnly()),
        ("cancelled", nameof(SessionStatus.Cancelled)),
        ("declined", nameof(AttendeeResponse.Declined)),
        ("anotherTime", nameof(AttendeeResponse.AnotherTime)),
    ];

    /// <summary>
    /// The roster as the report sees it: the few columns it needs and the two HR attributes it reads,
    /// taken out of the JSON in the database. A row whose attribute is not there under its exact name
    /// (it may be under another case) brings its whole JSON, read as before.
    /// </summary>
    public static async Task<List<(int Id, int Level, string? Department, int? OfficeId, bool Active, DateOnly? HireDate, string? Left, string? Years, string? Whole)>>
        PeopleAsync(MentoringDbContext db, string leftAttribute, string yearsAttribute, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        string Extract(string parameter, string name) =>
            postgres ? $"(\"Attributes\"::json ->> @{parameter})"
            // SQLite's JSON path quotes the key; a name that cannot be quoted there is read from the whole JSON.
            : name.Contains('"', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) ? "NULL"
            : $"json_extract(\"Attributes\", @{parameter})";
        var left = Extract("left", leftAttribute);
        var years = Extract("years", yearsAttribute);
        // Each attribute taken out once per row (PostgreSQL parses the JSON for every ->>); whether the
        // row has attributes at all comes with it, and the whole JSON of the rows that need it after.
        var sql = $"""
            SELECT "Id", "Level", "Department", "OfficeId", "Active", "HireDate", {left}, {years}, "Attributes" <> '{"{}"}'
            FROM "People"
            """;
        List<(string, object)> parameters = postgres
            ? [("left", leftAttribute), ("years", yearsAttribute)]
            : [("left", $"$.\"{leftAttribute}\""), ("years", $"$.\"{yearsAttribute}\"")];
        var rows = new List<(int, int, string?, int?, bool, DateOnly?, string?, string?, string?)>();
        var wanting = new List<int>();
        await ReadAsync(db, sql, parameters, reader =>
        {
            string? leftValue = reader.IsDBNull(6) ? null : reader.GetString(6), yearsValue = reader.IsDBNull(7) ? null : reader.GetString(7);
            if ((leftValue is null || yearsValue is null) && reader.GetBoolean(8))
            {
                wanting.Add(rows.Count);
            }
            rows.Add((
                reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5), leftValue, yearsValue, null));
        }, cancellationToken);
        if (wanting.Count > 0)
        {
            // A row without one of them under its exact name brings its whole JSON, read as before.
            var whole = new Dictionary<int, string>();
            await ReadAsync(db, $"""SELECT "Id", "Attributes" FROM "People" WHERE ({left} IS NULL OR {years} IS NULL) AND "Attributes" <> '{"{}"}'""",
                parameters, reader => whole[reader.GetInt32(0)] = reader.GetString(1), cancellationToken);
            foreach (var i in wanting)
            {
                var (id, level, department, office, active, hired, leftValue, yearsValue, _) = rows[i];
                rows[i] = (id, level, department, office, active, hired, leftValue, yearsValue, whole.GetValueOrDefault(id, "{}"));
            }
        }
        return rows;
    }

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A connection of its own to the same store, for a read the report runs beside the others (EF's
    /// connection serves one command at a time); null when the context is in a transaction (a second
    /// connection would not see its writes) or its store lives in the connection's memory.
    /// </summary>
    public static async Task<DbConnection?> OpenSideConnectionAsync(MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return null;
        }
        DbConnection? side = db.Database.GetDbConnection() switch
        {
            Npgsql.NpgsqlConnection npgsql => (DbConnection)((ICloneable)npgsql).Clone(),
            SqliteConnection sqlite when new SqliteConnectionStringBuilder(sqlite.ConnectionString) is var b
                && b.Mode != SqliteOpenMode.Memory && b.DataSource is { Length: > 0 } source && source != ":memory:" => new SqliteConnection(sqlite.ConnectionString),
            _ => null,
        };
        if (side is not null)
        {
            await side.OpenAsync(cancellationToken);
        }
        return side;
    }

    private static Task ReadAsync(MentoringDbContext db, string sql, IEnumerable<(string Name, object Value)> parameters, Action<DbDataReader> read, CancellationToken cancellationToken) =>
        ReadAsync(db, null, sql, parameters, read, cancellationToken);

    /// <summary>Runs a read on <paramref name="connection"/> (open, the caller's) when given, else on the context's own.</summary>
    private static async Task ReadAsync(
        MentoringDbContext db, DbConnection? connection, string sql, IEnumerable<(string Name, object Value)> parameters, Action<DbDataReader> read,
        CancellationToken cancellationToken)
    {
        if (connection is not null)
        {
            await ReadOnAsync(connection, null, sql, parameters, read, cancellationToken);
            return;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await ReadOnAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), sql, parameters, read, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ReadOnAsync(
        DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object Value)> parameters, Action<DbDataReader> read,
        CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection)
        {
            // Pages through the operating system's cache mapped into the process instead of a read()
            // call each: these reads visit most of the store's pages (a setting of this connection only).
            await using var mmap = connection.CreateCommand();
            mmap.CommandText = "PRAGMA mmap_size = 1073741824";
            mmap.Transaction = transaction;
            await mmap.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }
}
