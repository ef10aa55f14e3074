using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Groups;

/// <summary>Who may see a group and what they see of it, shared by the API and the pages.</summary>
public static class GroupQueries
{
    public static IQueryable<GroupActivity> Query(MentoringDbContext db) =>
        db.GroupActivities.AsNoTracking().Include(g => g.Host).ThenInclude(h => h!.Office).Include(g => g.Room).Include(g => g.Members).ThenInclude(m => m.Person).AsSplitQuery();

    /// <summary>A program's groups, newest first.</summary>
    public static Task<List<GroupActivity>> OfProgramAsync(MentoringDbContext db, int programId, CancellationToken cancellationToken) =>
        Query(db).Where(g => g.ProgramId == programId).OrderByDescending(g => g.Id).ToListAsync(cancellationToken);

    /// <summary>A group its host, its members and admins may see; anyone else gets none, so groups do not leak.</summary>
    public static async Task<GroupActivity?> VisibleAsync(MentoringDbContext db, int id, int? personId, bool isAdmin, CancellationToken cancellationToken)
    {
        var group = await Query(db).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null || isAdmin)
        {
            return group;
        }
        return group.HostId == personId || group.Members.Any(m => m.PersonId == personId) ? group : null;
    }

    /// <summary>The plan, with everyone's goals, is for the host (and admins), not for the other members.</summary>
    public static bool MaySeePlan(GroupActivity group, int? personId, bool isAdmin) => isAdmin || group.HostId == personId;

    /// <summary>Members see who is in their group, not each other's goals or priorities: those are for the host and admins.</summary>
    public static GroupDto ForViewer(GroupActivity group, int? personId, bool isAdmin)
    {
        var dto = GroupDto.From(group);
        return group.HostId == personId || isAdmin
            ? dto
            : dto with
            {
                Members = dto.Members.Select(m => m.PersonId == personId ? m : m with { Priority = 0, SessionGoal = "", CheckInRequestedAt = null }).ToList(),
            };
    }

    /// <summary>The groups a person hosts or is in, newest first.</summary>
    public static Task<List<GroupActivity>> MineAsync(MentoringDbContext db, int? personId, CancellationToken cancellationToken) =>
        Query(db).Where(g => g.HostId == personId || g.Members.Any(m => m.PersonId == personId))
            .OrderByDescending(g => g.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// The groups a person hosts or is in (as <see cref="MineAsync"/>), by title, with what their cards show: the
    /// member count and check-ins asked for (of the groups they host), their own goal and check-in (of the others).
    /// One query: the members' rows are counted, not read.
    /// </summary>
    public static Task<List<MyGroup>> MineByTitleAsync(MentoringDbContext db, int personId, CancellationToken cancellationToken) =>
        // The memberships as an IN list from the person's own rows: an index each side of the OR, no scan of the groups.
        db.GroupActivities.AsNoTracking()
            .Where(g => g.HostId == personId || db.GroupMembers.Where(m => m.PersonId == personId).Select(m => m.ActivityId).Contains(g.Id))
            .OrderBy(g => g.Title).ThenByDescending(g => g.Id)
            .Select(g => new MyGroup(
                g.Id, g.Kind, g.Title, g.HostId, g.Host!.Name, g.Date, g.StartTime,
                g.Members.Count(), g.Members.Count(m => m.CheckInRequestedAt != null),
                g.Members.Where(m => m.PersonId == personId).Select(m => m.SessionGoal).FirstOrDefault() ?? "",
                g.Members.Where(m => m.PersonId == personId).Select(m => m.CheckInRequestedAt).FirstOrDefault()))
            .ToListAsync(cancellationToken);
}

/// <summary>A group as its host's or member's own card shows it (<see cref="GroupQueries.MineByTitleAsync"/>).</summary>
public sealed record MyGroup(
    int Id, string Kind, string Title, int HostId, string HostName, LocalDate? Date, LocalTime StartTime,
    int Members, int CheckInsAsked, string MySessionGoal, Instant? MyCheckInRequestedAt)
{
    public bool IsCoworking => new GroupActivity { Kind = Kind, Title = Title }.IsCoworking;
}

/// <summary>What a member does in their group: set their goal for the session, ask the host to check in.</summary>
public sealed class GroupMembers(MentoringDbContext db, IClock clock)
{
    /// <summary>A member sets their goal for the session; not found when they are not in the group.</summary>
    public Task<Outcome<Done>> SetGoalAsync(int id, int? personId, string goal, CancellationToken cancellationToken) =>
        ChangeAsync(id, personId, m => m.SessionGoal = goal.Trim(), cancellationToken);

    /// <summary>A member asks the host to check in with them; not found when they are not in the group.</summary>
    public Task<Outcome<Done>> AskCheckInAsync(int id, int? personId, CancellationToken cancellationToken) =>
        ChangeAsync(id, personId, m => m.CheckInRequestedAt = clock.GetCurrentInstant(), cancellationToken);

    private async Task<Outcome<Done>> ChangeAsync(int id, int? personId, Action<GroupMember> change, CancellationToken cancellationToken)
    {
        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.ActivityId == id && m.PersonId == personId, cancellationToken);
        if (member is null)
        {
            return Outcome.NotFound();
        }
        change(member);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done();
    }
}
