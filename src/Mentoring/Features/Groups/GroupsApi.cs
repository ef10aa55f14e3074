using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Groups;

public sealed record GroupMemberDto(int PersonId, string Name, string? Department, int Level, int Priority, string SessionGoal, DateTimeOffset? CheckInRequestedAt);

public sealed record GroupDto(
    int Id, int ProgramId, string Kind, string Title, PersonRef Host, int Capacity, DateOnly? Date, string StartTime, int DurationMinutes,
    int CheckInEveryMinutes, IReadOnlyList<GroupMemberDto> Members)
{
    public static GroupDto From(GroupActivity g) => new(
        g.Id, g.ProgramId, g.Kind, g.Title, MatchRunDto.Ref(g.Host!), g.Capacity, g.Date?.ToDateOnly(), g.StartTime.ToString("HH:mm", null),
        g.DurationMinutes, g.CheckInEveryMinutes,
        g.Members.OrderByDescending(m => m.Priority).ThenBy(m => m.Person?.Name)
            .Select(m => new GroupMemberDto(m.PersonId, m.Person?.Name ?? "", m.Person?.Department, m.Person?.Level ?? 0, m.Priority, m.SessionGoal,
                m.CheckInRequestedAt?.ToDateTimeOffset())).ToList());
}

public sealed record CheckInSlot(string At, IReadOnlyList<GroupMemberDto> Members);

public sealed record GoalInput
{
    [StringLength(1000)]
    public string Goal { get; init; } = "";
}

/// <summary>
/// Group formats: the admin composes groups with the engine; the host sees the check-in plan with
/// each member's goal; a member sets their goal for the session and can ask the host to check in.
/// </summary>
public static class GroupsApi
{
    public static IServiceCollection AddGroupsFeature(this IServiceCollection services) =>
        services.AddScoped<GroupsService>().AddScoped<ComposeJobs>().AddJobHandler<ComposeJobHandler>(ComposeJobs.JobKind);

    public static RouteGroupBuilder MapGroupsApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/programs/{programId:int}/groups").WithTags("Group formats").RequireAuthorization(Policies.Admin);
        admin.MapPost("/compose", Compose).WithName("ComposeGroups")
            .WithSummary("Compose group lunches, group-mentoring cohorts or coworking tables: priority first, teams mixed, no repeats.");
        admin.MapGet("/", List).WithName("ListGroups").WithSummary("The program's groups with their members.");

        var people = api.MapGroup("/").WithTags("Group formats").RequireAuthorization(Policies.SignedIn);
        people.MapGet("/groups/{id:int}", Get).WithName("GetGroup").WithSummary("A group (its host, its members, or an admin).");
        people.MapGet("/groups/{id:int}/plan", Plan).WithName("CheckInPlan").WithSummary("The host's check-in plan, with each member's goal for the session.");
        people.MapPut("/groups/{id:int}/me/goal", SetGoal).WithName("SetSessionGoal").WithSummary("As a member: my goal for the session.");
        people.MapPost("/groups/{id:int}/me/checkin", AskCheckIn).WithName("AskForCheckIn").WithSummary("As a member: ask the host to check in with me.");
        people.MapGet("/me/groups", Mine).WithName("MyGroups").WithSummary("Groups I host or am in.");
        return api;
    }

    /// <summary>Runs as a job (see <see cref="ComposeJobs"/>) and answers with its result once it is done.</summary>
    private static async Task<Results<Ok<ComposeResult>, NotFound, ValidationProblem, ProblemHttpResult>> Compose(
        int programId, ComposeInput input, ClaimsPrincipal user, ComposeJobs compose, JobQueue jobs, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var job = await compose.StartAsync(programId, input, user.Identity?.Name ?? "admin", cancellationToken);
        job = await jobs.WaitAsync(job.Id, cancellationToken);
        return job switch
        {
            { Status: JobStatus.Succeeded } => TypedResults.Ok(JobQueue.ResultOf<ComposeResult>(job)!),
            { ErrorField: { } field } => Problems.Field(field, job.Error ?? ""),
            _ => TypedResults.Problem(job.Error, statusCode: StatusCodes.Status500InternalServerError, title: "Composing the groups failed"),
        };
    }

    private static async Task<Ok<List<GroupDto>>> List(int programId, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var groups = await Query(db).Where(g => g.ProgramId == programId).OrderByDescending(g => g.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(groups.Select(GroupDto.From).ToList());
    }

    private static async Task<Results<Ok<GroupDto>, NotFound>> Get(int id, ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var personId = (await users.GetUserAsync(user))?.PersonId;
        var group = await VisibleAsync(db, id, personId, user.IsInRole(Roles.Admin), cancellationToken);
        if (group is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(ForViewer(group, personId, user.IsInRole(Roles.Admin)));
    }

    /// <summary>Members see who is in their group, not each other's goals or priorities: those are for the host and admins.</summary>
    internal static GroupDto ForViewer(GroupActivity group, int? personId, bool isAdmin)
    {
        var dto = GroupDto.From(group);
        return group.HostId == personId || isAdmin
            ? dto
            : dto with
            {
                Members = dto.Members.Select(m => m.PersonId == personId ? m : m with { Priority = 0, SessionGoal = "", CheckInRequestedAt = null }).ToList(),
            };
    }

    private static async Task<Results<Ok<List<CheckInSlot>>, NotFound, ForbidHttpResult>> Plan(
        int id, ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var group = await Visible(id, user, users, db, cancellationToken);
        if (group is null)
        {
            return TypedResults.NotFound();
        }
        if (!MaySeePlan(group, (await users.GetUserAsync(user))?.PersonId, user.IsInRole(Roles.Admin)))
        {
            return TypedResults.Forbid();
        }
        var dto = GroupDto.From(group);
        var byId = dto.Members.ToDictionary(m => m.PersonId);
        return TypedResults.Ok(GroupsService.CheckInPlan(group)
            .Select(slot => new CheckInSlot(slot.At.ToString("HH:mm", null), slot.Members.Select(m => byId[m.PersonId]).ToList())).ToList());
    }

    private static async Task<Results<Ok<GroupDto>, NotFound>> SetGoal(
        int id, GoalInput input, ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, CancellationToken cancellationToken) =>
        await ChangeMine(id, user, users, db, personId => SetGoalAsync(db, id, personId, input.Goal, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<GroupDto>, NotFound>> AskCheckIn(
        int id, ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, IClock clock, CancellationToken cancellationToken) =>
        await ChangeMine(id, user, users, db, personId => AskCheckInAsync(db, clock, id, personId, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<GroupDto>, NotFound>> ChangeMine(
        int id, ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, Func<int?, Task<bool>> change, CancellationToken cancellationToken)
    {
        var personId = (await users.GetUserAsync(user))?.PersonId;
        if (!await change(personId))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(ForViewer(await Query(db).SingleAsync(g => g.Id == id, cancellationToken), personId, user.IsInRole(Roles.Admin)));
    }

    /// <summary>A member sets their goal for the session; false when they are not in the group.</summary>
    internal static Task<bool> SetGoalAsync(MentoringDbContext db, int id, int? personId, string goal, CancellationToken cancellationToken) =>
        ChangeMemberAsync(db, id, personId, m => m.SessionGoal = goal.Trim(), cancellationToken);

    /// <summary>A member asks the host to check in with them; false when they are not in the group.</summary>
    internal static Task<bool> AskCheckInAsync(MentoringDbContext db, IClock clock, int id, int? personId, CancellationToken cancellationToken) =>
        ChangeMemberAsync(db, id, personId, m => m.CheckInRequestedAt = clock.GetCurrentInstant(), cancellationToken);

    private static async Task<bool> ChangeMemberAsync(MentoringDbContext db, int id, int? personId, Action<GroupMember> change, CancellationToken cancellationToken)
    {
        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.ActivityId == id && m.PersonId == personId, cancellationToken);
        if (member is null)
        {
            return false;
        }
        change(member);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static async Task<Ok<List<GroupDto>>> Mine(ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var personId = (await users.GetUserAsync(user))?.PersonId;
        var groups = await MineAsync(db, personId, cancellationToken);
        return TypedResults.Ok(groups.Select(g => ForViewer(g, personId, user.IsInRole(Roles.Admin))).ToList());
    }

    /// <summary>The groups a person hosts or is in, newest first.</summary>
    internal static Task<List<GroupActivity>> MineAsync(MentoringDbContext db, int? personId, CancellationToken cancellationToken) =>
        Query(db).Where(g => g.HostId == personId || g.Members.Any(m => m.PersonId == personId))
            .OrderByDescending(g => g.Id).ToListAsync(cancellationToken);

    private static async Task<GroupActivity?> Visible(int id, ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, CancellationToken cancellationToken) =>
        await VisibleAsync(db, id, (await users.GetUserAsync(user))?.PersonId, user.IsInRole(Roles.Admin), cancellationToken);

    /// <summary>A group its host, its members and admins may see; anyone else gets none, so groups do not leak.</summary>
    internal static async Task<GroupActivity?> VisibleAsync(MentoringDbContext db, int id, int? personId, bool isAdmin, CancellationToken cancellationToken)
    {
        var group = await Query(db).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null || isAdmin)
        {
            return group;
        }
        return group.HostId == personId || group.Members.Any(m => m.PersonId == personId) ? group : null;
    }

    /// <summary>The plan, with everyone's goals, is for the host (and admins), not for the other members.</summary>
    internal static bool MaySeePlan(GroupActivity group, int? personId, bool isAdmin) => isAdmin || group.HostId == personId;

    internal static IQueryable<GroupActivity> Query(MentoringDbContext db) =>
        db.GroupActivities.AsNoTracking().Include(g => g.Host).ThenInclude(h => h!.Office).Include(g => g.Members).ThenInclude(m => m.Person).AsSplitQuery();
}
