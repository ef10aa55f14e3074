using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Matching;

/// <summary>A mentor who can take mentees in this program, and how many more.</summary>
public sealed record MentorSeat(MatchProfile Profile, int Capacity, int FreeCapacity);

/// <summary>A mentee waiting for a mentor, with their priority and why.</summary>
public sealed record MenteeNeed(MatchProfile Profile, int Priority, IReadOnlyList<string> PriorityReasons);

/// <summary>
/// Everything matching needs about one program, loaded once: mentors with their free capacity,
/// mentees still without a mentor, profiles, the reporting lines and earlier pairings.
/// </summary>
public sealed class MatchingInput
{
    private MatchingInput(MentoringProgram program, List<MentorSeat> mentors, List<MenteeNeed> mentees, MatchEligibility eligibility, LocalDate today,
        IReadOnlyDictionary<int, int?> managerOf, IReadOnlySet<(int Mentor, int Mentee)> earlierPairs)
    {
        this.managerOf = managerOf;
        this.earlierPairs = earlierPairs;
        Program = program;
        Today = today;
        Mentors = mentors;
        Mentees = mentees;
        Eligibility = eligibility;
    }

    private readonly IReadOnlyDictionary<int, int?> managerOf;
    private readonly IReadOnlySet<(int Mentor, int Mentee)> earlierPairs;

    public MentoringProgram Program { get; }

    public IReadOnlyList<MentorSeat> Mentors { get; }

    public IReadOnlyList<MenteeNeed> Mentees { get; }

    public MatchEligibility Eligibility { get; }

    /// <summary>Mentees kept out of matching (a required course not completed), with why: the proposal lists them unmatched.</summary>
    public IReadOnlyList<(int PersonId, string Reason)> HeldBackMentees { get; private init; } = [];

    public MatchingSettings Settings => Program.Matching;

    /// <summary>The date scores are computed for (working hours shift with summer time).</summary>
    public LocalDate Today { get; }

    public PairScore Score(MatchProfile mentor, MatchProfile mentee) => PairScoring.Score(mentor, mentee, Settings, Program.IsReverse, Today);

    /// <summary>The same rules and scores, made fast for every pair of a large program.</summary>
    public PairScorer Scorer() => new(Settings, Program.IsReverse, Today, managerOf, earlierPairs);

    /// <summary>
    /// Loads the program's mentors and its waiting mentees; with <paramref name="onlyMentees"/>, only those
    /// mentees, and only the reporting lines and earlier pairings that can concern them (a review page
    /// of a large proposal needs the mentors and a page of mentees, not the whole organisation); with
    /// <paramref name="onlyMentors"/> as well, only those of the mentors (in the same order, with the same
    /// free capacity as a full load gives them).
    /// </summary>
    public static async Task<MatchingInput?> LoadAsync(MentoringDbContext db, int programId, Instant now, CancellationToken cancellationToken,
        IReadOnlyCollection<int>? onlyMentees = null, IReadOnlyCollection<int>? onlyMentors = null)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return null;
        }
        var enrolled = db.Enrollments.AsNoTracking()
            .Include(e => e.Person).ThenInclude(p => p!.Office)
            .Include(e => e.Person).ThenInclude(p => p!.Manager)
            .Where(e => e.ProgramId == programId && e.Person!.Active && e.Role != EnrollmentRole.Participant);
        if (onlyMentees is not null && onlyMentors is not null)
        {
            enrolled = enrolled.Where(e => (e.Role == EnrollmentRole.Mentor && onlyMentors.Contains(e.PersonId)) || onlyMentees.Contains(e.PersonId));
        }
        else if (onlyMentees is not null)
        {
            enrolled = enrolled.Where(e => e.Role == EnrollmentRole.Mentor || onlyMentees.Contains(e.PersonId));
        }
        var enrollments = await enrolled.ToListAsync(cancellationToken);
        enrollments = InPilotScope(program, enrollments).ToList();
        // A course the program requires before matching and the person has not completed keeps them out of the proposal.
        var heldBack = await Training.TrainingService.HeldBackAsync(db, programId, cancellationToken);
        var heldMentees = enrollments.Where(e => e.Role == EnrollmentRole.Mentee && heldBack.ContainsKey(e.PersonId))
            .Select(e => (e.PersonId, heldBack[e.PersonId])).ToList();
        enrollments = enrollments.Where(e => !heldBack.ContainsKey(e.PersonId)).ToList();

        var active = await db.Mentorships.AsNoTracking()
            .Where(m => m.ProgramId == programId && m.Status == MentorshipStatus.Active)
            .Select(m => new { m.MentorId, m.MenteeId }).ToListAsync(cancellationToken);
        var menteesWithMentor = active.Select(m => m.MenteeId).ToHashSet();
        var load = active.GroupBy(m => m.MentorId).ToDictionary(g => g.Key, g => g.Count());

        // Earlier pairings anywhere (for the no-repeat rule) and who has ever had a mentor (for priority).
        var pairings = db.Mentorships.AsNoTracking();
        if (onlyMentees is not null)
        {
            pairings = pairings.Where(m => onlyMentees.Contains(m.MenteeId) || onlyMentees.Contains(m.MentorId));
        }
        var earlier = await pairings.Select(m => new { m.MentorId, m.MenteeId }).ToListAsync(cancellationToken);
        var everMentored = earlier.Select(m => m.MenteeId).ToHashSet();
        var managerOf = onlyMentees is null
            ? await db.People.AsNoTracking().Where(p => p.ManagerId != null).Select(p => new { p.Id, p.ManagerId })
                .ToDictionaryAsync(p => p.Id, p => p.ManagerId, cancellationToken)
            : await ManagerChainsAsync(db, enrollments.Select(e => e.PersonId), cancellationToken);

        var mentors = enrollments.Where(e => e.Role == EnrollmentRole.Mentor)
            .Select(e => new MentorSeat(Profile(e), e.Capacity, Math.Max(0, e.Capacity - load.GetValueOrDefault(e.PersonId))))
            .OrderBy(m => m.Profile.Name).ThenBy(m => m.Profile.PersonId).ToList();
        var mentees = enrollments.Where(e => e.Role == EnrollmentRole.Mentee && !menteesWithMentor.Contains(e.PersonId))
            .Select(e =>
            {
                var (priority, reasons) = MenteePriority.Compute(program.Matching, everMentored.Contains(e.PersonId), e.Person!.HireDate, Infrastructure.Today.Of(now, e.Person.EffectiveTimeZone), e.FlaggedForSupport);
                return new MenteeNeed(Profile(e), priority, reasons);
            })
            .OrderByDescending(m => m.Priority).ThenBy(m => m.Profile.Name).ThenBy(m => m.Profile.PersonId).ToList();
        var earlierPairs = earlier.Select(m => (m.MentorId, m.MenteeId)).ToHashSet();
        var eligibility = new MatchEligibility(program.Matching, program.IsReverse, managerOf, earlierPairs);
        // The day whose summer-time rules the working-hours overlap is scored on: a day either way does not change it.
        var scoredOn = now.InUtc().Date;
        return new MatchingInput(program, mentors, mentees, eligibility, scoredOn, managerOf, earlierPairs)
        {
            HeldBackMentees = heldMentees.Where(h => !menteesWithMentor.Contains(h.PersonId)).ToList(),
        };
    }

    /// <summary>
    /// How many mentees wait, how many mentors have room and how many places are left, as a full load
    /// would count them, in a few counting queries (a pilot's scope is small: it is loaded and filtered).
    /// </summary>
    public static async Task<(int Waiting, int MentorsWithRoom, int PlacesLeft)> WaitingAsync(MentoringDbContext db, int programId, Instant now, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == programId, cancellationToken);
        if (program.IsReverse && program.Matching.PilotScope is not (null or PilotScope.Company) && !string.IsNullOrWhiteSpace(program.Matching.PilotScopeValue))
        {
            var input = await LoadAsync(db, programId, now, cancellationToken);
            return (input!.Mentees.Count, input.Mentors.Count(m => m.FreeCapacity > 0), input.Mentors.Sum(m => m.FreeCapacity));
        }
        // As LoadAsync: people a required course keeps out of matching neither wait nor offer places.
        var heldBack = (await Training.TrainingService.HeldBackAsync(db, programId, cancellationToken)).Keys.ToList();
        var enrolled = db.Enrollments.Where(e => e.ProgramId == programId && e.Person!.Active && !heldBack.Contains(e.PersonId));
        var active = db.Mentorships.Where(m => m.ProgramId == programId && m.Status == MentorshipStatus.Active);
        var waiting = await enrolled.CountAsync(e => e.Role == EnrollmentRole.Mentee && !active.Any(m => m.MenteeId == e.PersonId), cancellationToken);
        var seats = await enrolled.Where(e => e.Role == EnrollmentRole.Mentor)
            .Select(e => new { e.Capacity, Load = active.Count(m => m.MentorId == e.PersonId) }).ToListAsync(cancellationToken);
        var free = seats.Select(s => Math.Max(0, s.Capacity - s.Load)).ToList();
        return (waiting, free.Count(f => f > 0), free.Sum());
    }

    /// <summary>The managers above these people, up to the top of each chain: a query per level of the org chart.</summary>
    private static async Task<Dictionary<int, int?>> ManagerChainsAsync(MentoringDbContext db, IEnumerable<int> people, CancellationToken cancellationToken)
    {
        var managerOf = new Dictionary<int, int?>();
        var asked = new HashSet<int>();
        var frontier = people.Where(asked.Add).ToList();
        while (frontier.Count > 0)
        {
            var next = new List<int>();
            foreach (var chunk in frontier.Chunk(500))
            {
                foreach (var row in await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id) && p.ManagerId != null)
                    .Select(p => new { p.Id, p.ManagerId }).ToListAsync(cancellationToken))
                {
                    managerOf[row.Id] = row.ManagerId;
                    if (asked.Add(row.ManagerId!.Value))
                    {
                        next.Add(row.ManagerId.Value);
                    }
                }
            }
            frontier = next;
        }
        return managerOf;
    }

    public static MatchProfile Profile(Enrollment enrollment)
    {
        var p = enrollment.Person!;
        // What the person said in their application, where the admin mapped the question, is part of
        // their profile for this program: choices as topics, text as goals.
        var said = enrollment.Answers.Where(a => a.MapsTo != AnswerMapping.None)
            .SelectMany(a => a.Values.Select(v => new SaidInApplication(a.MapsTo, v))).ToList();
        List<string> With(IReadOnlyList<string> own, AnswerMapping mapping) =>
            own.Concat(said.Where(s => s.MapsTo == mapping).Select(s => s.Value)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var goals = string.Join(". ", new[] { enrollment.Goals }.Concat(said.Where(s => s.MapsTo == AnswerMapping.Goals).Select(s => s.Value))
            .Where(g => g.Length > 0));
        return new MatchProfile(p.Id, p.Name, p.Level, p.Department, p.OfficeId, p.Office?.Name, p.TimeZone ?? p.Office?.TimeZone,
            With(p.Values, AnswerMapping.Values), With(p.Interests, AnswerMapping.Interests), With(p.Skills, AnswerMapping.Skills), goals, said)
        {
            Languages = p.Languages,
            HopesToGet = p.HopesToGet,
            HopesToGive = p.HopesToGive,
            WorkdayStart = p.WorkdayStart,
            WorkdayEnd = p.WorkdayEnd,
        };
    }

    /// <summary>
    /// A reverse-mentoring pilot reaches only its pair (two HR ids), its team (the lead's HR id: the
    /// lead and their direct reports) or its department (the department's name).
    /// </summary>
    private static IEnumerable<Enrollment> InPilotScope(MentoringProgram program, List<Enrollment> enrollments)
    {
        var scope = program.Matching.PilotScope;
        var value = program.Matching.PilotScopeValue?.Trim();
        if (!program.IsReverse || scope is null or PilotScope.Company || string.IsNullOrEmpty(value))
        {
            return enrollments;
        }
        return scope switch
        {
            PilotScope.OneDepartment => enrollments.Where(e => string.Equals(e.Person!.Department, value, StringComparison.OrdinalIgnoreCase)),
            PilotScope.OneTeam => enrollments.Where(e => e.Person!.ExternalId == value || e.Person.Manager?.ExternalId == value),
            PilotScope.OnePair => enrollments.Where(e => value.Split(':', ',', ' ').Contains(e.Person!.ExternalId)),
            _ => enrollments,
        };
    }
}
