using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// A group cohort's shared space under /api/groups/{id}: the same plan, goals, sessions, notes,
/// reflections, check-ins and action items as a pair's, with the same bodies, for the group's host
/// and members. Anyone else is told it does not exist; a private item is its author's only. Goals,
/// milestones, sessions and action items by their own id (/api/goals/{id}, …) work for a group's too.
/// </summary>
public static class GroupSpaceApi
{
    public static RouteGroupBuilder MapGroupSpaceApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/groups/{id:int}").WithTags("Group space").RequireAuthorization(Policies.SignedIn);
        g.MapGet("/plan", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.PlanAsync(SpaceKey.Group(id), p, ct)))
            .WithName("GetGroupPlan").WithSummary("The group's Communications and Expectations Plan: its latest version, who confirmed it, its time in each member's zone.");
        g.MapPut("/plan", (int id, PlanInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.SetPlanAsync(SpaceKey.Group(id), p, input, ct)))
            .WithName("SetGroupPlan").WithSummary("Make the group's plan, or change it: a change is a new version that every member confirms.");
        g.MapPost("/plan/confirm", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.ConfirmPlanAsync(SpaceKey.Group(id), p, ct)))
            .WithName("ConfirmGroupPlan").WithSummary("Confirm the group plan's latest version as the caller.");
        g.MapGet("/goals", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.GoalsAsync(SpaceKey.Group(id), p, ct)))
            .WithName("GetGroupGoals").WithSummary("The group's goals with their milestones and progress.");
        g.MapPost("/goals", (int id, GoalInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddGoalAsync(SpaceKey.Group(id), p, input, ct)))
            .WithName("AddGroupGoal").WithSummary("Set a group goal: what, why, how you will know, by when.");
        g.MapGet("/sessions", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.SessionsAsync(SpaceKey.Group(id), p, ct)))
            .WithName("GetGroupSessions").WithSummary("The group's sessions, scheduled or logged: agenda, shared notes, my rating and my private notes.");
        g.MapPost("/sessions", (int id, LogSessionInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.LogSessionAsync(SpaceKey.Group(id), p, input, ct)))
            .WithName("LogGroupSession").WithSummary("Log a group session that happened, in person or virtual, with its agenda, shared notes and my private notes.");
        g.MapGet("/notes", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.NotesAsync(SpaceKey.Group(id), p, ct)))
            .WithName("GetGroupNotes").WithSummary("The group's shared notes and my own private ones.");
        g.MapPost("/notes", (int id, NoteInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddNoteAsync(SpaceKey.Group(id), p, input, ct)))
            .WithName("AddGroupNote").WithSummary("Write a note, private (mine only) or shared (the group's), on a session or not.");
        g.MapGet("/reflections", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.ReflectionsAsync(SpaceKey.Group(id), p, ct)))
            .WithName("GetGroupReflections").WithSummary("The group's reflections as one story: the shared ones and my private ones.");
        g.MapPost("/reflections", (int id, ReflectionInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddReflectionAsync(SpaceKey.Group(id), p, input, ct)))
            .WithName("AddGroupReflection").WithSummary("Reflect: where we started, how far we've come, where we're going.");
        g.MapGet("/checkins", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.CheckInsAsync(SpaceKey.Group(id), p, ct)))
            .WithName("GetGroupCheckIns").WithSummary("The group's check-ins, latest first.");
        g.MapPost("/checkins", (int id, CheckInInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddCheckInAsync(SpaceKey.Group(id), p, input, ct)))
            .WithName("AddGroupCheckIn").WithSummary("Log a group check-in in one step: did we meet, how was it (1-5), one line.");
        g.MapGet("/action-items", (int id, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.ActionItemsAsync(SpaceKey.Group(id), p, ct)))
            .WithName("GetGroupActionItems").WithSummary("The group's action items, open first.");
        g.MapPost("/action-items", (int id, ActionItemInput input, CurrentPerson me, MentorshipSpaceService s, CancellationToken ct) => As(me, p => s.AddActionItemAsync(SpaceKey.Group(id), p, input, ct)))
            .WithName("AddGroupActionItem").WithSummary("Add an action item with an owner (the host or a member) and a due date.");
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
}
