using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Roulette;

/// <summary>The changes to a coffee roulette: its settings, "run a round now", and a person's own participation.</summary>
public sealed class RouletteParticipation(MentoringDbContext db, RouletteService service, IClock clock)
{
    /// <summary>The admin changes the settings, within <see cref="RouletteSettingsRules"/>; not found when there is no such roulette program.</summary>
    public async Task<Outcome<RouletteSettings>> SaveSettingsAsync(int programId, RouletteSettings settings, CancellationToken cancellationToken)
    {
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == programId && p.Kind == ProgramKind.CoffeeRoulette, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        if (RouletteSettingsRules.Check(settings) is { Succeeded: false } refused)
        {
            return Outcome.Invalid(refused.Errors);
        }
        program.Roulette = settings;
        await db.SaveChangesAsync(cancellationToken);
        return program.Roulette;
    }

    /// <summary>
    /// "Run a round now": draws the current period's round, the one the schedule would draw, so a period
    /// keeps one round whoever draws it. Refused (naming when) when it was already drawn, or when the
    /// program has not started or has ended.
    /// </summary>
    public async Task<Outcome<RouletteRound>> DrawNowAsync(int programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId && p.Kind == ProgramKind.CoffeeRoulette, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        var now = clock.GetCurrentInstant();
        var zone = program.Roulette.TimeZone;
        if (RoulettePeriods.Current(program, now) is not { } period)
        {
            return RoulettePeriods.Next(program, now) is { } first
                ? Outcome.Invalid("programId", $"the program starts on {Display.Date(program.StartDate)}: its first round is drawn on {Display.Moment(first.Due, zone)}")
                : Outcome.Invalid("programId", $"the program ended on {Display.Date(program.EndDate)}: no round is left to draw");
        }
        if (await service.DrawAsync(program.Id, period.Start, manual: true, cancellationToken) is { } round)
        {
            return round;
        }
        var drawnAt = await db.RouletteRounds.AsNoTracking().Where(r => r.ProgramId == programId && r.PeriodStart == period.Start)
            .Select(r => r.DrawnAt).SingleAsync(cancellationToken);
        var next = RoulettePeriods.NextDraw(program, now, currentDrawn: true);
        return Outcome.Invalid("programId", $"this period's round was drawn on {Display.Moment(drawnAt, zone)}; "
            + (next is { } due ? $"the next is drawn on {Display.Moment(due, zone)}" : "it was the program's last"));
    }

    /// <summary>Saves a person's participation in a roulette program, enrolling them when they join; not found when there is no such open program.</summary>
    public async Task<Outcome<Done>> SaveMineAsync(int programId, int personId, MyRouletteInput input, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId && p.Kind == ProgramKind.CoffeeRoulette && p.Status != ProgramStatus.Archived, cancellationToken))
        {
            return Outcome.NotFound();
        }
        // A withdrawn participant's row comes back when they join again.
        var enrollment = await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly])
            .SingleOrDefaultAsync(e => e.ProgramId == programId && e.PersonId == personId, cancellationToken);
        if (enrollment is { Status: not EnrollmentStatus.Active } && input.OptedIn)
        {
            enrollment.Status = EnrollmentStatus.Active;
            enrollment.WithdrawnAt = null;
            enrollment.WithdrawnBy = null;
        }
        else if (enrollment is { Status: not EnrollmentStatus.Active })
        {
            return Outcome.Done();
        }
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
        return Outcome.Done();
    }
}
