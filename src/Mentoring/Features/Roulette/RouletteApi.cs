using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Roulette;

public sealed record RoundSummary(
    int Id, DateOnly PeriodStart, DateTimeOffset DrawnAt, bool Manual, int Participants, int Pairings, bool HasTrio,
    int Repeats, int CrossGroup, bool Optimal, double MeetingRate, double AnsweredRate)
{
    public static RoundSummary From(RouletteRound r) => new(
        r.Id, r.PeriodStart.ToDateOnly(), r.DrawnAt.ToDateTimeOffset(), r.Manual, r.Participants, r.Pairings.Count, r.Pairings.Any(p => p.PersonCId is not null),
        r.Repeats, r.CrossGroup, r.Optimal,
        r.Pairings.Count == 0 ? 0 : Math.Round((double)r.Pairings.Count(p => p.Met) / r.Pairings.Count, 3),
        r.Pairings.Count == 0 ? 0 : Math.Round((double)r.Pairings.Count(p => p.Answered) / r.Pairings.Count, 3));
}

public sealed record NotMeeting(int PersonId, string Name, int Missed, int Of);

public sealed record RouletteOverview(
    RouletteSettings Settings, int OptedIn, int Paused, int OptedOut, DateOnly? CurrentPeriod, DateTimeOffset? NextDue,
    IReadOnlyList<RoundSummary> Rounds, IReadOnlyList<NotMeeting> KeepsNotMeeting);

public sealed record PairingDto(int Id, int RoundId, DateOnly PeriodStart, IReadOnlyList<string> With, string Starter, string VideoLink, string Introduction, bool? IMet, bool Met)
{
    /// <summary>A pairing as <paramref name="me"/> sees it (the others' names, my own answer); as the admin sees it when null.</summary>
    public static PairingDto From(RouletteRound round, RoulettePairing p, int? me)
    {
        var people = new[] { p.PersonA, p.PersonB, p.PersonC }.Where(x => x is not null).Select(x => x!).ToList();
        var iMet = me is null ? null : me == p.PersonAId ? p.MetA : me == p.PersonBId ? p.MetB : p.MetC;
        return new PairingDto(p.Id, round.Id, round.PeriodStart.ToDateOnly(), people.Where(x => x.Id != me).Select(x => x.Name).ToList(),
            p.Starter, p.VideoLink, p.Introduction, iMet, p.Met);
    }
}

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
        services.AddScoped<RouletteQueries>();
        services.AddScoped<RouletteParticipation>();
        services.AddSingleton<RouletteScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RouletteScheduler>());
        return services;
    }

    public static RouteGroupBuilder MapRouletteApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/programs/{programId:int}/roulette").WithTags("Coffee roulette").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", Overview).WithName("RouletteOverview").WithSummary("Rounds, meeting rate per round, who keeps not meeting, opt-in counts.");
        admin.MapPut("/settings", PutSettings).WithName("PutRouletteSettings").WithSummary("Cadence, draw time, mixing, introduction and call-link templates.");
        admin.MapPost("/rounds", RunNow).WithName("RunRouletteRound").WithSummary("Draw the current period's round now (a period has one round, drawn by hand or on schedule).");
        api.MapGet("/roulette/rounds/{roundId:int}", Round).WithTags("Coffee roulette").WithName("RouletteRound")
            .WithSummary("One round's pairings and answers.").RequireAuthorization(Policies.Admin);

        var me = api.MapGroup("/").WithTags("Coffee roulette").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/programs/{programId:int}/roulette/me", Mine).WithName("MyRoulette").WithSummary("My participation and my recent coffees.");
        me.MapPut("/programs/{programId:int}/roulette/me", PutMine).WithName("PutMyRoulette").WithSummary("Opt in or out, pause until a date, choose my cadence.");
        me.MapPost("/roulette/pairings/{pairingId:int}/met", Met).WithName("DidWeMeet").WithSummary("Did you meet? My answer for one of my pairings.");
        return api;
    }

    private static async Task<Results<Ok<RouletteOverview>, NotFound>> Overview(int programId, RouletteQueries roulette, CancellationToken cancellationToken) =>
        await roulette.OverviewAsync(programId, cancellationToken) is { } overview ? TypedResults.Ok(overview) : TypedResults.NotFound();

    private static async Task<Results<Ok<RouletteSettings>, NotFound, ValidationProblem>> PutSettings(
        int programId, RouletteSettings settings, RouletteParticipation roulette, CancellationToken cancellationToken) =>
        (await roulette.SaveSettingsAsync(programId, settings, cancellationToken)).ToOk();

    private static async Task<Results<Created<RoundSummary>, NotFound, ValidationProblem>> RunNow(
        int programId, RouletteParticipation roulette, CancellationToken cancellationToken)
    {
        var drawn = await roulette.DrawNowAsync(programId, cancellationToken);
        if (drawn.IsNotFound)
        {
            return TypedResults.NotFound();
        }
        if (!drawn.Succeeded)
        {
            return drawn.ToProblem();
        }
        return TypedResults.Created($"/api/roulette/rounds/{drawn.Value!.Id}", RoundSummary.From(drawn.Value));
    }

    private static async Task<Results<Ok<List<PairingDto>>, NotFound>> Round(int roundId, RouletteQueries roulette, CancellationToken cancellationToken)
    {
        var round = await roulette.LoadRoundAsync(roundId, cancellationToken);
        return round is null ? TypedResults.NotFound() : TypedResults.Ok(round.Pairings.Select(p => PairingDto.From(round, p, null)).ToList());
    }

    private static async Task<Results<Ok<MyRoulette>, ValidationProblem>> Mine(
        int programId, CurrentPerson current, RouletteQueries roulette, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        return TypedResults.Ok(await roulette.MineAsync(programId, personId, cancellationToken));
    }

    private static async Task<Results<Ok<MyRoulette>, NotFound, ValidationProblem>> PutMine(
        int programId, MyRouletteInput input, CurrentPerson current, RouletteParticipation participation, RouletteQueries roulette,
        CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        if (!(await participation.SaveMineAsync(programId, personId, input, cancellationToken)).Succeeded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await roulette.MineAsync(programId, personId, cancellationToken));
    }

    private static async Task<Results<Ok<PairingDto>, NotFound, ValidationProblem>> Met(
        int pairingId, MetInput input, CurrentPerson current, RouletteService service, RouletteQueries roulette, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        if (!(await service.AnswerAsync(pairingId, personId, input.Met, cancellationToken)).Succeeded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await roulette.PairingAsync(pairingId, personId, cancellationToken));
    }
}

/// <summary>The limits of a roulette program's settings, shared by the API and the settings page.</summary>
public static class RouletteSettingsRules
{
    public static Outcome<Done> Check(RouletteSettings settings)
    {
        if (Problems.Zone(settings.TimeZone) is null)
        {
            return Outcome.Invalid("timeZone", $"unknown time zone \"{settings.TimeZone}\"");
        }
        if (settings.DrawHour is < 0 or > 23)
        {
            return Outcome.Invalid("drawHour", "the draw hour is from 0 to 23");
        }
        if (settings.IntroductionTemplate?.Contains("{link}", StringComparison.Ordinal) != true)
        {
            return Outcome.Invalid("introductionTemplate", "the introduction must contain {link}, the call link");
        }
        if (string.IsNullOrWhiteSpace(settings.VideoLinkTemplate))
        {
            return Outcome.Invalid("videoLinkTemplate", "give the call link, such as https://meet.jit.si/mentoring-{program}-{round}-{pair}-{token}");
        }
        return Outcome.Done();
    }
}
