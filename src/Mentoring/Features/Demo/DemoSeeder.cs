using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Demo;

/// <summary>Settings of the demo organisation (<c>Demo:*</c>).</summary>
public sealed class DemoOptions
{
    /// <summary>
    /// Seed the demo organisation into an empty store on first start. Unset, only the built-in default
    /// store (<c>Data Source=mentoring.db</c>) is seeded; <c>--Demo:Seed=true</c> or <c>false</c> decides for any store.
    /// </summary>
    public bool? Seed { get; set; }

    /// <summary>Whether this store gets (and shows) the demo organisation, once the default is resolved.</summary>
    public bool Enabled => Seed == true;

    public string AdminEmail { get; set; } = "admin@demo.local";

    public string Password { get; set; } = "mentoring-demo";

    public int People { get; set; } = 330;
}

/// <summary>
/// On first start, fills an empty store with a believable company so every page has something
/// real to show: three offices in three time zones, a few hundred people across departments and
/// levels with a reporting line, a program in progress, and an account for each role.
/// Deterministic: the same seed data every time.
/// </summary>
public sealed class DemoSeeder(
    MentoringDbContext db, UserManager<UserAccount> users, RoleManager<IdentityRole> roles, IClock clock,
    Microsoft.Extensions.Options.IOptions<DemoOptions> options, Infrastructure.Audit.AuditContext audit, ILogger<DemoSeeder> logger)
{
    private static readonly string[] FirstNames =
    [
        "Aisha", "Ben", "Chloe", "Dev", "Elena", "Farah", "George", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nadia",
        "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zane", "Anika", "Bruno",
        "Camila", "Daniel", "Emeka", "Freya", "Gabriel", "Hiro", "Isla", "Jonas", "Kavya", "Liam", "Maya", "Noah",
    ];

    private static readonly string[] LastNames =
    [
        "Patel", "Smith", "Okafor", "Garcia", "Chen", "Müller", "Rossi", "Kowalski", "Nguyen", "Johnson", "Iyer", "Silva",
        "Haddad", "Brown", "Kim", "Novak", "Mensah", "Dubois", "Reddy", "Walsh", "Larsen", "Costa", "Sato", "Ahmed",
    ];

    private static readonly (string Name, string[] Titles)[] Departments =
    [
        ("Engineering", ["Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "VP Engineering"]),
        ("Product", ["Associate Product Manager", "Product Manager", "Senior Product Manager", "Group Product Manager", "VP Product"]),
        ("Design", ["Junior Designer", "Product Designer", "Senior Designer", "Design Lead", "Head of Design"]),
        ("Sales", ["Sales Development Rep", "Account Executive", "Senior Account Executive", "Sales Manager", "VP Sales"]),
        ("Customer Success", ["Support Specialist", "Customer Success Manager", "Senior CSM", "CS Team Lead", "Head of Customer Success"]),
        ("Marketing", ["Marketing Coordinator", "Marketing Manager", "Senior Marketing Manager", "Marketing Lead", "CMO"]),
        ("Finance", ["Financial Analyst", "Accountant", "Senior Analyst", "Finance Manager", "CFO"]),
        ("People", ["People Coordinator", "HR Business Partner", "Senior HRBP", "People Lead", "Chief People Officer"]),
    ];

    private static readonly string[] Interests =
        ["running", "chess", "cooking", "photography", "climbing", "music", "gaming", "reading", "travel", "gardening", "film", "cycling"];

    private static readonly string[] Skills =
        ["public speaking", "negotiation", "system design", "data analysis", "writing", "leadership", "product strategy",
         "user research", "coaching", "financial modelling", "sql", "go-to-market"];

    private static readonly string[] Goals =
    [
        "Get better at public speaking and presenting my work to leadership.",
        "Learn system design so I can lead a project end to end.",
        "Improve my writing and data analysis for stronger proposals.",
        "Understand product strategy and how decisions are made here.",
        "Build leadership skills before my first team lead role.",
        "Settle in, meet people across offices, and learn negotiation with customers.",
        "Grow into coaching others; learn user research from the inside.",
    ];

    private static readonly string[] CompanyValues =
        ["curiosity", "craft", "candour", "customer focus", "inclusion", "ownership", "sustainability", "teamwork"];

    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled || await db.People.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }
        logger.LogInformation("Seeding the demo organisation");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var random = new Random(20261123);
        // The demo organisation's days are London's, its head office.
        var today = clock.TodayIn("Europe/London");
        var offices = new[]
        {
            new Office { Name = "London", TimeZone = "Europe/London", Rooms = [new Room { Name = "Thames", Capacity = 8 }, new Room { Name = "Kew", Capacity = 4 }] },
            new Office { Name = "New York", TimeZone = "America/New_York", Rooms = [new Room { Name = "Hudson", Capacity = 10 }, new Room { Name = "Brooklyn", Capacity = 6 }] },
            new Office { Name = "Bengaluru", TimeZone = "Asia/Kolkata", Rooms = [new Room { Name = "Cubbon", Capacity = 8 }, new Room { Name = "Lalbagh", Capacity = 5 }] },
        };
        db.Offices.AddRange(offices);

        var people = new List<Person>();
        for (var i = 0; i < settings.People; i++)
        {
            var (department, titles) = Departments[i % Departments.Length];
            // A pyramid: many juniors, few executives.
            var level = random.Next(100) switch { < 38 => 1, < 66 => 2, < 84 => 3, < 95 => 4, _ => 5 };
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var office = offices[random.Next(100) < 45 ? 0 : random.Next(100) < 55 ? 1 : 2];
            var tenureDays = level switch { 1 => random.Next(20, 700), 2 => random.Next(200, 1500), _ => random.Next(700, 4000) };
            var person = new Person
            {
                ExternalId = $"D{1000 + i}",
                Name = $"{first} {last}",
                Email = $"{first}.{last}.{1000 + i}@demo.local".ToLowerInvariant().Replace("ü", "u", StringComparison.Ordinal),
                Department = department,
                JobTitle = titles[level - 1],
                Level = level,
                Office = office,
                HireDate = today.PlusDays(-tenureDays),
                Interests = Pick(random, Interests, 2),
                Skills = Pick(random, Skills, level >= Person.SeniorMinLevel ? 3 : 1),
                Values = Pick(random, CompanyValues, 2),
            };
            person.RefreshSearchText();
            people.Add(person);
        }
        // Everyone below the top reports to someone one or two levels up in their department.
        foreach (var person in people)
        {
            var candidates = people.Where(p => p.Department == person.Department && p.Level > person.Level && p.Level <= person.Level + 2).ToList();
            if (candidates.Count > 0)
            {
                person.Manager = candidates[random.Next(candidates.Count)];
            }
        }
        db.People.AddRange(people);
        // The demo admin is on the roster too, as every account is: an HR business partner in London who runs the programs.
        var adminPerson = new Person
        {
            ExternalId = "D0999",
            Name = "Morgan Ellis",
            Email = settings.AdminEmail,
            Department = "People",
            JobTitle = "HR Business Partner",
            Level = 3,
            Office = offices[0],
            HireDate = today.PlusDays(-1200),
        };
        adminPerson.RefreshSearchText();
        db.People.Add(adminPerson);

        var pilot = new MentoringProgram
        {
            Name = "Hybrid Mentoring 2026",
            Purpose = "Every junior has a senior mentor they meet in person on purposeful office days, so that learning by osmosis "
                + "is replaced by deliberate mentoring. Tied to our values of curiosity and inclusion.",
            Kind = ProgramKind.Mentoring,
            Status = ProgramStatus.Active,
            StartDate = today.PlusDays(-45),
            EndDate = today.PlusDays(140),
        };
        var roulette = new MentoringProgram
        {
            Name = "Virtual Coffee Roulette",
            Purpose = "Meet someone new across offices and departments every two weeks.",
            Kind = ProgramKind.CoffeeRoulette,
            Status = ProgramStatus.Active,
            StartDate = today.PlusDays(-90),
        };
        var reverse = new MentoringProgram
        {
            Name = "Reverse Mentoring Pilot: Product",
            Purpose = "Junior product people mentor executives on how customers and new hires experience the company. A pilot in one department.",
            Kind = ProgramKind.ReverseMentoring,
            Status = ProgramStatus.Draft,
            StartDate = today.PlusDays(30),
        };
        db.Programs.AddRange(pilot, roulette, reverse);
        foreach (var mentor in people.Where(p => p.Level >= 4).Take(40))
        {
            pilot.Enrollments.Add(new Enrollment
            {
                Person = mentor, Role = EnrollmentRole.Mentor, Capacity = random.Next(2, 4),
                Mode = MeetingMode.Either, PreferredFormats = [ActivityFormats.Lunch, ActivityFormats.Coworking],
            });
        }
        var juniors = people.Where(p => p.IsJunior).Take(90).ToList();
        foreach (var mentee in juniors.Take(60))
        {
            pilot.Enrollments.Add(new Enrollment
            {
                Person = mentee, Role = EnrollmentRole.Mentee, Mode = random.Next(3) == 0 ? MeetingMode.Virtual : MeetingMode.Either,
                PreferredFormats = [ActivityFormats.Lunch, ActivityFormats.VirtualCheckin],
                Goals = Goals[random.Next(Goals.Length)],
            });
        }
        foreach (var participant in people.Where((_, i) => i % 3 == 0))
        {
            roulette.Enrollments.Add(new Enrollment { Person = participant, Role = EnrollmentRole.Participant, Capacity = 0, Mode = MeetingMode.Virtual });
        }
        await db.SaveChangesAsync(cancellationToken);

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
        await transaction.CommitAsync(cancellationToken);

        // The program is in progress: its first cohort was matched and published; a second cohort of
        // 30 juniors has just enrolled and waits for the admin to run matching.
        var run = new MatchRun { ProgramId = pilot.Id, StartedBy = settings.AdminEmail, StartedAt = clock.GetCurrentInstant() };
        db.MatchRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var matching = new MatchingService(db, clock, audit);
        await matching.ComputeAsync(run.Id, cancellationToken);
        await matching.PublishAsync(run.Id, cancellationToken);
        foreach (var mentee in juniors.Skip(60))
        {
            db.Enrollments.Add(new Enrollment
            {
                ProgramId = pilot.Id, PersonId = mentee.Id, Role = EnrollmentRole.Mentee, Mode = MeetingMode.Either,
                PreferredFormats = [ActivityFormats.Lunch, ActivityFormats.GroupLunch],
                Goals = Goals[random.Next(Goals.Length)],
                FlaggedForSupport = random.Next(4) == 0,
            });
        }
        await db.SaveChangesAsync(cancellationToken);

        await Mentorships.DemoPairs.SeedAsync(db, clock, pilot.Id, cancellationToken);
        var firstMentorship = await db.Mentorships.Where(m => m.ProgramId == pilot.Id).OrderBy(m => m.Id).FirstAsync(cancellationToken);
        var mentorPerson = people.Single(p => p.Id == firstMentorship.MentorId);
        var menteePerson = people.Single(p => p.Id == firstMentorship.MenteeId);
        var sponsorPerson = people.First(p => p.Level == 5);
        await CreateAccountAsync(settings.AdminEmail, adminPerson.Name, adminPerson, Roles.Admin);
        await CreateAccountAsync("mentor@demo.local", mentorPerson.Name, mentorPerson, Roles.Mentor);
        await CreateAccountAsync("mentee@demo.local", menteePerson.Name, menteePerson, Roles.Mentee);
        await CreateAccountAsync("sponsor@demo.local", sponsorPerson.Name, sponsorPerson, Roles.Sponsor);
        await Cohorts.CohortDemo.SeedAsync(db, clock, pilot.Id, mentorPerson, menteePerson, cancellationToken);
        await Groups.GroupDemo.SeedAsync(db, clock, pilot.Id, mentorPerson, menteePerson, cancellationToken);
        await new Dialogues.DialogueLibrary(db, clock).SeedDefaultsAsync(cancellationToken);
        await Training.TrainingDemo.SeedAsync(db, clock, [pilot.Id, reverse.Id], cancellationToken);
        // The demo sponsor champions the mentoring program and the reverse-mentoring pilot, which states how it will be judged.
        pilot.SponsorId = reverse.SponsorId = sponsorPerson.Id;
        pilot.Criteria.Add(new SuccessCriterion { Text = "80% of pairs have met", Kind = CriterionKind.CheckInRate, Target = 80 });
        pilot.Criteria.Add(new SuccessCriterion { Text = "Mean end-survey score at least 4", Kind = CriterionKind.MeanEndSurveyScore, Target = 4 });
        reverse.Criteria.Add(new SuccessCriterion { Text = "Every executive has a reverse mentor", Kind = CriterionKind.MatchedRate, Target = 100 });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task CreateAccountAsync(string email, string displayName, Person? person, string role)
    {
        var account = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, PersonId = person?.Id };
        Check(await users.CreateAsync(account, options.Value.Password));
        Check(await users.AddToRoleAsync(account, role));
    }

    private static List<string> Pick(Random random, string[] from, int count) =>
        from.OrderBy(_ => random.Next()).Take(count).ToList();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
