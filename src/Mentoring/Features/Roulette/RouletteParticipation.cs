using Mentoring.Data;
using Mentoring.Domain;
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

    /// <summary>"Run a round now": today's round in the program's zone; no round when today's was already drawn.</summary>
    public async Task<Outcome<(LocalDate Today, RouletteRound? Round)>> DrawTodayAsync(int programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId && p.Kind == ProgramKind.CoffeeRoulette, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        var zone = Problems.Zone(program.Roulette.TimeZone) ?? DateTimeZone.Utc;
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        return (today, await service.DrawAsync(program.Id, today, manual: true, cancellationToken));
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
