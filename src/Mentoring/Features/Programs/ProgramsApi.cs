using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Programs;

/// <summary>Programs and who is enrolled in them. Everyone signed in sees the programs; admins run them.</summary>
public static class ProgramsApi
{
    public static RouteGroupBuilder MapProgramsApi(this RouteGroupBuilder api)
    {
        var programs = api.MapGroup("/programs").WithTags("Programs");
        programs.MapGet("/", List).WithName("ListPrograms").WithSummary("All programs with their head counts.").RequireAuthorization(Policies.SignedIn);
        programs.MapGet("/{id:int}", Get).WithName("GetProgram").WithSummary("One program.").RequireAuthorization(Policies.SignedIn);
        programs.MapPost("/", Create).WithName("CreateProgram").WithSummary("Create a program.").RequireAuthorization(Policies.Admin);
        programs.MapPut("/{id:int}", Update).WithName("UpdateProgram").WithSummary("Change a program.").RequireAuthorization(Policies.Admin);

        programs.MapGet("/{id:int}/enrollments", ListEnrollments).WithName("ListEnrollments")
            .WithSummary("Who is in a program, in which role.").RequireAuthorization(Policies.Admin);
        programs.MapPost("/{id:int}/enrollments", Enroll).WithName("Enroll")
            .WithSummary("Enroll a person as mentor, mentee or participant.").RequireAuthorization(Policies.Admin);

        var enrollments = api.MapGroup("/enrollments").WithTags("Programs").RequireAuthorization(Policies.Admin);
        enrollments.MapPut("/{id:int}", UpdateEnrollment).WithName("UpdateEnrollment").WithSummary("Change a role, capacity or preferences.");
        enrollments.MapDelete("/{id:int}", Unenroll).WithName("Unenroll").WithSummary("Take a person out of a program.");
        return api;
    }

    private static async Task<Ok<List<ProgramDto>>> List(MentoringDbContext db, CancellationToken cancellationToken)
    {
        var programs = await db.Programs.AsNoTracking().Include(p => p.Enrollments).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(programs.Select(ProgramDto.From).ToList());
    }

    private static async Task<Results<Ok<ProgramDto>, NotFound>> Get(int id, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().Include(p => p.Enrollments).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return program is null ? TypedResults.NotFound() : TypedResults.Ok(ProgramDto.From(program));
    }

    private static async Task<Results<Created<ProgramDto>, ValidationProblem>> Create(ProgramInput input, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var program = new MentoringProgram { Name = "" };
        if (Apply(input, program) is { } problem)
        {
            return problem;
        }
        db.Programs.Add(program);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/programs/{program.Id}", ProgramDto.From(program));
    }

    private static async Task<Results<Ok<ProgramDto>, NotFound, ValidationProblem>> Update(
        int id, ProgramInput input, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var program = await db.Programs.Include(p => p.Enrollments).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (program is null)
        {
            return TypedResults.NotFound();
        }
        if (Apply(input, program) is { } problem)
        {
            return problem;
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ProgramDto.From(program));
    }

    internal static ValidationProblem? Apply(ProgramInput input, MentoringProgram program)
    {
        if (input.StartDate is { } start && input.EndDate is { } end && end < start)
        {
            return Problems.Field("endDate", "the end date is before the start date");
        }
        if (!Enum.IsDefined(input.Kind))
        {
            return Problems.Field("kind", "unknown program kind");
        }
        program.Name = input.Name.Trim();
        program.Purpose = input.Purpose.Trim();
        program.Kind = input.Kind;
        program.Status = input.Status;
        program.StartDate = input.StartDate is { } s ? LocalDate.FromDateOnly(s) : null;
        program.EndDate = input.EndDate is { } e ? LocalDate.FromDateOnly(e) : null;
        return null;
    }

    private static async Task<Results<Ok<List<EnrollmentDto>>, NotFound>> ListEnrollments(int id, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Person).Where(e => e.ProgramId == id)
            .OrderBy(e => e.Role).ThenBy(e => e.Person!.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(enrollments.Select(EnrollmentDto.From).ToList());
    }

    private static async Task<Results<Created<EnrollmentDto>, NotFound, ValidationProblem>> Enroll(
        int id, EnrollmentInput input, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == input.PersonId, cancellationToken);
        if (person is null)
        {
            return Problems.Field("personId", $"no person has id {input.PersonId}");
        }
        if (!person.Active)
        {
            return Problems.Field("personId", $"{person.Name} is not active");
        }
        if (await db.Enrollments.AnyAsync(e => e.ProgramId == id && e.PersonId == input.PersonId, cancellationToken))
        {
            return Problems.Field("personId", $"{person.Name} is already in this program");
        }
        var enrollment = new Enrollment { ProgramId = id, PersonId = input.PersonId, Person = person };
        if (Apply(input, enrollment) is { } problem)
        {
            return problem;
        }
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/enrollments/{enrollment.Id}", EnrollmentDto.From(enrollment));
    }

    private static async Task<Results<Ok<EnrollmentDto>, NotFound, ValidationProblem>> UpdateEnrollment(
        int id, EnrollmentInput input, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var enrollment = await db.Enrollments.Include(e => e.Person).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enrollment is null)
        {
            return TypedResults.NotFound();
        }
        if (input.PersonId != enrollment.PersonId)
        {
            return Problems.Field("personId", "an enrollment cannot move to another person; enroll them instead");
        }
        if (Apply(input, enrollment) is { } problem)
        {
            return problem;
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(EnrollmentDto.From(enrollment));
    }

    private static async Task<Results<NoContent, NotFound>> Unenroll(int id, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.Enrollments.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    private static ValidationProblem? Apply(EnrollmentInput input, Enrollment enrollment)
    {
        var unknown = (input.PreferredFormats ?? []).FirstOrDefault(f => !ActivityFormats.All.Contains(f));
        if (unknown is not null)
        {
            return Problems.Field("preferredFormats", $"\"{unknown}\" is not a format ({string.Join(", ", ActivityFormats.All)})");
        }
        enrollment.Role = input.Role;
        enrollment.Capacity = input.Role == EnrollmentRole.Mentor ? input.Capacity : 0;
        enrollment.Mode = input.Mode;
        enrollment.PreferredFormats = input.PreferredFormats ?? [];
        enrollment.Goals = input.Goals.Trim();
        return null;
    }
}
