using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Benchmarks;

/// <summary>
/// The program report at scale: 100,000 people, 20,000 enrollments and a year of sessions in one
/// program, on SQLite, or on the empty PostgreSQL database MENTORING_BENCH_POSTGRES names (a
/// connection string, e.g. from bench/postgres.sh); the goal: under 1 second.
/// Run: dotnet run -c Release --project bench/Mentoring.Benchmarks -- --filter '*ProgramReport*'
/// (or `… -- report-store FILE` to generate the store once and `… -- report-time FILE` to time it).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ProgramReportBenchmarks
{
    private string folder = "";
    private string database = "";

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("mentoring-report-bench-").FullName;
        database = Environment.GetEnvironmentVariable("MENTORING_BENCH_POSTGRES") is { Length: > 0 } postgres ? postgres : Path.Combine(folder, "report.db");
        ReportStoreGenerator.GenerateAsync(database).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "program report, 100,000 people")]
    public Task<ProgramReport> Report() => ReportStoreGenerator.ReportAsync(database);

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>Fills an SQLite store with a large organisation and one program with a year of sessions (seeded, the same every time).</summary>
internal static class ReportStoreGenerator
{
    public const int People = 100_000;
    public const int Mentees = 14_000;
    public const int Mentors = 6_000;

    private static readonly string[] Departments = ["Research & Development", "Sales", "Human Resources", "Finance", "Legal", "Operations", "Marketing", "Support"];

    /// <summary>An SQLite file, or a PostgreSQL database when the argument is a connection string (it has an '=').</summary>
    public static MentoringDbContext Open(string store)
    {
        if (IsPostgres(store))
        {
            var postgres = new DbContextOptionsBuilder<PostgresMentoringDbContext>();
            DatabaseSetup.ConfigurePostgres(postgres, store);
            return new PostgresMentoringDbContext(postgres.Options);
        }
        var options = new DbContextOptionsBuilder<SqliteMentoringDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={store}");
        return new SqliteMentoringDbContext(options.Options);
    }

    public static bool IsPostgres(string store) => store.Contains('=', StringComparison.Ordinal);

    /// <summary>
    /// Fills an empty store. The few programs and offices go through EF; the 400,000 rows of people,
    /// enrollments, mentorships, sessions and attendees are written in one transaction with keys
    /// set here (prepared inserts on SQLite, binary COPY on PostgreSQL).
    /// </summary>
    public static async Task GenerateAsync(string store)
    {
        var random = new Random(42);
        await using var db = Open(store);
        await DatabaseSetup.MigrateAsync(db);
        var offices = Enumerable.Range(0, 6).Select(i => new Office { Name = $"Office {i}", TimeZone = "Europe/London" }).ToList();
        db.Offices.AddRange(offices);
        var program = new MentoringProgram { Name = "Hybrid Mentoring", Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active, StartDate = new LocalDate(2026, 1, 5) };
        db.Programs.Add(program);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var people = new List<Person>(People);
        for (var i = 0; i < People; i++)
        {
            var years = random.Next(0, 30);
            var person = new Person
            {
                Id = i + 1, ExternalId = $"E{i:D6}", Name = $"Person {i}", Department = Departments[random.Next(Departments.Length)],
                Level = 1 + random.Next(5), OfficeId = random.Next(8) == 0 ? null : offices[random.Next(offices.Count)].Id,
                Active = random.Next(20) != 0,
                Attributes = new() { ["Attrition"] = random.Next(6) == 0 ? "Yes" : "No", ["YearsAtCompany"] = years.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
            person.RefreshSearchText();
            people.Add(person);
        }
        var juniors = people.Where(p => p.Level <= 2).Select(p => p.Id).OrderBy(_ => random.Next()).Take(Mentees).ToList();
        var seniors = people.Where(p => p.Level >= 3).Select(p => p.Id).OrderBy(_ => random.Next()).Take(Mentors).ToList();
        var enrollments = juniors.Select(id => new Enrollment { ProgramId = program.Id, PersonId = id, Role = EnrollmentRole.Mentee })
            .Concat(seniors.Select(id => new Enrollment { ProgramId = program.Id, PersonId = id, Role = EnrollmentRole.Mentor, Capacity = 2 }))
            .Select((e, i) => { e.Id = i + 1; return e; }).ToList();
        var created = Instant.FromUtc(2026, 1, 5, 9, 0);
        var mentorships = juniors.Take(12_000)
            .Select((j, i) => new Mentorship { Id = i + 1, ProgramId = program.Id, MentorId = seniors[i % seniors.Count], MenteeId = j, CreatedAt = created }).ToList();
        // A year of sessions: each pair every four weeks, a lunch or a video check-in.
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        var sessions = new List<ScheduledSession>();
        var attendees = new List<SessionAttendee>();
        foreach (var m in mentorships)
        {
            var offset = random.Next(28);
            for (var day = offset; day < 365; day += 28)
            {
                var date = new LocalDate(2026, 1, 5).PlusDays(day);
                var start = date.At(new LocalTime(12, 0)).InZoneLeniently(zone).ToInstant();
                var session = new ScheduledSession
                {
                    Id = sessions.Count + 1, ProgramId = program.Id, Kind = random.Next(2) == 0 ? ActivityFormats.Lunch : ActivityFormats.VirtualCheckin, Title = "Session",
                    HostId = m.MentorId, Date = date, Start = start, End = start + Duration.FromHours(1), TimeZone = "Europe/London",
                    Status = random.Next(10) == 0 ? SessionStatus.Cancelled : SessionStatus.Accepted, Uid = Guid.NewGuid().ToString(),
                    MentorshipId = m.Id, CreatedAt = created,
                };
                sessions.Add(session);
                attendees.Add(new SessionAttendee
                {
                    Id = attendees.Count + 1, SessionId = session.Id, PersonId = m.MenteeId,
                    Response = random.Next(12) == 0 ? AttendeeResponse.Declined : AttendeeResponse.Accepted,
                });
            }
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.WriteAsync(db, people);
            await BulkInsert.WriteAsync(db, enrollments);
            await BulkInsert.WriteAsync(db, mentorships);
            await BulkInsert.WriteAsync(db, sessions);
            await BulkInsert.WriteAsync(db, attendees);
            await transaction.CommitAsync();
        }
        if (db.Database.IsNpgsql())
        {
            // Keys were written here: move the identity sequences past them, and give the planner its statistics.
            foreach (var table in new[] { "People", "Enrollments", "Mentorships", "Sessions", "SessionAttendees" })
            {
                var setval = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT max(\"Id\") FROM \"{table}\"))";
                await db.Database.ExecuteSqlRawAsync(setval);
            }
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
    }

    public static async Task<ProgramReport> ReportAsync(string path)
    {
        await using var db = Open(path);
        var service = new ReportService(db, SystemClock.Instance, Options.Create(new ReportOptions()));
        var report = await service.BuildAsync(1, new LocalDate(2026, 12, 31), CancellationToken.None);
        return report.Value ?? throw new InvalidOperationException("no program 1");
    }

    /// <summary>Times the report's parts once each (after a warm-up), one after the other, with this process's CPU time, to see where the time goes.</summary>
    public static async Task PhasesAsync(string path)
    {
        await ReportAsync(path);
        await using var db = Open(path);
        var service = new ReportService(db, SystemClock.Instance, Options.Create(new ReportOptions()));
        var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        var cpu = process.TotalProcessorTime;
        void Phase(string name)
        {
            process.Refresh();
            Console.WriteLine($"{name}: {watch.Elapsed.TotalSeconds:0.000} s (CPU {(process.TotalProcessorTime - cpu).TotalSeconds:0.000} s)");
            cpu = process.TotalProcessorTime;
            watch.Restart();
        }
        var rows = await ReportSql.PeopleAsync(db, "Attrition", "YearsAtCompany", CancellationToken.None);
        Phase($"people, the SQL read alone ({rows.Count})");
        var people = await service.PeopleAsync(CancellationToken.None);
        Phase($"people ({people.Count})");
        var activity = await ReportSql.ActivityAsync(db, 1, Instant.FromUtc(2027, 1, 1, 0, 0), new LocalDate(2026, 1, 5), new LocalDate(2026, 12, 31), CancellationToken.None);
        Phase($"held sessions per person ({activity.SessionsOf.Count}) and per host ({activity.Hosts.Count})");
        if (db.Database.IsNpgsql())
        {
            // The server's own time, which the load of other processes on this machine inflates less than the wall time.
            var (sql, parameters) = ReportSql.ActivityCommand(db, 1, Instant.FromUtc(2027, 1, 1, 0, 0), new LocalDate(2026, 1, 5), new LocalDate(2026, 12, 31));
            Console.WriteLine($"  on the server (EXPLAIN ANALYZE, best of 3): held sessions query {await ServerTimeAsync(db, sql, parameters):0} ms,"
                + $" the plain read's sessions with attendees {await ServerTimeAsync(db, PlainSessions, []):0} ms");
            Phase("  (explaining)");
        }
        var enrolled = (await db.Enrollments.Select(e => e.PersonId).ToListAsync()).ToHashSet();
        var pairs = ControlMatching.Pair(people.Where(p => enrolled.Contains(p.Id)).ToList(), people.Where(p => !enrolled.Contains(p.Id)).ToList());
        Phase($"control matching ({pairs.Count})");
        var (plainPeople, sessionRows) = await PlainReadAsync(db);
        Phase($"plain SQL read of the same rows ({plainPeople} people, {sessionRows} sessions with attendees)");
    }

    private const string PlainSessions = """SELECT s."Id", s."HostId", s."Date", s."Kind", s."End", s."Status", a."PersonId", a."Response" FROM "Sessions" s JOIN "SessionAttendees" a ON a."SessionId" = s."Id" WHERE s."ProgramId" = 1""";

    /// <summary>The server's execution time of a statement (PostgreSQL's EXPLAIN ANALYZE without per-node timing), best of three, in ms.</summary>
    private static async Task<double> ServerTimeAsync(MentoringDbContext db, string sql, List<(string Name, object Value)> parameters)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var best = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN (ANALYZE, TIMING OFF) " + sql;
                foreach (var (name, value) in parameters)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@" + name;
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (reader.GetString(0) is var line && line.StartsWith("Execution Time: ", StringComparison.Ordinal))
                    {
                        best = Math.Min(best, double.Parse(line["Execution Time: ".Length..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            }
            return best;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Where the report's time goes in this process: each read and the matching alone, best of three, with the CPU time (`report-probe STORE`).</summary>
    public static async Task ProbeAsync(string path)
    {
        await ReportAsync(path);
        await using var db = Open(path);
        var process = Process.GetCurrentProcess();
        async Task Time(string name, Func<Task> action)
        {
            var best = double.MaxValue;
            var bestCpu = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await action();
                process.Refresh();
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
                bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
            }
            Console.WriteLine($"{name}: best {best:0.000} s, CPU {bestCpu:0.000} s");
        }
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        async Task Read(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var n = 0;
            while (await reader.ReadAsync())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    if (!reader.IsDBNull(c))
                    {
                        n += reader.GetFieldType(c) == typeof(string) ? reader.GetString(c).Length : 1;
                    }
                }
            }
        }
        var postgres = db.Database.IsNpgsql();
        string X(string name) => postgres ? $"(\"Attributes\"::json ->> '{name}')" : $"json_extract(\"Attributes\", '$.\"{name}\"')";
        await Time("people columns, no JSON", () => Read("""SELECT "Id", "Level", "Department", "OfficeId", "Active", "HireDate" FROM "People" """));
        await Time("people columns + whole JSON", () => Read("""SELECT "Id", "Level", "Department", "OfficeId", "Active", "HireDate", "Attributes" FROM "People" """));
        await Time("people columns + 2 extracts", () => Read($"""SELECT "Id", "Level", "Department", "OfficeId", "Active", "HireDate", {X("Attrition")}, {X("YearsAtCompany")} FROM "People" """));
        await Time("people columns + 4 extracts (as now)", () => Read($"""SELECT "Id", "Level", "Department", "OfficeId", "Active", "HireDate", {X("Attrition")}, {X("YearsAtCompany")}, CASE WHEN ({X("Attrition")} IS NULL OR {X("YearsAtCompany")} IS NULL) AND "Attributes" <> '{"{}"}' THEN "Attributes" END FROM "People" """));
        await db.Database.CloseConnectionAsync();
        await Time("ReportSql.PeopleAsync", () => ReportSql.PeopleAsync(db, "Attrition", "YearsAtCompany", CancellationToken.None));
        var service = new ReportService(db, SystemClock.Instance, Options.Create(new ReportOptions()));
        await Time("ReportService.PeopleAsync", () => service.PeopleAsync(CancellationToken.None));
        await Time("ReportSql.ActivityAsync", () => ReportSql.ActivityAsync(db, 1, Instant.FromUtc(2027, 1, 1, 0, 0), new LocalDate(2026, 1, 5), new LocalDate(2026, 12, 31), CancellationToken.None));
        var people = await service.PeopleAsync(CancellationToken.None);
        var enrolled = (await db.Enrollments.Select(e => e.PersonId).ToListAsync()).ToHashSet();
        var participants = people.Where(p => enrolled.Contains(p.Id)).ToList();
        var others = people.Where(p => !enrolled.Contains(p.Id)).ToList();
        await Time("ControlMatching.Pair (parallel)", () => Task.FromResult(ControlMatching.Pair(participants, others)));
        await Time("ControlMatching.Pair (one thread)", () =>
        {
            var cells = participants.GroupBy(p => (p.Level, p.Department)).ToList();
            var byCell = others.GroupBy(p => (p.Level, p.Department)).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var cell in cells)
            {
                ControlMatching.Pair(cell.ToList(), byCell[cell.Key]);
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// The yardstick: plain SQL that reads the rows the report reads (every person with their whole
    /// attributes JSON, the program's sessions joined to their attendees, its enrollments and
    /// mentorships), into nothing. Timed in the same run as the report, so a noisy machine slows both.
    /// </summary>
    public static async Task<(int People, int Sessions)> PlainReadAsync(MentoringDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            async Task<int> Read(string sql)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync();
                var count = 0;
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync())
                {
                    reader.GetValues(values);
                    count++;
                }
                return count;
            }
            var people = await Read("""SELECT "Id", "Level", "Department", "OfficeId", "Active", "HireDate", "Attributes" FROM "People" """);
            var sessions = await Read(PlainSessions);
            await Read("""SELECT "PersonId", "Role", "Status" FROM "Enrollments" WHERE "ProgramId" = 1""");
            await Read("""SELECT "MentorId", "MenteeId", "Status", "CreatedAt" FROM "Mentorships" WHERE "ProgramId" = 1""");
            return (people, sessions);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Where the first report after start spends its CPU (`report-first STORE`): the app's first-use costs one by one
    /// (EF's model, the provider's first connection and command, EF's compilation of the report's first query, the matching
    /// engine's first solve on a tiny input), then the report twice, each with this process's CPU and the JIT's own time
    /// (System.Runtime.JitInfo: every method compiled, at any tier, on any thread, dynamic methods included).
    /// </summary>
    public static async Task FirstAsync(string path)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"{(IsPostgres(path) ? "PostgreSQL" : "SQLite")}; before Main's first line: CPU {process.TotalProcessorTime.TotalSeconds:0.000} s,"
            + $" JIT {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms ({System.Runtime.JitInfo.GetCompiledMethodCount()} methods)");
        async Task Part(string name, Func<Task> action)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var jit = System.Runtime.JitInfo.GetCompilationTime();
            var methods = System.Runtime.JitInfo.GetCompiledMethodCount();
            var watch = Stopwatch.StartNew();
            await action();
            var seconds = watch.Elapsed.TotalSeconds;
            process.Refresh();
            Console.WriteLine($"{name}: {seconds:0.000} s, CPU {(process.TotalProcessorTime - cpu).TotalSeconds:0.000} s,"
                + $" JIT {(System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds:0} ms ({System.Runtime.JitInfo.GetCompiledMethodCount() - methods} methods)");
        }
        await Part("EF model (first context)", () =>
        {
            using var db = Open(path);
            _ = db.Model;
            return Task.CompletedTask;
        });
        await Part("provider: first connection and command", async () =>
        {
            await using var db = Open(path);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync();
        });
        await Part("EF: the report's first query, compiled and run", async () =>
        {
            await using var db = Open(path);
            await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == 1);
        });
        await Part("matching engine: first solve (2 x 2)", () =>
        {
            Mentoring.Engine.Matching.MatchingEngine.Solve([1, 1], new int[2], [new(0, 0, 0.5), new(1, 1, 0.5), new(0, 1, 0.25)]);
            return Task.CompletedTask;
        });
        await Part("first report", () => ReportAsync(path));
        await Part("second report", () => ReportAsync(path));
        await Part("third report", () => ReportAsync(path));
        var maps = File.ReadAllText("/proc/self/maps");
        Console.WriteLine($"OR-Tools' native library loaded: {(maps.Contains("ortools", StringComparison.OrdinalIgnoreCase) ? "yes" : "no")}");
    }

    /// <summary>
    /// Times the first report after the process started on its own (what a checker that has just started the app
    /// sees: the code is compiled then), then <paramref name="warmups"/> - 1 untimed ones, then a few runs, each beside
    /// the plain SQL read of the same rows; prints each run with this process's CPU time, the median and the load average.
    /// </summary>
    /// <param name="served">First the warm-up `mentoring serve` runs when it has started (ReportWarmUp), untimed.</param>
    public static async Task TimeAsync(string path, int runs, int warmups = 1, bool served = false)
    {
        Console.WriteLine($"{(IsPostgres(path) ? "PostgreSQL" : "SQLite")}; {warmups} warm-up report(s); load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var process = Process.GetCurrentProcess();
        if (served)
        {
            await using var db = Open(path);
            process.Refresh();
            var before = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await new ReportService(db, SystemClock.Instance, Options.Create(new ReportOptions())).WarmUpAsync(CancellationToken.None);
            process.Refresh();
            Console.WriteLine($"the served app's warm-up (in the background after start): {watch.Elapsed.TotalSeconds:0.000} s (CPU {(process.TotalProcessorTime - before).TotalSeconds:0.000} s)");
        }
        async Task<(double Seconds, double Cpu, ProgramReport Report)> Timed()
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var report = await ReportAsync(path);
            var seconds = watch.Elapsed.TotalSeconds;
            process.Refresh();
            return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds, report);
        }
        if (warmups > 0)
        {
            var (firstSeconds, firstCpu, _) = await Timed();
            Console.WriteLine($"first report after {(served ? "the served app's warm-up" : "start")}: {firstSeconds:0.000} s (this process's CPU {firstCpu:0.000} s)");
        }
        for (var i = 1; i < warmups; i++)
        {
            await ReportAsync(path);
        }
        if (runs == 0)
        {
            return;
        }
        await using (var warm = Open(path))
        {
            await PlainReadAsync(warm);
        }
        var reports = new List<double>();
        var plains = new List<double>();
        var cpus = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await using (var db = Open(path))
            {
                await PlainReadAsync(db);
            }
            var plain = watch.Elapsed.TotalSeconds;
            var (seconds, cpu, report) = await Timed();
            reports.Add(seconds);
            plains.Add(plain);
            cpus.Add(cpu);
            Console.WriteLine($"run {i + 1}: report {seconds:0.000} s (this process's CPU {cpu:0.000} s), plain read {plain:0.000} s, ratio {seconds / plain:0.00}"
                + $" (juniors {report.Coverage.Juniors}, reached {report.Coverage.Reached}, pairs {report.Retention.Adjusted.Pairs})");
        }
        var ratios = reports.Zip(plains, (r, p) => r / p).Order().ToList();
        reports.Sort();
        plains.Sort();
        cpus.Sort();
        Console.WriteLine($"median of {runs} runs: report {reports[runs / 2]:0.000} s (this process's CPU {cpus[runs / 2]:0.000} s), plain read {plains[runs / 2]:0.000} s,"
            + $" ratio {ratios[runs / 2]:0.00}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}
