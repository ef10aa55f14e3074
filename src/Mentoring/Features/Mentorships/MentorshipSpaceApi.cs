using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Mentorships;

public sealed record DoneInput
{
    public bool? Done { get; init; }
}

/// <summary>
/// The pair's space (plan, goals, sessions, notes, reflections, check-ins, fit, close-out, action
/// items) for its mentor and mentee, and each program's relationship health for its admins. Anyone
/// else asking for a pair's space is told it does not exist; the admin sees counts, never texts.
/// </summary>
public static class MentorshipSpaceApi
{
    public static IServiceCollection AddMentorshipSpaceFeature(this IServiceCollection services)
    {
        services.AddScoped<MentorshipSpaceService>();
        services.AddScoped<HealthQueries>();
        services.AddScoped<Rematches>();
        services.AddSingleton<CheckInNudges>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckInNudges>());
        return services;
    }

    public static RouteGroupBuilder MapMentorshipSpaceApi(this RouteGroupBuilder api)
    {
        var pair = api.MapGroup("/").WithTags("Mentorship space").RequireAuthorization(Policies.SignedIn);
        pair.MapGet("/mentorships/{id:int}/plan", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.PlanAsync(id, p, ct)))
            .WithName("GetPlan").WithSummary("The pair's Communications and Expectations Plan: its latest version, who confirmed it, its day and time in each person's zone, and every version.");
        pair.MapPut("/mentorships/{id:int}/plan", (int id, PlanInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.SetPlanAsync(id, p, input, ct)))
            .WithName("SetPlan").WithSummary("Make the plan, or change it: a change is a new version that both confirm.");
        pair.MapPost("/mentorships/{id:int}/plan/confirm", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.ConfirmPlanAsync(id, p, ct)))
            .WithName("ConfirmPlan").WithSummary("Confirm the plan's latest version as the caller.");
        pair.MapGet("/mentorships/{id:int}/plan/calendar", CheckInCalendarFile)
            .WithName("CheckInCalendar").WithSummary("The plan's check-in as a recurring calendar entry (.ics) with the call link, for each of the pair to add.");
        pair.MapGet("/mentorships/{id:int}/goals", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.GoalsAsync(id, p, ct)))
            .WithName("GetGoals").WithSummary("The pair's goals with their milestones and progress.");
        pair.MapPost("/mentorships/{id:int}/goals", (int id, GoalInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddGoalAsync(id, p, input, ct)))
            .WithName("AddGoal").WithSummary("Set a goal: what, why, how you will know, by when.");
        pair.MapPut("/goals/{id:int}", (int id, GoalUpdate input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.UpdateGoalAsync(id, p, input, ct)))
            .WithName("UpdateGoal").WithSummary("Change a goal: its progress (0-100), status (active, done, dropped) or words.");
        pair.MapPost("/goals/{id:int}/milestones", (int id, MilestoneInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddMilestoneAsync(id, p, input, ct)))
            .WithName("AddMilestone").WithSummary("Add a milestone to a goal.");
        pair.MapPost("/milestones/{id:int}/done", (int id, DoneInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.MilestoneDoneAsync(id, p, input.Done ?? true, ct)))
            .WithName("MilestoneDone").WithSummary("Mark a milestone done (or, with \"done\":false, not done).");
        pair.MapGet("/mentorships/{id:int}/sessions", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.SessionsAsync(id, p, ct)))
            .WithName("GetPairSessions").WithSummary("The pair's sessions, scheduled or logged: agenda, shared notes, my rating and my private notes.");
        pair.MapPost("/mentorships/{id:int}/sessions", (int id, LogSessionInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.LogSessionAsync(id, p, input, ct)))
            .WithName("LogSession").WithSummary("Log a session that happened, in person or virtual, with its agenda, shared notes and my private notes.");
        pair.MapPut("/sessions/{id:int}/notes", (int id, SessionNotesInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.SetSessionNotesAsync(id, p, input, ct)))
            .WithName("SetSessionNotes").WithSummary("Set a pair session's agenda and shared notes.");
        pair.MapPost("/sessions/{id:int}/rating", (int id, RatingInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.RateAsync(id, p, input, ct)))
            .WithName("RateSession").WithSummary("Rate a pair session, 1 to 5, in one click.");
        pair.MapGet("/mentorships/{id:int}/notes", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.NotesAsync(id, p, ct)))
            .WithName("GetNotes").WithSummary("The pair's shared notes and my own private ones.");
        pair.MapPost("/mentorships/{id:int}/notes", (int id, NoteInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddNoteAsync(id, p, input, ct)))
            .WithName("AddNote").WithSummary("Write a note, private (mine only) or shared (the pair's), on a session or not.");
        pair.MapGet("/mentorships/{id:int}/reflections", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.ReflectionsAsync(id, p, ct)))
            .WithName("GetReflections").WithSummary("The reflections as one story, start, middle and end: the shared ones and my private ones.");
        pair.MapPost("/mentorships/{id:int}/reflections", (int id, ReflectionInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddReflectionAsync(id, p, input, ct)))
            .WithName("AddReflection").WithSummary("Reflect: where we started, how far we've come, where we're going.");
        pair.MapGet("/mentorships/{id:int}/checkins", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.CheckInsAsync(id, p, ct)))
            .WithName("GetCheckIns").WithSummary("The pair's check-ins, latest first.");
        pair.MapPost("/mentorships/{id:int}/checkins", (int id, CheckInInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddCheckInAsync(id, p, input, ct)))
            .WithName("AddCheckIn").WithSummary("Log a check-in in one step: did we meet, how was it (1-5), one line.");
        pair.MapGet("/mentorships/{id:int}/fit", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.MyFitAsync(id, p, ct)))
            .WithName("GetMyFit").WithSummary("My own answers to the fit check, latest first.");
        pair.MapPost("/mentorships/{id:int}/fit", (int id, FitInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AnswerFitAsync(id, p, input, ct)))
            .WithName("AnswerFit").WithSummary("Answer the fit check: good, too-early or not-good (the admin learns not-good, never the comment).");
        pair.MapPost("/mentorships/{id:int}/close", (int id, CloseInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.CloseAsync(id, p, input, ct)))
            .WithName("CloseMentorship").WithSummary("End the mentorship with a reason and a closing reflection.");
        pair.MapGet("/mentorships/{id:int}/action-items", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.ActionItemsAsync(id, p, ct)))
            .WithName("GetActionItems").WithSummary("The pair's action items, open first.");
        pair.MapPost("/mentorships/{id:int}/action-items", (int id, ActionItemInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddActionItemAsync(id, p, input, ct)))
            .WithName("AddActionItem").WithSummary("Add an action item with an owner and a due date, from a goal or a session.");
        pair.MapPost("/action-items/{id:int}/done", (int id, DoneInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.ActionItemDoneAsync(id, p, input.Done ?? true, ct)))
            .WithName("ActionItemDone").WithSummary("Mark an action item done (or, with \"done\":false, open again).");

        var admin = api.MapGroup("/programs/{id:int}/health").WithTags("Relationship health").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", Health).WithName("ProgramHealth").WithSummary("Each active pair's relationship health (on-track, needs-check-in, at-risk, too-early), with counts and flags, never a text.");
        admin.MapGet("/groups", GroupsHealth).WithName("ProgramGroupsHealth").WithSummary("Each group's health by the same rule, from its meetings, who still comes, ratings and goals, never a text.");
        admin.MapGet("/rule", GetRule).WithName("GetHealthRule").WithSummary("The program's health rule.");
        admin.MapPut("/rule", SetRule).WithName("SetHealthRule").WithSummary("Set the program's health rule.");
        admin.MapPost("/{mentorshipId:int}/rematch", Rematch).WithName("RematchPair")
            .WithSummary("End a pair one of whom answered \"not a good fit\", with a reason both see, and send its mentee back to matching.");
        api.MapGroupSpaceApi();
        return api;
    }

    private static async Task<Results<Ok<T>, NotFound, ValidationProblem>> As<T>(CurrentPerson current, Func<int, Task<Outcome<T>>> action)
    {
        if (await current.IdAsync() is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        return (await action(personId)).ToOk();
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> CheckInCalendarFile(
        int id, string? callLink, CurrentPerson current, MentorshipSpaceService service, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        var outcome = await service.CheckInCalendarAsync(id, personId, callLink, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.IsNotFound ? TypedResults.NotFound() : outcome.ToProblem();
        }
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(outcome.Value!), "text/calendar", $"check-in-{id}.ics");
    }

    private static async Task<Results<Ok<List<HealthDto>>, NotFound>> Health(int id, MentoringDbContext db, HealthQueries health, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok((await health.PairsAsync(id, cancellationToken)).Select(HealthQueries.ToDto).ToList());
    }

    private static async Task<Results<Ok<List<GroupHealthDto>>, NotFound>> GroupsHealth(int id, MentoringDbContext db, HealthQueries health, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok((await health.GroupsAsync(id, cancellationToken)).Select(HealthQueries.ToDto).ToList());
    }

    private static async Task<Results<Ok<RematchDto>, NotFound, ValidationProblem>> Rematch(
        int id, int mentorshipId, RematchInput input, CurrentPerson current, Rematches rematches, CancellationToken cancellationToken) =>
        (await rematches.RematchAsync(id, mentorshipId, await current.IdAsync(cancellationToken), input, cancellationToken)).ToOk();

    private static async Task<Results<Ok<HealthRule>, NotFound>> GetRule(int id, MentoringDbContext db, CancellationToken cancellationToken) =>
        await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } program
            ? TypedResults.Ok(program.Health) : TypedResults.NotFound();

    private static async Task<Results<Ok<HealthRule>, NotFound, ValidationProblem>> SetRule(int id, HealthRule input, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (program is null)
        {
            return TypedResults.NotFound();
        }
        var checkedRule = MentorshipHealth.Check(input);
        if (!checkedRule.Succeeded)
        {
            return checkedRule.ToProblem();
        }
        program.Health = input;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(program.Health);
    }
}
