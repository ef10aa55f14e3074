using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Enrollments;
using Mentoring.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features;

/// <summary>Headline figures of the whole organisation.</summary>
public sealed record OrganisationFigures(
    int ActivePeople, int Offices, int ActivePrograms, int Mentors, int Mentees, int JuniorsNotReached);

/// <summary>An active program and how many take part.</summary>
public sealed record ProgramHeadcount(int Id, string Name, ProgramKind Kind, int Mentors, int Mentees, int Participants);

/// <summary>
/// The dashboard. Admins and sponsors see the organisation: who is reached, and above all the
/// juniors (levels 1–2) not yet in any active program, the people who need mentoring most.
/// Everyone linked to a person sees their own enrollments.
/// </summary>
public sealed class IndexModel(MentoringDbContext db, UserManager<UserAccount> users, Applications.ApplicationsService applications) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public OrganisationFigures? Figures { get; private set; }

    public BarChart? ByLevel { get; private set; }

    public BarChart? ByOffice { get; private set; }

    public IReadOnlyList<ProgramHeadcount> ActivePrograms { get; private set; } = [];

    /// <summary>For admins: the programs (draft or active) the juniors not reached can be enrolled in.</summary>
    public IReadOnlyList<(int Id, string Name)> EnrollablePrograms { get; private set; } = [];

    public bool LinkedToPerson { get; private set; }

    public IReadOnlyList<Enrollment> MyEnrollments { get; private set; } = [];

    /// <summary>Programs taking applications, with where the person's application stands.</summary>
    public IReadOnlyList<Applications.OpenProgramDto> OpenPrograms { get; private set; } = [];

    /// <summary>The person's applications to programs no longer taking them, still waiting or decided.</summary>
    public IReadOnlyList<Applications.ApplicationDto> OtherApplications { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var account = await users.GetUserAsync(User);
        DisplayName = account is { DisplayName.Length: > 0 } ? account.DisplayName : User.Identity?.Name ?? "";
        if (account?.PersonId is { } personId)
        {
            LinkedToPerson = true;
            MyEnrollments = await db.Enrollments.AsNoTracking().Include(e => e.Program)
                .Where(e => e.PersonId == personId)
                .OrderBy(e => e.Program!.Name)
                .ToListAsync(cancellationToken);
            OpenPrograms = await applications.OpenAsync(personId, cancellationToken);
            OtherApplications = (await applications.MineAsync(personId, cancellationToken))
                .Where(a => a.Status != Applications.ApplicationStatus.Withdrawn && OpenPrograms.All(o => o.ProgramId != a.ProgramId)).ToList();
        }
        if (User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Sponsor))
        {
            await LoadOrganisationAsync(cancellationToken);
        }
    }

    private async Task LoadOrganisationAsync(CancellationToken cancellationToken)
    {
        var active = db.People.AsNoTracking().Where(p => p.Active);
        // One pass per chart over the people (an index covers level and office), and the people reached
        // counted from the enrollments: "not reached" is everyone active but them, the same people as the
        // rule of enrolling "in no active program" (RosterRules.InNoActiveProgram), so the link below finds
        // exactly these, without asking the enrollments once for each of 100,000 people.
        var perLevel = await active.GroupBy(p => p.Level).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var reached = await ReachedAsync(cancellationToken);
        var reachedPerLevel = reached.ToDictionary(r => r.Level, r => (int)r.Reached);
        var notReachedPerLevel = perLevel.ToDictionary(l => l.Key, l => l.Value - reachedPerLevel.GetValueOrDefault(l.Key));
        var roles = new Dictionary<EnrollmentRole, int>
        {
            [EnrollmentRole.Mentor] = (int)reached.Sum(r => r.Mentors),
            [EnrollmentRole.Mentee] = (int)reached.Sum(r => r.Mentees),
        };

        Figures = new OrganisationFigures(
            ActivePeople: perLevel.Values.Sum(),
            Offices: await db.Offices.CountAsync(cancellationToken),
            ActivePrograms: await db.Programs.CountAsync(p => p.Status == ProgramStatus.Active, cancellationToken),
            Mentors: roles.GetValueOrDefault(EnrollmentRole.Mentor),
            Mentees: roles.GetValueOrDefault(EnrollmentRole.Mentee),
            JuniorsNotReached: notReachedPerLevel.Where(l => l.Key <= Person.JuniorMaxLevel).Sum(l => l.Value));

        ByLevel = new BarChart("by-level", "Active people per level, and how many are in no active program", "People",
            "Not in an active program",
            Enumerable.Range(Person.MinLevel, Person.MaxLevel)
                .Select(level => new Bar($"Level {level}", perLevel.GetValueOrDefault(level), notReachedPerLevel.GetValueOrDefault(level)))
                .ToList());

        var perOffice = await active.GroupBy(p => p.OfficeId).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var offices = await db.Offices.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var officeBars = offices.Select(o => new Bar(o.Name, perOffice.FirstOrDefault(c => c.Key == o.Id)?.Count ?? 0)).ToList();
        if (perOffice.FirstOrDefault(c => c.Key == null) is { Count: > 0 } remote)
        {
            officeBars.Add(new Bar("No office", remote.Count));
        }
        ByOffice = new BarChart("by-office", "Active people per office", "People", null, officeBars);

        var programs = await db.Programs.AsNoTracking().Where(p => p.Status == ProgramStatus.Active).OrderBy(p => p.Name)
            .Select(p => new ProgramHeadcount(p.Id, p.Name, p.Kind,
                p.Enrollments.Count(e => e.Role == EnrollmentRole.Mentor),
                p.Enrollments.Count(e => e.Role == EnrollmentRole.Mentee),
                p.Enrollments.Count(e => e.Role == EnrollmentRole.Participant)))
            .ToListAsync(cancellationToken);
        ActivePrograms = programs;
        if (User.IsInRole(Roles.Admin))
        {
            var enrollable = await db.Programs.AsNoTracking()
                .Where(p => p.Status == ProgramStatus.Active || p.Status == ProgramStatus.Draft)
                .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
            EnrollablePrograms = enrollable.Select(p => (p.Id, p.Name)).ToList();
        }
    }

    /// <summary>
    /// The active people in an active program (an active enrollment), per level, and how many of them mentor and are
    /// mentored there: one pass over the active enrollments' index, each person counted once.
    /// </summary>
    private Task<List<ReachedRow>> ReachedAsync(CancellationToken cancellationToken)
    {
        // On SQLite the people's (Id, Active, Level) index answers the look-up without reading 100,000 wide rows.
        var people = db.Database.IsSqlite() ? "\"People\" AS \"p\" INDEXED BY \"IX_People_Id_Active_Level\"" : "\"People\" AS \"p\"";
        var sql = $"""
            SELECT "p"."Level" AS "Level", COUNT(*) AS "Reached", SUM("m"."Mentor") AS "Mentors", SUM("m"."Mentee") AS "Mentees"
            FROM (
                SELECT "e"."PersonId",
                    MAX(CASE WHEN "e"."Role" = '{nameof(EnrollmentRole.Mentor)}' THEN 1 ELSE 0 END) AS "Mentor",
                    MAX(CASE WHEN "e"."Role" = '{nameof(EnrollmentRole.Mentee)}' THEN 1 ELSE 0 END) AS "Mentee"
                FROM "Enrollments" AS "e" INNER JOIN "Programs" AS "g" ON "g"."Id" = "e"."ProgramId"
                WHERE "e"."Status" = '{nameof(EnrollmentStatus.Active)}' AND "g"."Status" = '{nameof(ProgramStatus.Active)}'
                GROUP BY "e"."PersonId") AS "m"
            INNER JOIN {people} ON "p"."Id" = "m"."PersonId"
            WHERE "p"."Active"
            GROUP BY "p"."Level"
            """;
        return db.Database.SqlQueryRaw<ReachedRow>(sql).ToListAsync(cancellationToken);
    }

    private sealed class ReachedRow
    {
        public int Level { get; init; }

        public long Reached { get; init; }

        public long Mentors { get; init; }

        public long Mentees { get; init; }
    }
}
