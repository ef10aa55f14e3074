using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Programs;

/// <summary>The rules for creating and changing programs and enrolling people, shared by the API and the pages.</summary>
public sealed class ProgramsService(MentoringDbContext db, ProgramLifecycleService lifecycle)
{
    /// <summary>
    /// Creates a program (<paramref name="id"/> null) or changes one. A status other than the one it
    /// has is a step of its life, taken by the same rule as <c>POST /api/programs/{id}/transition</c>
    /// (and recorded); a step that rule refuses is a 400 naming <c>status</c>.
    /// </summary>
    public async Task<Outcome<MentoringProgram>> SaveAsync(int? id, ProgramInput input, CancellationToken cancellationToken)
    {
        var program = id is { } existing
            ? await db.Programs.Include(p => p.Enrollments).SingleOrDefaultAsync(p => p.Id == existing, cancellationToken)
            : new MentoringProgram { Name = "" };
        if (program is null)
        {
            return Outcome.NotFound();
        }
        var applied = Apply(input, program);
        if (!applied.Succeeded)
        {
            return Outcome.Invalid(applied.Errors);
        }
        if (input.Status is { } status && status != program.Status)
        {
            var stepped = await lifecycle.StepAsync(program, new TransitionInput(status.ToString()), cancellationToken);
            if (!stepped.Succeeded)
            {
                var at = program.Id == 0 ? "POST /api/programs/{id}/transition, once it is created," : $"POST /api/programs/{program.Id}/transition";
                return Outcome.Invalid(stepped.Errors.Select(e => new FieldError("status",
                    e.Field == "scope" ? $"{e.Message}; {at} takes the step with its scope" : $"{e.Message} ({at} takes one step at a time)")).ToList());
            }
        }
        if (program.Id == 0)
        {
            db.Programs.Add(program);
        }
        await db.SaveChangesAsync(cancellationToken);
        return program;
    }

    /// <summary>Enrolls an active person who is not in the program yet; not found when there is no such program.</summary>
    public async Task<Outcome<Enrollment>> EnrollAsync(int programId, EnrollmentInput input, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return Outcome.NotFound();
        }
        if (!await Enrollments.PilotScopes.InScopeAsync(db, program, input.PersonId, cancellationToken))
        {
            return Outcome.Invalid("personId", $"the pilot reaches only {Enrollments.PilotScopes.Describe(program)}: this person is outside it");
        }
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == input.PersonId, cancellationToken);
        if (person is null)
        {
            return Outcome.Invalid("personId", $"no person has id {input.PersonId}");
        }
        if (!person.Active)
        {
            return Outcome.Invalid("personId", $"{person.Name} is not active");
        }
        if (await db.Enrollments.AnyAsync(e => e.ProgramId == programId && e.PersonId == input.PersonId, cancellationToken))
        {
            return Outcome.Invalid("personId", $"{person.Name} is already in this program");
        }
        // A withdrawn (or applied) person keeps their row: enrolling them brings it back.
        var kept = await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly])
            .SingleOrDefaultAsync(e => e.ProgramId == programId && e.PersonId == input.PersonId, cancellationToken);
        var enrollment = kept ?? new Enrollment { ProgramId = programId, PersonId = input.PersonId, Person = person };
        var applied = Apply(input, enrollment);
        if (!applied.Succeeded)
        {
            return Outcome.Invalid(applied.Errors);
        }
        enrollment.Status = EnrollmentStatus.Active;
        enrollment.WithdrawnAt = null;
        enrollment.WithdrawnBy = null;
        if (kept is null)
        {
            db.Enrollments.Add(enrollment);
        }
        await db.SaveChangesAsync(cancellationToken);
        return enrollment;
    }

    /// <summary>Changes a role, capacity or preferences; an enrollment stays with its person.</summary>
    public async Task<Outcome<Enrollment>> UpdateEnrollmentAsync(int id, EnrollmentInput input, CancellationToken cancellationToken)
    {
        var enrollment = await db.Enrollments.Include(e => e.Person).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enrollment is null)
        {
            return Outcome.NotFound();
        }
        if (input.PersonId != enrollment.PersonId)
        {
            return Outcome.Invalid("personId", "an enrollment cannot move to another person; enroll them instead");
        }
        var applied = Apply(input, enrollment);
        if (!applied.Succeeded)
        {
            return Outcome.Invalid(applied.Errors);
        }
        await db.SaveChangesAsync(cancellationToken);
        return enrollment;
    }

    private static Outcome<Done> Apply(ProgramInput input, MentoringProgram program)
    {
        if (input.StartDate is { } start && input.EndDate is { } end && end < start)
        {
            return Outcome.Invalid("endDate", "the end date is before the start date");
        }
        if (!Enum.IsDefined(input.Kind))
        {
            return Outcome.Invalid("kind", "unknown program kind");
        }
        program.Name = input.Name.Trim();
        program.Purpose = input.Purpose.Trim();
        program.Kind = input.Kind;
        program.StartDate = input.StartDate is { } s ? LocalDate.FromDateOnly(s) : null;
        program.EndDate = input.EndDate is { } e ? LocalDate.FromDateOnly(e) : null;
        return Outcome.Done();
    }

    private static Outcome<Done> Apply(EnrollmentInput input, Enrollment enrollment)
    {
        var unknown = (input.PreferredFormats ?? []).FirstOrDefault(f => !ActivityFormats.All.Contains(f));
        if (unknown is not null)
        {
            return Outcome.Invalid("preferredFormats", $"\"{unknown}\" is not a format ({string.Join(", ", ActivityFormats.All)})");
        }
        enrollment.Role = input.Role;
        enrollment.Capacity = input.Role == EnrollmentRole.Mentor ? input.Capacity : 0;
        enrollment.Mode = input.Mode;
        enrollment.PreferredFormats = input.PreferredFormats ?? [];
        enrollment.Goals = input.Goals.Trim();
        return Outcome.Done();
    }
}
