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
    public static IServiceCollection AddProgramsFeature(this IServiceCollection services) => services.AddScoped<ProgramsService>();

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

    private static async Task<Results<Created<ProgramDto>, ValidationProblem>> Create(ProgramInput input, ProgramsService programs, CancellationToken cancellationToken)
    {
        var saved = await programs.SaveAsync(null, input, cancellationToken);
        return saved.Succeeded ? TypedResults.Created($"/api/programs/{saved.Value!.Id}", ProgramDto.From(saved.Value)) : saved.ToProblem();
    }

    private static async Task<Results<Ok<ProgramDto>, NotFound, ValidationProblem>> Update(
        int id, ProgramInput input, ProgramsService programs, CancellationToken cancellationToken) =>
        (await programs.SaveAsync(id, input, cancellationToken)).Map(ProgramDto.From).ToOk();

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
        int id, EnrollmentInput input, ProgramsService programs, CancellationToken cancellationToken)
    {
        var enrolled = await programs.EnrollAsync(id, input, cancellationToken);
        if (!enrolled.Succeeded)
        {
            return enrolled.IsNotFound ? TypedResults.NotFound() : enrolled.ToProblem();
        }
        return TypedResults.Created($"/api/enrollments/{enrolled.Value!.Id}", EnrollmentDto.From(enrolled.Value));
    }

    private static async Task<Results<Ok<EnrollmentDto>, NotFound, ValidationProblem>> UpdateEnrollment(
        int id, EnrollmentInput input, ProgramsService programs, CancellationToken cancellationToken) =>
        (await programs.UpdateEnrollmentAsync(id, input, cancellationToken)).Map(EnrollmentDto.From).ToOk();

    private static async Task<Results<NoContent, NotFound>> Unenroll(
        int id, MentoringDbContext db, Enrollments.EnrollmentService enrollment, CancellationToken cancellationToken)
    {
        // Withdrawn, not deleted: the row keeps its history and the place goes to the waitlist.
        var programId = await db.Enrollments.Where(e => e.Id == id).Select(e => (int?)e.ProgramId).SingleOrDefaultAsync(cancellationToken);
        var withdrawn = programId is { } program ? await enrollment.WithdrawAsync(program, id, cancellationToken) : default;
        return programId is null || !withdrawn.Succeeded ? TypedResults.NotFound() : TypedResults.NoContent();
    }
}
