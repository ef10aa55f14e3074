using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Engine.Groups;
using Mentoring.Features.Matching;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Groups;

public sealed record HostSeat(int PersonId, int Capacity);

/// <summary>
/// What to compose. A group has one time: its date (optional: the schedule then places it and writes
/// it back) and its start time ("HH:mm", local to the host; 12:00 for lunches, 10:00 otherwise), for
/// its length (60 minutes for lunches, 120 otherwise). An in-person group meets in its host's office,
/// in one of its rooms when <c>roomId</c> names one (a room holds one group, so then one host).
/// </summary>
public sealed record ComposeInput(
    string Kind, string? Title, DateOnly? Date, IReadOnlyList<HostSeat> Hosts, int CheckInEveryMinutes = 30, int? DurationMinutes = null, string? StartTime = null,
    int? RoomId = null);

public sealed record ComposeResult(IReadOnlyList<int> ActivityIds, int Placed, int Unplaced, int Repeats, bool Optimal);

/// <summary>
/// Composes group lunches, group-mentoring cohorts and coworking tables with the groups engine:
/// each senior hosts up to their capacity; the members are the program's juniors, those who need it
/// most first (the matching priority rule), teams mixed and earlier groupings not repeated.
/// </summary>
public sealed class GroupsService(MentoringDbContext db, IClock clock)
{
    /// <summary>Composes and saves the groups; not found when there is no such program.</summary>
    public async Task<Outcome<ComposeResult>> ComposeAsync(int programId, ComposeInput input, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        if (!GroupActivity.Kinds.Contains(input.Kind))
        {
            return Outcome.Invalid("kind", $"\"{input.Kind}\" is not a group format ({string.Join(", ", GroupActivity.Kinds)})");
        }
        if (input.Hosts.Count == 0)
        {
            return Outcome.Invalid("hosts", "name at least one host");
        }
        if (input.Hosts.Any(h => h.Capacity is < 1 or > 50))
        {
            return Outcome.Invalid("hosts", "a host takes from 1 to 50 members");
        }
        if (input.Hosts.Select(h => h.PersonId).Distinct().Count() != input.Hosts.Count)
        {
            return Outcome.Invalid("hosts", "a host is listed twice");
        }
        var duration = input.DurationMinutes ?? DefaultMinutes(input.Kind);
        if (input.CheckInEveryMinutes is < 5 or > 240 || duration is < 15 or > 600)
        {
            return Outcome.Invalid("checkInEveryMinutes", "check in every 5 to 240 minutes, in a session of 15 to 600");
        }
        LocalTime startTime;
        if (string.IsNullOrWhiteSpace(input.StartTime))
        {
            startTime = DefaultStart(input.Kind);
        }
        else if (StartTimePattern.Parse(input.StartTime.Trim()) is { Success: true } parsed)
        {
            startTime = parsed.Value;
        }
        else
        {
            return Outcome.Invalid("startTime", "give the start time as HH:mm, such as 12:00");
        }
        if (startTime.PlusMinutes(duration) < startTime)
        {
            return Outcome.Invalid("startTime", "the group ends after midnight: start earlier or make it shorter");
        }
        var hostIds = input.Hosts.Select(h => h.PersonId).ToList();
        var hosts = await db.People.AsNoTracking().Where(p => hostIds.Contains(p.Id) && p.Active).ToDictionaryAsync(p => p.Id, cancellationToken);
        if (hostIds.FirstOrDefault(id => !hosts.ContainsKey(id)) is var missing and not 0)
        {
            return Outcome.Invalid("hosts", $"no active person has id {missing}");
        }
        var inPerson = ActivityFormats.IsInPerson(input.Kind);
        if (inPerson && hosts.Values.FirstOrDefault(h => h.OfficeId is null) is { } officeless)
        {
            return Outcome.Invalid("hosts", $"{officeless.Name} has no office, and an in-person group meets in its host's office");
        }
        Room? room = null;
        if (input.RoomId is { } roomId)
        {
            room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, cancellationToken);
            if (room is null)
            {
                return Outcome.Invalid("roomId", $"there is no room with id {roomId}");
            }
            if (!inPerson)
            {
                return Outcome.Invalid("roomId", "a virtual group meets by video: leave the room empty");
            }
            if (input.Hosts.Count > 1)
            {
                return Outcome.Invalid("roomId", "a room holds one group at a time: give it one host");
            }
            if (hosts[input.Hosts[0].PersonId].OfficeId != room.OfficeId)
            {
                return Outcome.Invalid("roomId", $"{room.Name} is not in the host's office");
            }
            if (input.Hosts[0].Capacity + 1 > room.Capacity)
            {
                return Outcome.Invalid("roomId", $"{room.Name} seats {room.Capacity}, the host included");
            }
        }

        var candidates = await db.Enrollments.AsNoTracking().Include(e => e.Person).ThenInclude(p => p!.Office)
            .Where(e => e.ProgramId == programId && e.Role != EnrollmentRole.Mentor && !e.OptedOut && e.Person!.Active && !hostIds.Contains(e.PersonId))
            .OrderBy(e => e.PersonId).ToListAsync(cancellationToken);
        var mentored = (await db.Mentorships.AsNoTracking().Select(m => m.MenteeId).ToListAsync(cancellationToken)).ToHashSet();
        var grouped = (await db.GroupMembers.AsNoTracking().Select(m => m.PersonId).ToListAsync(cancellationToken)).ToHashSet();
        // A hire date is a day in the person's own zone.
        var asOf = clock.GetCurrentInstant();
        var priority = candidates.ToDictionary(e => e.PersonId, e => MenteePriority.Compute(program.Matching,
            mentored.Contains(e.PersonId) || grouped.Contains(e.PersonId), e.Person!.HireDate, Today.Of(asOf, e.Person.EffectiveTimeZone), e.FlaggedForSupport).Priority);

        var history = await HistoryAsync(programId, cancellationToken);
        // In person, each office is its own draw: its hosts and the people who work there.
        var draws = inPerson
            ? input.Hosts.GroupBy(h => hosts[h.PersonId].OfficeId).OrderBy(g => g.Key)
                .Select(g => (Hosts: g.ToList(), Candidates: candidates.Where(c => c.Person!.OfficeId == g.Key).ToList())).ToList()
            : [(Hosts: input.Hosts.ToList(), Candidates: candidates)];
        var tables = new List<GroupsTable<int>>();
        int unplaced = 0, repeats = 0;
        var optimal = true;
        foreach (var draw in draws)
        {
            var everyone = draw.Hosts.Select(h => h.PersonId).Concat(draw.Candidates.Select(c => c.PersonId)).ToHashSet();
            var result = GroupsEngine.Solve(new GroupsRequest<int>(
                draw.Hosts.Select(h => new GroupsHost<int>(h.PersonId, h.Capacity)).ToList(),
                draw.Candidates.Select(c => new GroupsMember<int>(c.PersonId, c.Person!.Department, priority[c.PersonId])).ToList(),
                history.Where(h => everyone.Contains(h.A) && everyone.Contains(h.B)).ToList(),
                Seed: programId * 1000L + history.Count));
            tables.AddRange(result.Tables);
            unplaced += result.Unplaced.Count;
            repeats += result.Repeats;
            optimal &= result.Optimal;
        }

        var now = clock.GetCurrentInstant();
        var activities = new List<GroupActivity>();
        foreach (var table in tables.OrderBy(t => input.Hosts.Select(h => h.PersonId).ToList().IndexOf(t.Host)))
        {
            var host = hosts[table.Host];
            var activity = new GroupActivity
            {
                ProgramId = programId, Kind = input.Kind, HostId = host.Id,
                Title = string.IsNullOrWhiteSpace(input.Title) ? $"{Describe(input.Kind)} with {host.Name}" : $"{input.Title.Trim()}: {host.Name}",
                Capacity = input.Hosts.Single(h => h.PersonId == host.Id).Capacity,
                Date = input.Date is { } date ? LocalDate.FromDateOnly(date) : null, StartTime = startTime, RoomId = room?.Id,
                CheckInEveryMinutes = input.CheckInEveryMinutes, DurationMinutes = duration, CreatedAt = now,
            };
            foreach (var member in table.Members)
            {
                activity.Members.Add(new GroupMember { PersonId = member, Priority = priority[member] });
            }
            activities.Add(activity);
        }
        db.GroupActivities.AddRange(activities);
        await db.SaveChangesAsync(cancellationToken);
        return new ComposeResult(activities.Select(a => a.Id).ToList(), activities.Sum(a => a.Members.Count), unplaced, repeats, optimal);
    }

    /// <summary>The host checks in with each member in turn; members who asked for a check-in come first.</summary>
    public static IReadOnlyList<(LocalTime At, IReadOnlyList<GroupMember> Members)> CheckInPlan(GroupActivity activity)
    {
        var order = activity.Members.OrderBy(m => m.CheckInRequestedAt is null).ThenBy(m => m.CheckInRequestedAt).ThenByDescending(m => m.Priority).ToList();
        var rounds = Math.Max(1, activity.DurationMinutes / activity.CheckInEveryMinutes);
        var plan = new List<(LocalTime, IReadOnlyList<GroupMember>)>();
        for (var i = 0; i < rounds; i++)
        {
            // Every round visits everyone; the order starts with whoever asked.
            plan.Add((activity.StartTime.PlusMinutes(i * activity.CheckInEveryMinutes), order));
        }
        return plan;
    }

    private async Task<List<(int A, int B)>> HistoryAsync(int programId, CancellationToken cancellationToken)
    {
        var groups = await db.GroupActivities.AsNoTracking().Include(g => g.Members).Where(g => g.ProgramId == programId).ToListAsync(cancellationToken);
        var pairs = new List<(int, int)>();
        foreach (var group in groups)
        {
            var members = group.Members.Select(m => m.PersonId).Order().ToList();
            pairs.AddRange(members.Select(m => (group.HostId, m)));
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    pairs.Add((members[i], members[j]));
                }
            }
        }
        return pairs.Distinct().ToList();
    }

    private static readonly NodaTime.Text.LocalTimePattern StartTimePattern = NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>A lunch starts at noon; other formats mid-morning.</summary>
    public static LocalTime DefaultStart(string kind) => kind == ActivityFormats.GroupLunch ? new LocalTime(12, 0) : new LocalTime(10, 0);

    /// <summary>A lunch takes an hour; other formats two.</summary>
    public static int DefaultMinutes(string kind) => kind == ActivityFormats.GroupLunch ? 60 : 120;

    internal static string Describe(string kind) => kind switch
    {
        ActivityFormats.GroupLunch => "Group lunch",
        ActivityFormats.GroupMentoring => "Group mentoring",
        ActivityFormats.Coworking => "Coworking",
        ActivityFormats.VirtualCoworking => "Virtual coworking",
        _ => kind,
    };
}
