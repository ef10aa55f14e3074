using System.Diagnostics;
using System.Globalization;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Mentoring.Benchmarks;

/// <summary>
/// A large organisation for the page benchmarks (bench/generate.sh, bench/pages.sh): 100,000 people in
/// 10 offices across zones, 20,000 enrollments in three programs (two mentoring programs and a coffee
/// roulette), a year of roulette rounds, mentoring sessions and check-ins. Seeded, so every run makes
/// the same organisation (the dates follow today). The store is migrated by the app's own DbContext,
/// then filled by <see cref="BulkWriter"/>.
/// </summary>
internal static class OrganisationGenerator
{
    public const int People = 100_000;

    private static readonly (string Name, string Zone)[] OfficeList =
    [
        ("London", "Europe/London"), ("Paris", "Europe/Paris"), ("Berlin", "Europe/Berlin"), ("Madrid", "Europe/Madrid"),
        ("New York", "America/New_York"), ("Chicago", "America/Chicago"), ("San Francisco", "America/Los_Angeles"),
        ("São Paulo", "America/Sao_Paulo"), ("Bangalore", "Asia/Kolkata"), ("Singapore", "Asia/Singapore"),
    ];

    private static readonly string[] Departments =
        ["Research & Development", "Sales", "Human Resources", "Finance", "Legal", "Operations", "Marketing", "Support", "Engineering", "Design", "Data", "Security"];

    private static readonly string[] Titles = ["Analyst", "Engineer", "Specialist", "Consultant", "Manager", "Coordinator", "Designer", "Director", "Lead", "Associate"];

    private static readonly string[] FirstNames =
    [
        "Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Arjun", "Priya", "Chen", "Wei", "Sofia", "Lucas", "Emma", "Mateo",
        "Yuki", "Hana", "Omar", "Fatima", "Kwame", "Amara", "Lars", "Ingrid", "Pierre", "Camille", "Jonas", "Lena", "Diego", "Lucía",
        "Aiko", "Ravi", "Ananya", "Tomás", "Beatriz", "Ethan", "Grace", "Samuel", "Chloe", "Daniel", "Zoe", "Mohammed", "Aisha",
        "Jakob", "Marta", "Nikolai", "Olga", "Kofi", "Nia", "Hiroshi", "Mei",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Okafor", "Müller", "Dubois", "García", "Rossi", "Kowalski", "Nguyen", "Tanaka", "Kim", "Singh", "Patel", "Silva",
        "Santos", "Johansson", "Andersen", "Novak", "Horvat", "Yilmaz", "Haddad", "Mensah", "Abebe", "Cohen", "Levi", "Brown", "Wilson",
        "Taylor", "Martin", "Bernard", "Schmidt", "Fischer", "Weber", "Moreau", "Laurent", "Fernández", "López", "Romano", "Costa",
        "Pereira", "Ivanova", "Petrov", "Sato", "Suzuki", "Wang", "Li", "Zhang", "Chen", "Kumar", "Sharma", "O'Brien",
    ];

    /// <summary>The people the named accounts are linked to (bench/generate.sh creates the accounts).</summary>
    public sealed record Named(string Admin, string Mentor, string Mentee);

    public static MentoringDbContext Open(string provider, string connectionString)
    {
        if (provider == "postgres")
        {
            var options = new DbContextOptionsBuilder<PostgresMentoringDbContext>();
            DatabaseSetup.ConfigurePostgres(options, connectionString);
            return new PostgresMentoringDbContext(options.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteMentoringDbContext>();
        DatabaseSetup.ConfigureSqlite(sqlite, connectionString.Contains('=') ? connectionString : $"Data Source={connectionString}");
        return new SqliteMentoringDbContext(sqlite.Options);
    }

    public static async Task<Named> GenerateAsync(string provider, string connectionString)
    {
        var watch = Stopwatch.StartNew();
        void Step(string what) => Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s  {what}");
        var random = new Random(16);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        // A year of history, from the Monday 52 weeks ago, and five weeks of sessions still to come.
        var yearStart = today.PlusWeeks(-52).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var created = yearStart.PlusDays(-7).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

        await using var db = Open(provider, connectionString);
        await DatabaseSetup.MigrateAsync(db);
        if (await db.People.AnyAsync())
        {
            throw new InvalidOperationException("the store already has people: generate into an empty one");
        }
        Step("migrated");

        // The few rows with owned JSON settings go through EF; the many rows below are bulk-loaded.
        var offices = OfficeList.Select(o => new Office { Name = o.Name, TimeZone = o.Zone }).ToList();
        db.Offices.AddRange(offices);
        var hybrid = new MentoringProgram
        {
            Name = "Hybrid Mentoring", Purpose = "Juniors meet a senior mentor every four weeks, in the office or on video.",
            Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active, StartDate = yearStart,
        };
        var leadership = new MentoringProgram
        {
            Name = "Leadership Circle", Purpose = "New managers learn from experienced ones.",
            Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active, StartDate = yearStart,
        };
        var coffee = new MentoringProgram
        {
            Name = "Coffee Roulette", Purpose = "Meet someone new for a virtual coffee every two weeks.",
            Kind = ProgramKind.CoffeeRoulette, Status = ProgramStatus.Active, StartDate = yearStart,
        };
        db.Programs.AddRange(hybrid, leadership, coffee);
        await db.SaveChangesAsync();
        Step("offices and programs");

        var connection = db.Database.GetDbConnection();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var writer = new BulkWriter(db, connection, transaction.GetDbTransaction());

        // People: a reporting tree (eight reports each), levels weighted to the juniors, 3% inactive.
        var people = new List<Person>(People);
        for (var i = 1; i <= People; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var roll = random.Next(100);
            var level = i <= 10 ? 5 : roll < 30 ? 1 : roll < 55 ? 2 : roll < 80 ? 3 : roll < 95 ? 4 : 5;
            var office = random.Next(20) == 0 ? null : offices[random.Next(offices.Count)];
            var person = new Person
            {
                Id = i, ExternalId = $"E{i:D6}", Name = $"{first} {last}",
                Email = $"{Ascii(first)}.{Ascii(last)}.{i}@bench.example",
                Department = Departments[random.Next(Departments.Length)],
                JobTitle = (level >= 4 ? "Senior " : "") + Titles[random.Next(Titles.Length)],
                Level = level, OfficeId = office?.Id, ManagerId = i <= 10 ? null : (i - 11) / 8 + 1,
                HireDate = today.PlusDays(-random.Next(1, 365 * 20)),
                Interests = [Departments[random.Next(Departments.Length)].ToLowerInvariant()],
                Languages = ["English"],
                Active = random.Next(100) >= 3,
                Attributes = new() { ["Cost centre"] = $"CC{random.Next(100, 999)}" },
            };
            person.RefreshSearchText();
            people.Add(person);
        }
        await writer.WriteAsync(people);
        Step($"{people.Count:N0} people");

        // Enrollments: 12,000 in Hybrid Mentoring, 1,500 in the Leadership Circle, 6,500 in the roulette.
        var active = people.Where(p => p.Active).ToList();
        var juniors = active.Where(p => p.Level <= 2).OrderBy(_ => random.Next()).ToList();
        var seniors = active.Where(p => p.Level >= 3).OrderBy(_ => random.Next()).ToList();
        var enrollments = new List<Enrollment>();
        var enrollmentId = 0;
        Enrollment Enroll(MentoringProgram program, Person person, EnrollmentRole role, int capacity = 1)
        {
            var enrollment = new Enrollment
            {
                Id = ++enrollmentId, ProgramId = program.Id, PersonId = person.Id, Role = role, Capacity = capacity,
                Goals = role == EnrollmentRole.Mentee ? "Grow in my role and learn how the company works." : "",
                FlaggedForSupport = role == EnrollmentRole.Mentee && random.Next(25) == 0,
                Status = EnrollmentStatus.Active, AppliedAt = created,
            };
            enrollments.Add(enrollment);
            return enrollment;
        }
        var hybridMentees = juniors.Take(10_000).ToList();
        var hybridMentors = seniors.Take(2_000).ToList();
        foreach (var p in hybridMentees)
        {
            Enroll(hybrid, p, EnrollmentRole.Mentee);
        }
        // The first mentor is the named one; the capacities add up to enough for the pairs made below.
        var mentorCapacity = hybridMentors.Select((p, i) => i == 0 ? 3 : 1 + random.Next(5)).ToList();
        for (var i = 0; i < hybridMentors.Count; i++)
        {
            Enroll(hybrid, hybridMentors[i], EnrollmentRole.Mentor, mentorCapacity[i]);
        }
        var leadershipMentees = seniors.Skip(2_000).Where(p => p.Level == 3).Take(1_000).ToList();
        var leadershipMentors = seniors.Skip(2_000).Where(p => p.Level == 5).Take(500).ToList();
        leadershipMentees.ForEach(p => Enroll(leadership, p, EnrollmentRole.Mentee));
        leadershipMentors.ForEach(p => Enroll(leadership, p, EnrollmentRole.Mentor, 2));
        // The roulette takes the named mentor and mentee, and people from everywhere.
        var inRoulette = new HashSet<int> { hybridMentors[0].Id, hybridMentees[0].Id };
        foreach (var p in active.OrderBy(_ => random.Next()))
        {
            if (inRoulette.Count >= 6_500)
            {
                break;
            }
            inRoulette.Add(p.Id);
        }
        var participants = inRoulette.ToList();
        var byId = people.ToDictionary(p => p.Id);
        participants.ForEach(id => Enroll(coffee, byId[id], EnrollmentRole.Participant));
        await writer.WriteAsync(enrollments);
        Step($"{enrollments.Count:N0} enrollments");

        // Mentorships: 6,000 pairs in Hybrid Mentoring (the named mentor gets three), 500 in the Leadership Circle.
        var mentorships = new List<Mentorship>();
        var slots = hybridMentors.SelectMany((m, i) => Enumerable.Repeat(m, mentorCapacity[i])).ToList();
        var named = new Named(people[0].ExternalId, hybridMentors[0].ExternalId, hybridMentees[0].ExternalId);
        var menteeQueue = new Queue<Person>(hybridMentees);
        foreach (var mentor in slots.Take(6_000))
        {
            mentorships.Add(new Mentorship
            {
                Id = mentorships.Count + 1, ProgramId = hybrid.Id, MentorId = mentor.Id, MenteeId = menteeQueue.Dequeue().Id,
                Score = 0.5 + random.NextDouble() / 2, CreatedAt = created,
                Reasons = [new MatchReason("skills", "They share skills.", 0.6), new MatchReason("office", "They work in the same office.", 0.4)],
            });
        }
        for (var i = 0; i < 500; i++)
        {
            mentorships.Add(new Mentorship
            {
                Id = mentorships.Count + 1, ProgramId = leadership.Id, MentorId = leadershipMentors[i % leadershipMentors.Count].Id,
                MenteeId = leadershipMentees[i].Id, Score = 0.7, CreatedAt = created,
            });
        }
        await writer.WriteAsync(mentorships);
        Step($"{mentorships.Count:N0} mentorships");

        // A year of sessions: each pair every four weeks, a lunch in the office or a video check-in;
        // five weeks still to come. The mentee logs a check-in after most sessions that took place.
        var now = SystemClock.Instance.GetCurrentInstant();
        var sessions = new List<ScheduledSession>();
        var attendees = new List<SessionAttendee>();
        var checkIns = new List<CheckIn>();
        foreach (var m in mentorships)
        {
            var mentor = byId[m.MentorId];
            var zoneId = offices.FirstOrDefault(o => o.Id == mentor.OfficeId)?.TimeZone ?? "Europe/London";
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            for (var day = random.Next(28); day < 52 * 7 + 35; day += 28)
            {
                var date = yearStart.PlusDays(day);
                if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                {
                    date = date.With(DateAdjusters.Next(IsoDayOfWeek.Monday));
                }
                var start = date.At(new LocalTime(12, 0)).InZoneLeniently(zone).ToInstant();
                var past = start < now;
                var lunch = random.Next(2) == 0;
                var session = new ScheduledSession
                {
                    Id = sessions.Count + 1, ProgramId = m.ProgramId, Kind = lunch ? ActivityFormats.Lunch : ActivityFormats.VirtualCheckin,
                    Title = lunch ? "Mentoring lunch" : "Mentoring check-in", HostId = m.MentorId, Date = date, Slot = DaySlot.Lunch,
                    Start = start, End = start + Duration.FromHours(1), TimeZone = zoneId, Location = lunch ? "Canteen" : null,
                    Status = past && random.Next(10) == 0 ? SessionStatus.Cancelled : past || random.Next(2) == 0 ? SessionStatus.Accepted : SessionStatus.Proposed,
                    Uid = $"bench-{sessions.Count + 1}@mentoring.example", MentorshipId = m.Id, CreatedAt = created,
                };
                sessions.Add(session);
                attendees.Add(new SessionAttendee
                {
                    Id = attendees.Count + 1, SessionId = session.Id, PersonId = m.MenteeId,
                    Response = session.Status == SessionStatus.Proposed ? AttendeeResponse.Pending : AttendeeResponse.Accepted,
                    RespondedAt = session.Status == SessionStatus.Proposed ? null : created,
                });
                if (past && session.Status != SessionStatus.Cancelled && random.Next(5) != 0)
                {
                    checkIns.Add(new CheckIn
                    {
                        Id = checkIns.Count + 1, MentorshipId = m.Id, AuthorId = m.MenteeId, On = date, Met = true,
                        Rating = 3 + random.Next(3), SessionId = session.Id, CreatedAt = session.End,
                    });
                }
            }
        }
        await writer.WriteAsync(sessions);
        await writer.WriteAsync(attendees);
        await writer.WriteAsync(checkIns);
        Step($"{sessions.Count:N0} sessions, {attendees.Count:N0} attendees, {checkIns.Count:N0} check-ins");

        // A year of roulette rounds, every two weeks, everyone in pairs (a trio when the count is odd).
        var rounds = new List<RouletteRound>();
        var pairings = new List<RoulettePairing>();
        for (var period = yearStart; period < today; period = period.PlusWeeks(2))
        {
            var round = new RouletteRound
            {
                Id = rounds.Count + 1, ProgramId = coffee.Id, PeriodStart = period,
                DrawnAt = period.At(new LocalTime(9, 0)).InUtc().ToInstant(), Participants = participants.Count, Optimal = true,
            };
            rounds.Add(round);
            var shuffled = participants.OrderBy(_ => random.Next()).ToList();
            for (var i = 0; i + 1 < shuffled.Count; i += 2)
            {
                var trio = i + 3 == shuffled.Count;
                pairings.Add(new RoulettePairing
                {
                    Id = pairings.Count + 1, RoundId = round.Id, PersonAId = shuffled[i], PersonBId = shuffled[i + 1],
                    PersonCId = trio ? shuffled[i + 2] : null,
                    Starter = "What does a great week at work look like for you?",
                    VideoLink = $"https://meet.jit.si/mentoring-coffee-{round.Id}-{pairings.Count + 1}",
                    Introduction = "You have been paired for a virtual coffee in Coffee Roulette. Find 30 minutes this week.",
                    MetA = random.Next(3) switch { 0 => null, 1 => false, _ => true }, MetB = random.Next(2) == 0 ? null : true,
                });
                if (trio)
                {
                    break;
                }
            }
        }
        await writer.WriteAsync(rounds);
        await writer.WriteAsync(pairings);
        Step($"{rounds.Count} roulette rounds, {pairings.Count:N0} pairings");

        await writer.ResetSequencesAsync();
        if (provider == "postgres")
        {
            // This session's commits (the load's, and the VACUUM's below) wait for their WAL to be flushed even where the
            // server commits asynchronously (the bench's throwaway server): until then no row may be hinted as committed,
            // and the VACUUM would leave the pages out of the visibility map, so each index-only count would still read
            // every row it counts.
            await db.Database.ExecuteSqlRawAsync("SET synchronous_commit TO on");
        }
        await transaction.CommitAsync();
        Step("committed");
        if (provider == "postgres")
        {
            // What autovacuum does soon after a load this size, and what docs/deploy.md asks of an operator after a bulk
            // load: the planner's statistics, and the visibility map, without which an index-only scan (the people
            // list's and search's counts) still visits every row it counts.
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)");
            Step("vacuumed and analysed");
        }
        return named;
    }

    private static string Ascii(string name) =>
        new string(name.Normalize(System.Text.NormalizationForm.FormD).Where(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z').ToArray())
            .ToLower(CultureInfo.InvariantCulture);
}
