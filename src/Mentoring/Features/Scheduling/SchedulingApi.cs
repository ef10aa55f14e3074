using System.Security.Claims;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Calendar;
using Mentoring.Features.Matching;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Scheduling;

public sealed record PlanInput(DateOnly From, DateOnly To, int TimeLimitSeconds = 20);

public sealed record SessionDto(
    int Id, int ProgramId, string Kind, string Title, PersonRef Host, DateOnly Date, DaySlot Slot, DateTimeOffset Start, DateTimeOffset End,
    string TimeZone, string? Location, SessionStatus Status, IReadOnlyList<AttendeeDto> Attendees)
{
    public static SessionDto From(ScheduledSession s) => new(
        s.Id, s.ProgramId, s.Kind, s.Title, MatchRunDto.Ref(s.Host!), s.Date.ToDateOnly(), s.Slot, s.Start.ToDateTimeOffset(), s.End.ToDateTimeOffset(),
        s.TimeZone, s.Location, s.Status, s.Attendees.Select(a => new AttendeeDto(a.PersonId, a.Person?.Name ?? "", a.Response)).ToList());
}

public sealed record AttendeeDto(int PersonId, string Name, AttendeeResponse Response);

public sealed record RespondInput(AttendeeResponse Response);

public sealed record PresenceInput(DateOnly Date, PresenceKind? Kind);

/// <summary>A senior's office days under the program's plan, against what a three-day mandate would ask.</summary>
public sealed record OfficeDaysRow(int PersonId, string Name, int ProgramDays, int MandateDays);

public sealed record CalendarLink(string? Url);

/// <summary>
/// Hybrid scheduling: the admin plans a period; attendees accept, decline or ask for another time;
/// everyone declares office days; a calendar subscription per person, and the office-days comparison.
/// </summary>
public static class SchedulingApi
{
    public static IServiceCollection AddSchedulingFeature(this IServiceCollection services) =>
        services.AddScoped<SchedulingService>().AddScoped<SessionMoves>().AddScoped<CalendarLinks>()
            .AddScoped<PlanJobs>().AddJobHandler<PlanJobHandler>(PlanJobs.JobKind);

    public static RouteGroupBuilder MapSchedulingApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/programs/{programId:int}/schedule").WithTags("Scheduling").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", Plan).WithName("PlanSessions")
            .WithSummary("Plan the program's sessions for a period: in-person on the fewest office days, virtual inside working hours; accepted sessions are kept.");
        admin.MapGet("/", List).WithName("ListSessions").WithSummary("The program's sessions in a period.");
        admin.MapGet("/office-days", OfficeDays).WithName("OfficeDays")
            .WithSummary("Each host's office days under the plan, against a three-day mandate over the same weeks.");

        var me = api.MapGroup("/").WithTags("Scheduling").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/me/sessions", MySessions).WithName("MySessions").WithSummary("My sessions, as host or attendee.");
        me.MapPost("/sessions/{id:int}/respond", Respond).WithName("RespondToSession").WithSummary("Accept, decline, or ask for another time.");
        me.MapPost("/sessions/{id:int}/move", Move).WithName("MoveSession")
            .WithSummary("Move a session to another time (yyyy-MM-ddTHH:mm in its zone), length and room (the admin or the host): everyone gets an update with the same UID and a higher SEQUENCE.");
        me.MapPut("/me/presence", SetPresence).WithName("SetPresence").WithSummary("Declare a day in the office or unavailable (kind null clears it).");
        me.MapGet("/me/calendar", GetCalendar).WithName("MyCalendarLink").WithSummary("My secret calendar subscription URL, if I made one.");
        me.MapPost("/me/calendar", NewCalendar).WithName("NewCalendarLink").WithSummary("Make (or remake, revoking the old one) my calendar subscription URL.");
        me.MapDelete("/me/calendar", RevokeCalendar).WithName("RevokeCalendarLink").WithSummary("Revoke my calendar subscription URL.");
        return api;
    }

    /// <summary>The subscription feed: anonymous, its secret in the address (calendar apps cannot sign in).</summary>
    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{token}.ics", Feed).AllowAnonymous().WithTags("Scheduling").WithName("CalendarFeed")
            .WithSummary("A person's sessions as an iCalendar feed, by their secret token.");
        return app;
    }

    /// <summary>Runs as a job (see <see cref="PlanJobs"/>) and answers with its result once it is done.</summary>
    private static async Task<Results<Ok<PlanResult>, NotFound, ValidationProblem, ProblemHttpResult>> Plan(
        int programId, PlanInput input, ClaimsPrincipal user, PlanJobs plans, JobQueue jobs, CancellationToken cancellationToken)
    {
        var job = await plans.StartAsync(new PlanJobInput(programId, input.From, input.To, Math.Clamp(input.TimeLimitSeconds, 1, 120)),
            user.Identity?.Name ?? "admin", cancellationToken);
        job = await jobs.WaitAsync(job.Id, cancellationToken);
        return job switch
        {
            { Status: JobStatus.Succeeded } => TypedResults.Ok(JobQueue.ResultOf<PlanResult>(job)!),
            { ErrorField: "programId" } => TypedResults.NotFound(),
            { ErrorField: { } field } => Problems.Field(field, job.Error ?? ""),
            _ => TypedResults.Problem(job.Error, statusCode: StatusCodes.Status500InternalServerError, title: "Planning the schedule failed"),
        };
    }

    private static async Task<Ok<List<SessionDto>>> List(int programId, MentoringDbContext db, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null)
    {
        var query = SessionQueries.Query(db).Where(s => s.ProgramId == programId);
        if (from is { } f)
        {
            query = query.Where(s => s.Date >= LocalDate.FromDateOnly(f));
        }
        if (to is { } t)
        {
            query = query.Where(s => s.Date <= LocalDate.FromDateOnly(t));
        }
        var sessions = await query.ToListAsync(cancellationToken);
        return TypedResults.Ok(sessions.OrderBy(s => s.Start).Select(SessionDto.From).ToList());
    }

    private static async Task<Ok<List<OfficeDaysRow>>> OfficeDays(int programId, DateOnly from, DateOnly to, MentoringDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await SessionQueries.OfficeDaysAsync(db, programId, LocalDate.FromDateOnly(from), LocalDate.FromDateOnly(to), cancellationToken));

    private static async Task<Results<Ok<List<SessionDto>>, ValidationProblem>> MySessions(
        CurrentPerson current, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        var sessions = await SessionQueries.SessionsOfAsync(db, personId, cancellationToken);
        return TypedResults.Ok(sessions.Where(s => s.Status != SessionStatus.Cancelled).Select(SessionDto.From).ToList());
    }

    private static async Task<Results<Ok<SessionDto>, ValidationProblem>> Respond(
        int id, RespondInput input, CurrentPerson current, SchedulingService scheduling, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        if (await scheduling.RespondAsync(id, personId, input.Response, cancellationToken) is { Succeeded: false } refused)
        {
            return refused.ToProblem();
        }
        return TypedResults.Ok(SessionDto.From(await SessionQueries.Query(db).SingleAsync(s => s.Id == id, cancellationToken)));
    }

    private static async Task<Results<Ok<SessionDto>, NotFound, ValidationProblem>> Move(
        int id, MoveSessionInput input, CurrentPerson current, SessionMoves moves, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await moves.MoveAsync(id, await current.IdAsync(cancellationToken), current.IsAdmin, input, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.IsNotFound ? TypedResults.NotFound() : outcome.ToProblem();
        }
        return TypedResults.Ok(SessionDto.From(await SessionQueries.Query(db).SingleAsync(s => s.Id == id, cancellationToken)));
    }

    private static async Task<Results<NoContent, ValidationProblem>> SetPresence(
        PresenceInput input, CurrentPerson current, SchedulingService scheduling, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        await scheduling.SetPresenceAsync(personId, LocalDate.FromDateOnly(input.Date), input.Kind, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CalendarLink>, ValidationProblem>> GetCalendar(
        HttpRequest request, CurrentPerson current, CalendarLinks links, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        var token = await links.TokenAsync(personId, cancellationToken);
        return TypedResults.Ok(new CalendarLink(token is null ? null : CalendarLinks.FeedUrl(request, token)));
    }

    private static async Task<Results<Ok<CalendarLink>, ValidationProblem>> NewCalendar(
        HttpRequest request, CurrentPerson current, CalendarLinks links, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        return TypedResults.Ok(new CalendarLink(CalendarLinks.FeedUrl(request, await links.RenewAsync(personId, cancellationToken))));
    }

    private static async Task<Results<NoContent, ValidationProblem>> RevokeCalendar(
        CurrentPerson current, CalendarLinks links, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        await links.RevokeAsync(personId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Feed(string token, MentoringDbContext db, IClock clock, CancellationToken cancellationToken)
    {
        if (token.Length < 32)
        {
            return TypedResults.NotFound();
        }
        // A person who has left the roster keeps no feed, as their account keeps no session.
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.CalendarToken == token && p.Active, cancellationToken);
        if (person is null)
        {
            return TypedResults.NotFound();
        }
        var sessions = await SessionQueries.SessionsOfAsync(db, person.Id, cancellationToken);
        return TypedResults.Text(SessionCalendar.Write(sessions, $"Mentoring: {person.Name}", clock.GetCurrentInstant()), "text/calendar; charset=utf-8");
    }
}
