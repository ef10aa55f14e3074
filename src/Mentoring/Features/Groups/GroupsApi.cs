using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Groups;

public sealed record GroupMemberDto(int PersonId, string Name, string? Department, int Level, int Priority, string SessionGoal, DateTimeOffset? CheckInRequestedAt);

public sealed record GroupDto(
    int Id, int ProgramId, string Kind, string Title, PersonRef Host, int Capacity, DateOnly? Date, string StartTime, int DurationMinutes,
    int CheckInEveryMinutes, IReadOnlyList<GroupMemberDto> Members, string Place)
{
    public static GroupDto From(GroupActivity g) => new(
        g.Id, g.ProgramId, g.Kind, g.Title, MatchRunDto.Ref(g.Host!), g.Capacity, g.Date?.ToDateOnly(), g.StartTime.ToString("HH:mm", null),
        g.DurationMinutes, g.CheckInEveryMinutes,
        g.Members.OrderByDescending(m => m.Priority).ThenBy(m => m.Person?.Name)
            .Select(m => new GroupMemberDto(m.PersonId, m.Person?.Name ?? "", m.Person?.Department, m.Person?.Level ?? 0, m.Priority, m.SessionGoal,
                m.CheckInRequestedAt?.ToDateTimeOffset())).ToList(),
        PlaceOf(g));

    /// <summary>Where the group meets: its room and its host's office in person, a call otherwise.</summary>
    public static string PlaceOf(GroupActivity g) =>
        !ActivityFormats.IsInPerson(g.Kind) ? "Video call"
        : g.Room is { } room ? $"{room.Name}, {g.Host?.Office?.Name} office"
        : $"{g.Host?.Office?.Name} office";
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
        services.AddScoped<GroupsService>().AddScoped<GroupMembers>().AddScoped<ComposeJobs>().AddJobHandler<ComposeJobHandler>(ComposeJobs.JobKind);

    public static RouteGroupBuilder MapGroupsApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/programs/{programId:int}/groups").WithTags("Group formats").RequireAuthorization(Policies.Admin);
        admin.MapPost("/compose", Compose).WithName("ComposeGroups")
            .WithSummary("Compose group lunches, group-mentoring cohorts or coworking tables: priority first, teams mixed, no repeats.");
        admin.MapGet("/", List).WithName("ListGroups").WithSummary("The program's groups with their members.");

        var people = api.MapGroup("/").WithTags("Group formats").RequireAuthorization(Policies.SignedIn);
        people.MapGet("/groups/{id:int}", Get).WithName("GetGroup").WithSummary("A group (its host, its members, or an admin).");
        // The coworking check-in plan: "/plan" is the group space's Communications and Expectations Plan, as for a pair.
        people.MapGet("/groups/{id:int}/check-in-plan", Plan).WithName("CheckInPlan").WithSummary("The host's check-in plan, with each member's goal for the session.");
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
        var groups = await GroupQueries.OfProgramAsync(db, programId, cancellationToken);
        return TypedResults.Ok(groups.Select(GroupDto.From).ToList());
    }

    private static async Task<Results<Ok<GroupDto>, NotFound>> Get(int id, CurrentPerson current, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var personId = await current.IdAsync(cancellationToken);
        var group = await GroupQueries.VisibleAsync(db, id, personId, current.IsAdmin, cancellationToken);
        if (group is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(GroupQueries.ForViewer(group, personId, current.IsAdmin));
    }

    private static async Task<Results<Ok<List<CheckInSlot>>, NotFound, ForbidHttpResult>> Plan(
        int id, CurrentPerson current, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var personId = await current.IdAsync(cancellationToken);
        var group = await GroupQueries.VisibleAsync(db, id, personId, current.IsAdmin, cancellationToken);
        if (group is null)
        {
            return TypedResults.NotFound();
        }
        if (!GroupQueries.MaySeePlan(group, personId, current.IsAdmin))
        {
            return TypedResults.Forbid();
        }
        var dto = GroupDto.From(group);
        var byId = dto.Members.ToDictionary(m => m.PersonId);
        return TypedResults.Ok(GroupsService.CheckInPlan(group)
            .Select(slot => new CheckInSlot(slot.At.ToString("HH:mm", null), slot.Members.Select(m => byId[m.PersonId]).ToList())).ToList());
    }

    private static async Task<Results<Ok<GroupDto>, NotFound>> SetGoal(
        int id, GoalInput input, CurrentPerson current, GroupMembers members, MentoringDbContext db, CancellationToken cancellationToken) =>
        await ChangeMine(id, current, db, members.SetGoalAsync(id, await current.IdAsync(cancellationToken), input.Goal, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<GroupDto>, NotFound>> AskCheckIn(
        int id, CurrentPerson current, GroupMembers members, MentoringDbContext db, CancellationToken cancellationToken) =>
        await ChangeMine(id, current, db, members.AskCheckInAsync(id, await current.IdAsync(cancellationToken), cancellationToken), cancellationToken);

    private static async Task<Results<Ok<GroupDto>, NotFound>> ChangeMine(
        int id, CurrentPerson current, MentoringDbContext db, Task<Outcome<Done>> change, CancellationToken cancellationToken)
    {
        if (!(await change).Succeeded)
        {
            return TypedResults.NotFound();
        }
        var group = await GroupQueries.Query(db).SingleAsync(g => g.Id == id, cancellationToken);
        return TypedResults.Ok(GroupQueries.ForViewer(group, await current.IdAsync(cancellationToken), current.IsAdmin));
    }

    private static async Task<Ok<List<GroupDto>>> Mine(CurrentPerson current, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var personId = await current.IdAsync(cancellationToken);
        var groups = await GroupQueries.MineAsync(db, personId, cancellationToken);
        return TypedResults.Ok(groups.Select(g => GroupQueries.ForViewer(g, personId, current.IsAdmin)).ToList());
    }
}
