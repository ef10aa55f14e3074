using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Dashboard;

/// <summary>Headline figures of the whole organisation.</summary>
public sealed record OrganisationFigures(
    int ActivePeople, int Offices, int ActivePrograms, int Mentors, int Mentees, int JuniorsNotReached);

/// <summary>An active program and how many take part.</summary>
public sealed record ProgramHeadcount(int Id, string Name, ProgramKind Kind, int Mentors, int Mentees, int Participants);

/// <summary>What the dashboard shows of the organisation, as counted at one moment.</summary>
public sealed record OrganisationCount(
    OrganisationFigures Figures, BarChart ByLevel, BarChart ByOffice, IReadOnlyList<ProgramHeadcount> ActivePrograms,
    IReadOnlyList<(int Id, string Name)> EnrollablePrograms)
{
    /// <summary>
    /// Counts the organisation: the active people per level and office in one pass, the people reached by an
    /// active program from the enrollments, and the active programs' headcounts.
    /// </summary>
    public static async Task<OrganisationCount> CountAsync(MentoringDbContext db, CancellationToken cancellationToken)
    {
        // One pass over the active people for both charts.
        var perLevelAndOffice = await db.People.AsNoTracking().Where(p => p.Active)
            .GroupBy(p => new { p.Level, p.OfficeId })
            .Select(g => new { g.Key.Level, g.Key.OfficeId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var perLevel = perLevelAndOffice.GroupBy(g => g.Level).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var perOffice = perLevelAndOffice.Where(g => g.OfficeId is not null).GroupBy(g => g.OfficeId!.Value).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var remote = perLevelAndOffice.Where(g => g.OfficeId is null).Sum(g => g.Count);
        // "Not reached" is everyone active but the people reached, the same people as the rule of enrolling
        // "in no active program" (RosterRules.InNoActiveProgram), so the link on the dashboard finds exactly these.
        var reached = await ReachedAsync(db, cancellationToken);
        var reachedPerLevel = reached.ToDictionary(r => r.Level, r => (int)r.Reached);
        var notReachedPerLevel = perLevel.ToDictionary(l => l.Key, l => l.Value - reachedPerLevel.GetValueOrDefault(l.Key));

        var offices = await db.Offices.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var programs = await db.Programs.AsNoTracking().Where(p => p.Status == ProgramStatus.Active).OrderBy(p => p.Name)
            .Select(p => new ProgramHeadcount(p.Id, p.Name, p.Kind,
                p.Enrollments.Count(e => e.Role == EnrollmentRole.Mentor),
                p.Enrollments.Count(e => e.Role == EnrollmentRole.Mentee),
                p.Enrollments.Count(e => e.Role == EnrollmentRole.Participant)))
            .ToListAsync(cancellationToken);
        var enrollable = await db.Programs.AsNoTracking()
            .Where(p => p.Status == ProgramStatus.Active || p.Status == ProgramStatus.Draft)
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);

        var figures = new OrganisationFigures(
            ActivePeople: perLevel.Values.Sum(),
            Offices: offices.Count,
            ActivePrograms: programs.Count,
            Mentors: (int)reached.Sum(r => r.Mentors),
            Mentees: (int)reached.Sum(r => r.Mentees),
            JuniorsNotReached: notReachedPerLevel.Where(l => l.Key <= Person.JuniorMaxLevel).Sum(l => l.Value));

        var byLevel = new BarChart("by-level", "Active people per level, and how many are in no active program", "People",
            "Not in an active program",
            Enumerable.Range(Person.MinLevel, Person.MaxLevel)
                .Select(level => new Bar($"Level {level}", perLevel.GetValueOrDefault(level), notReachedPerLevel.GetValueOrDefault(level)))
                .ToList());
        var officeBars = offices.Select(o => new Bar(o.Name, perOffice.GetValueOrDefault(o.Id))).ToList();
        if (remote > 0)
        {
            officeBars.Add(new Bar("No office", remote));
        }
        var byOffice = new BarChart("by-office", "Active people per office", "People", null, officeBars);

        return new OrganisationCount(figures, byLevel, byOffice, programs, enrollable.Select(p => (p.Id, p.Name)).ToList());
    }

    /// <summary>
    /// The active people in an active program (an active enrollment), per level, and how many of them mentor and are
    /// mentored there: one pass over the active enrollments' index, each person counted once.
    /// </summary>
    private static Task<List<ReachedRow>> ReachedAsync(MentoringDbContext db, CancellationToken cancellationToken)
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

/// <summary>The organisation's figures with the moment they were counted and how long they are kept.</summary>
public sealed record CountedFigures(OrganisationCount Count, Instant CountedAt, Duration KeptFor);

/// <summary><c>Dashboard:FiguresFreshSeconds</c>: how long the organisation figures are kept before they are counted again.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>0 counts on every request.</summary>
    public int FiguresFreshSeconds { get; set; } = 30;
}

/// <summary>
/// Keeps the organisation figures for a short while, because counting 100,000 people on every dashboard
/// costs more than the page can. Figures older than <see cref="DashboardOptions.FiguresFreshSeconds"/> are counted
/// again by one request while the others get the kept figures; after a change on this instance
/// (<see cref="OrganisationChanges"/>) they are counted again before they are shown, so a person sees their
/// own change at once. The first request waits for the first count.
/// </summary>
public sealed class OrganisationFiguresKeeper(
    IServiceScopeFactory scopes, OrganisationChanges changes, IClock clock, IOptions<DashboardOptions> options,
    ILogger<OrganisationFiguresKeeper> logger)
{
    private sealed record Kept(OrganisationCount Count, Instant CountedAt, long Version);

    private readonly Lock gate = new();
    private readonly Duration keptFor = Duration.FromSeconds(options.Value.FiguresFreshSeconds);
    private Kept? kept;
    private Task<Kept>? counting;
    private long countingVersion = -1;
    private long counts;

    public async Task<CountedFigures> GetAsync(CancellationToken cancellationToken)
    {
        var version = changes.Version;
        var current = Volatile.Read(ref kept);
        if (current is not null && current.Version == version && clock.GetCurrentInstant() - current.CountedAt < keptFor)
        {
            return Counted(current);
        }
        Task<Kept> task;
        var started = false;
        lock (gate)
        {
            // One count at a time, unless the one under way started before the latest change.
            if (counting is null || countingVersion < version)
            {
                countingVersion = version;
                counting = CountAsync(version);
                started = true;
            }
            task = counting;
        }
        if (!started && current is not null && current.Version == version)
        {
            // Only old, not changed: the others keep reading these while one request counts.
            return Counted(current);
        }
        return Counted(await task.WaitAsync(cancellationToken));
    }

    /// <summary>How many times the figures were counted since the app started.</summary>
    public long Counts => Interlocked.Read(ref counts);

    private CountedFigures Counted(Kept figures) => new(figures.Count, figures.CountedAt, keptFor);

    private async Task<Kept> CountAsync(long version)
    {
        // Off the caller's lock, and not cancelled with the request that started it: the others wait for it too.
        await Task.Yield();
        try
        {
            Interlocked.Increment(ref counts);
            var at = clock.GetCurrentInstant();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
            var figures = new Kept(await OrganisationCount.CountAsync(db, CancellationToken.None), at, version);
            lock (gate)
            {
                if (kept is null || kept.Version <= version)
                {
                    Volatile.Write(ref kept, figures);
                }
            }
            return figures;
        }
        catch (Exception error)
        {
            logger.LogError(error, "Counting the organisation figures failed");
            throw;
        }
        finally
        {
            lock (gate)
            {
                if (countingVersion == version)
                {
                    counting = null;
                }
            }
        }
    }
}

public static class DashboardFeature
{
    public static IServiceCollection AddDashboardFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section))
            .Validate(o => o.FiguresFreshSeconds is >= 0 and <= 3600, "Dashboard:FiguresFreshSeconds: a number of seconds from 0 to 3600.").ValidateOnStart();
        services.AddSingleton<OrganisationFiguresKeeper>();
        return services;
    }
}
