using System.Security.Claims;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Roulette;

public sealed record RoundSummary(
    int Id, DateOnly PeriodStart, DateTimeOffset DrawnAt, bool Manual, int Participants, int Pairings, bool HasTrio,
    int Repeats, int CrossGroup, bool Optimal, double MeetingRate, double AnsweredRate);

public sealed record NotMeeting(int PersonId, string Name, int Missed, int Of);

public sealed record RouletteOverview(
    RouletteSettings Settings, int OptedIn, int Paused, int OptedOut, DateOnly CurrentPeriod, DateTimeOffset NextDue,
    IReadOnlyList<RoundSummary> Rounds, IReadOnlyList<NotMeeting> KeepsNotMeeting);

public sealed record PairingDto(int Id, int RoundId, DateOnly PeriodStart, IReadOnlyList<string> With, string Starter, string VideoLink, string Introduction, bool? IMet, bool Met);

public sealed record MyRoulette(
    bool Enrolled, bool OptedIn, DateOnly? PausedUntil, RouletteCadence? Cadence, bool MeetOtherOffices, IReadOnlyList<PairingDto> Pairings,
    bool MeetOtherDepartments = true, bool MeetOtherLevels = true);

public sealed record MyRouletteInput(
    bool OptedIn, DateOnly? PausedUntil, RouletteCadence? Cadence, bool MeetOtherOffices = true, bool MeetOtherDepartments = true, bool MeetOtherLevels = true);

public sealed record MetInput(bool Met);

/// <summary>Coffee roulette: the admin's overview and "run a round now"; each person's opt-in, pause, cadence and "did you meet?".</summary>
public static class RouletteApi
{
    public static IServiceCollection AddRouletteFeature(this IServiceCollection services)
    {
        services.AddScoped<RouletteService>();
        services.AddSingleton<RouletteScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RouletteScheduler>());
        return services;
    }

    public static RouteGroupBuilder MapRouletteApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/programs/{programId:int}/roulette").WithTags("Coffee roulette").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", Overview).WithName("RouletteOverview").WithSummary("Rounds, meeting rate per round, who keeps not meeting, opt-in counts.");
        admin.MapPut("/settings", PutSettings).WithName("PutRouletteSettings").WithSummary("Cadence, draw time, mixing, introduction and call-link templates.");
        admin.MapPost("/rounds", RunNow).WithName("RunRouletteRound").WithSummary("Draw a round now (at most one a day besides the scheduled ones).");
        api.MapGet("/roulette/rounds/{roundId:int}", Round).WithTags("Coffee roulette").WithName("RouletteRound")
            .WithSummary("One round's pairings and answers.").RequireAuthorization(Policies.Admin);

        var me = api.MapGroup("/").WithTags("Coffee roulette").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/programs/{programId:int}/roulette/me", Mine).WithName("MyRoulette").WithSummary("My participation and my recent coffees.");
        me.MapPut("/programs/{programId:int}/roulette/me", PutMine).WithName("PutMyRoulette").WithSummary("Opt in or out, pause until a date, choose my cadence.");
        me.MapPost("/roulette/pairings/{pairingId:int}/met", Met).WithName("DidWeMeet").WithSummary("Did you meet? My answer for one of my pairings.");
        return api;
    }

    private static async Task<Results<Ok<RouletteOverview>, NotFound>> Overview(int programId, MentoringDbContext db, IClock clock, CancellationToken cancellationToken) =>
        await OverviewAsync(db, clock, programId, cancellationToken) is { } overview ? TypedResults.Ok(overview) : TypedResults.NotFound();

    /// <summary>The admin's overview of a roulette program; null when there is no such roulette program.</summary>
    internal static async Task<RouletteOverview?> OverviewAsync(MentoringDbContext db, IClock clock, int programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId && p.Kind == ProgramKind.CoffeeRoulette, cancellationToken);
        if (program is null)
        {
            return null;
        }
        var now = clock.GetCurrentInstant();
        // Pauses end on a day of the roulette's own zone.
        var today = Today.Of(now, program.Roulette.TimeZone);
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == programId).ToListAsync(cancellationToken);
        var rounds = await db.RouletteRounds.AsNoTracking().Include(r => r.Pairings).Where(r => r.ProgramId == programId)
            .OrderByDescending(r => r.PeriodStart).ToListAsync(cancellationToken);
        var (current, due) = RoulettePeriods.Current(program.Roulette, now);
        var nextDue = now < due ? due : RoulettePeriods.Current(program.Roulette, due.Plus(Duration.FromDays(program.Roulette.Cadence == RouletteCadence.Monthly ? 32 : program.Roulette.Cadence == RouletteCadence.Weekly ? 7 : 14))).Due;
        return new RouletteOverview(
            program.Roulette,
            enrollments.Count(e => !e.OptedOut && (e.PausedUntil is null || e.PausedUntil < today)),
            enrollments.Count(e => !e.OptedOut && e.PausedUntil >= today),
            enrollments.Count(e => e.OptedOut),
            current.ToDateOnly(), nextDue.ToDateTimeOffset(),
            rounds.Select(Summary).ToList(),
            await KeepsNotMeetingAsync(db, rounds, cancellationToken));
    }

    internal static RoundSummary Summary(RouletteRound r) => new(
        r.Id, r.PeriodStart.ToDateOnly(), r.DrawnAt.ToDateTimeOffset(), r.Manual, r.Participants, r.Pairings.Count, r.Pairings.Any(p => p.PersonCId is not null),
        r.Repeats, r.CrossGroup, r.Optimal,
        r.Pairings.Count == 0 ? 0 : Math.Round((double)r.Pairings.Count(p => p.Met) / r.Pairings.Count, 3),
        r.Pairings.Count == 0 ? 0 : Math.Round((double)r.Pairings.Count(p => p.Answered) / r.Pairings.Count, 3));

    /// <summary>People whose last three pairings (answered ones) mostly did not happen: a nudge or a check-in may help.</summary>
    private static async Task<List<NotMeeting>> KeepsNotMeetingAsync(MentoringDbContext db, List<RouletteRound> rounds, CancellationToken cancellationToken)
    {
        var history = rounds.OrderByDescending(r => r.PeriodStart).SelectMany(r => r.Pairings).Where(p => p.Answered)
            .SelectMany(p => p.Members.Select(m => (Person: m, p.Met))).GroupBy(x => x.Person)
            .Select(g => (Person: g.Key, Last: g.Take(3).ToList()))
            .Where(x => x.Last.Count >= 2 && x.Last.Count(m => !m.Met) >= 2).ToList();
        var ids = history.Select(h => h.Person).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return history.Select(h => new NotMeeting(h.Person, names.GetValueOrDefault(h.Person, "?"), h.Last.Count(m => !m.Met), h.Last.Count))
            .OrderByDescending(n => n.Missed).ThenBy(n => n.Name).ToList();
    }

    private static async Task<Results<Ok<RouletteSettings>, NotFound, ValidationProblem>> PutSettings(
        int programId, RouletteSettings settings, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == programId && p.Kind == ProgramKind.CoffeeRoulette, cancellationToken);
        if (program is null)
        {
            return TypedResults.NotFound();
        }
        if (RouletteSettingsRules.Check(settings) is { } error)
        {
            return Problems.Field(error.Field, error.Message);
        }
        program.Roulette = settings;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(program.Roulette);
    }

    private static async Task<Results<Created<RoundSummary>, NotFound, ValidationProblem>> RunNow(
        int programId, MentoringDbContext db, RouletteService service, IClock clock, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId && p.Kind == ProgramKind.CoffeeRoulette, cancellationToken);
        if (program is null)
        {
            return TypedResults.NotFound();
        }
        var (today, round) = await DrawTodayAsync(program, service, clock, cancellationToken);
        if (round is null)
        {
            return Problems.Field("programId", $"a round was already drawn for {today:yyyy-MM-dd}");
        }
        return TypedResults.Created($"/api/roulette/rounds/{round.Id}", Summary(round));
    }

    /// <summary>"Run a round now": today's round in the program's zone; no round when today's was already drawn.</summary>
    internal static async Task<(LocalDate Today, RouletteRound? Round)> DrawTodayAsync(
        MentoringProgram program, RouletteService service, IClock clock, CancellationToken cancellationToken)
    {
        var zone = Problems.Zone(program.Roulette.TimeZone) ?? DateTimeZone.Utc;
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        return (today, await service.DrawAsync(program.Id, today, manual: true, cancellationToken));
    }

    private static async Task<Results<Ok<List<PairingDto>>, NotFound>> Round(int roundId, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var round = await LoadRoundAsync(db, roundId, cancellationToken);
        return round is null ? TypedResults.NotFound() : TypedResults.Ok(round.Pairings.Select(p => Dto(round, p, null)).ToList());
    }

    /// <summary>A round with its pairings and the people in them.</summary>
    internal static Task<RouletteRound?> LoadRoundAsync(MentoringDbContext db, int roundId, CancellationToken cancellationToken) =>
        db.RouletteRounds.AsNoTracking()
            .Include(r => r.Pairings).ThenInclude(p => p.PersonA)
            .Include(r => r.Pairings).ThenInclude(p => p.PersonB)
            .Include(r => r.Pairings).ThenInclude(p => p.PersonC)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);

    private static async Task<Results<Ok<MyRoulette>, ValidationProblem>> Mine(
        int programId, ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (await PersonIdAsync(user, users) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        return TypedResults.Ok(await MineAsync(db, programId, personId, cancellationToken));
    }

    internal static async Task<MyRoulette> MineAsync(MentoringDbContext db, int programId, int personId, CancellationToken cancellationToken)
    {
        var enrollment = await db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.ProgramId == programId && e.PersonId == personId, cancellationToken);
        var rounds = await db.RouletteRounds.AsNoTracking()
            .Include(r => r.Pairings).ThenInclude(p => p.PersonA)
            .Include(r => r.Pairings).ThenInclude(p => p.PersonB)
            .Include(r => r.Pairings).ThenInclude(p => p.PersonC)
            .Where(r => r.ProgramId == programId && r.Pairings.Any(p => p.PersonAId == personId || p.PersonBId == personId || p.PersonCId == personId))
            .OrderByDescending(r => r.PeriodStart).Take(10).AsSplitQuery().ToListAsync(cancellationToken);
        var pairings = rounds.Select(r => Dto(r, r.Pairings.Single(p => p.Members.Contains(personId)), personId)).ToList();
        return enrollment is null
            ? new MyRoulette(false, false, null, null, true, pairings)
            : new MyRoulette(true, !enrollment.OptedOut, enrollment.PausedUntil?.ToDateOnly(), enrollment.Cadence, enrollment.MeetOtherOffices, pairings,
                enrollment.MeetOtherDepartments, enrollment.MeetOtherLevels);
    }

    private static async Task<Results<Ok<MyRoulette>, NotFound, ValidationProblem>> PutMine(
        int programId, MyRouletteInput input, ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (await PersonIdAsync(user, users) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        if (!await SaveMineAsync(db, programId, personId, input, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await MineAsync(db, programId, personId, cancellationToken));
    }

    /// <summary>Saves a person's participation in a roulette program, enrolling them when they join; false when there is no such open program.</summary>
    internal static async Task<bool> SaveMineAsync(MentoringDbContext db, int programId, int personId, MyRouletteInput input, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId && p.Kind == ProgramKind.CoffeeRoulette && p.Status != ProgramStatus.Archived, cancellationToken))
        {
            return false;
        }
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.ProgramId == programId && e.PersonId == personId, cancellationToken);
        if (enrollment is null)
        {
            // Anyone may join a coffee roulette by themself: opting in is the point.
            enrollment = new Enrollment { ProgramId = programId, PersonId = personId, Role = EnrollmentRole.Participant, Capacity = 0, Mode = MeetingMode.Virtual };
            db.Enrollments.Add(enrollment);
        }
        enrollment.OptedOut = !input.OptedIn;
        enrollment.PausedUntil = input.PausedUntil is { } until ? LocalDate.FromDateOnly(until) : null;
        enrollment.Cadence = input.Cadence;
        enrollment.MeetOtherOffices = input.MeetOtherOffices;
        enrollment.MeetOtherDepartments = input.MeetOtherDepartments;
        enrollment.MeetOtherLevels = input.MeetOtherLevels;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static async Task<Results<Ok<PairingDto>, NotFound, ValidationProblem>> Met(
        int pairingId, MetInput input, ClaimsPrincipal user, UserManager<UserAccount> users, RouletteService service, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (await PersonIdAsync(user, users) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        try
        {
            await service.AnswerAsync(pairingId, personId, input.Met, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
        var pairing = await db.RoulettePairings.AsNoTracking().Include(p => p.PersonA).Include(p => p.PersonB).Include(p => p.PersonC)
            .SingleAsync(p => p.Id == pairingId, cancellationToken);
        var round = await db.RouletteRounds.AsNoTracking().SingleAsync(r => r.Id == pairing.RoundId, cancellationToken);
        return TypedResults.Ok(Dto(round, pairing, personId));
    }

    private static PairingDto Dto(RouletteRound round, RoulettePairing p, int? me)
    {
        var people = new[] { p.PersonA, p.PersonB, p.PersonC }.Where(x => x is not null).Select(x => x!).ToList();
        var iMet = me is null ? null : me == p.PersonAId ? p.MetA : me == p.PersonBId ? p.MetB : p.MetC;
        return new PairingDto(p.Id, round.Id, round.PeriodStart.ToDateOnly(), people.Where(x => x.Id != me).Select(x => x.Name).ToList(),
            p.Starter, p.VideoLink, p.Introduction, iMet, p.Met);
    }

    private static async Task<int?> PersonIdAsync(ClaimsPrincipal user, UserManager<UserAccount> users) =>
        (await users.GetUserAsync(user))?.PersonId;
}

/// <summary>The limits of a roulette program's settings, shared by the API and the settings page.</summary>
public static class RouletteSettingsRules
{
    public static (string Field, string Message)? Check(RouletteSettings settings)
    {
        if (Problems.Zone(settings.TimeZone) is null)
        {
            return ("timeZone", $"unknown time zone \"{settings.TimeZone}\"");
        }
        if (settings.DrawHour is < 0 or > 23)
        {
            return ("drawHour", "the draw hour is from 0 to 23");
        }
        if (settings.IntroductionTemplate?.Contains("{link}", StringComparison.Ordinal) != true)
        {
            return ("introductionTemplate", "the introduction must contain {link}, the call link");
        }
        if (string.IsNullOrWhiteSpace(settings.VideoLinkTemplate))
        {
            return ("videoLinkTemplate", "give the call link, such as https://meet.jit.si/mentoring-{program}-{round}-{pair}-{token}");
        }
        return null;
    }
}
