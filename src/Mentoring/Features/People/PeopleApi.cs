using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.People;

/// <summary>The roster API: list with search, filters and paging; get; create; update; deactivate; import; export.</summary>
public static class PeopleApi
{
    public static IServiceCollection AddPeopleFeature(this IServiceCollection services)
    {
        services.AddScoped<PeopleService>();
        services.AddScoped<RosterImporter>();
        services.AddScoped<ImportJobs>();
        services.AddJobHandler<ImportJobHandler>(ImportJobs.JobKind);
        services.AddSingleton<ImportUploads>();
        return services;
    }

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People").RequireAuthorization(Policies.Admin);
        people.MapGet("/", List).WithName("ListPeople").WithSummary("Search and filter the roster, a page at a time.");
        people.MapGet("/{id:int}", Get).WithName("GetPerson").WithSummary("One person.");
        people.MapPost("/", Create).WithName("CreatePerson").WithSummary("Add a person to the roster.");
        people.MapPut("/{id:int}", Update).WithName("UpdatePerson").WithSummary("Change a person.");
        people.MapPost("/{id:int}/deactivate", Deactivate).WithName("DeactivatePerson")
            .WithSummary("Mark a person as no longer active (they leave matching and rounds; history stays).");
        people.MapPost("/import", Import).WithName("ImportPeople").DisableAntiforgery()
            .WithSummary("Import a roster CSV (multipart field 'file', or a text/csv body). All or nothing; ?dryRun=true only checks.");
        people.MapGet("/export", Export).WithName("ExportPeople").WithSummary("The roster as CSV, in the form import reads.");
        return api;
    }

    private static async Task<Ok<Page<PersonSummary>>> List(
        MentoringDbContext db, CancellationToken cancellationToken,
        string? search = null, string? department = null, int? officeId = null, int? level = null, bool? active = null,
        int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await PeopleQueries.ListAsync(db, new PeopleFilter(search, department, officeId, level, active, page, pageSize), cancellationToken));

    private static async Task<Results<Ok<PersonDto>, NotFound>> Get(
        int id, PeopleService people, Privacy.AuditTrail trail, CurrentPerson current, CancellationToken cancellationToken)
    {
        if (await people.LoadAsync(id, cancellationToken) is not { } person)
        {
            return TypedResults.NotFound();
        }
        if (await current.IdAsync(cancellationToken) != id)
        {
            // An admin (or their script) reading someone else's record is in the audit trail.
            await trail.RecordReadAsync(id, "api", cancellationToken);
        }
        return TypedResults.Ok(PersonDto.From(person));
    }

    private static async Task<Results<Created<PersonDto>, ValidationProblem>> Create(
        PersonInput input, PeopleService people, CancellationToken cancellationToken)
    {
        var saved = await people.SaveAsync(null, input, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.ToProblem();
        }
        return TypedResults.Created($"/api/people/{saved.Value!.Id}", PersonDto.From((await people.LoadAsync(saved.Value.Id, cancellationToken))!));
    }

    private static async Task<Results<Ok<PersonDto>, NotFound, ValidationProblem>> Update(
        int id, PersonInput input, PeopleService people, CancellationToken cancellationToken)
    {
        var saved = await people.SaveAsync(id, input, cancellationToken);
        return saved.Succeeded ? TypedResults.Ok(PersonDto.From((await people.LoadAsync(id, cancellationToken))!)) : saved.IsNotFound ? TypedResults.NotFound() : saved.ToProblem();
    }

    private static async Task<Results<NoContent, NotFound>> Deactivate(int id, PeopleService people, CancellationToken cancellationToken) =>
        await people.DeactivateAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<ImportResult>, BadRequest<ImportResult>, ValidationProblem>> Import(
        HttpRequest request, RosterImporter importer, CancellationToken cancellationToken, [FromQuery] bool dryRun = false)
    {
        // The CSV reader is synchronous, and Kestrel allows only asynchronous reads of a request:
        // take the upload into memory first.
        using var csv = new MemoryStream();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("file");
            if (file is null)
            {
                return Problems.Field("file", "attach the roster CSV as the form field 'file'");
            }
            await file.CopyToAsync(csv, cancellationToken);
        }
        else
        {
            await request.Body.CopyToAsync(csv, cancellationToken);
        }
        csv.Position = 0;
        var result = await importer.ImportAsync(csv, dryRun, cancellationToken: cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result) : TypedResults.BadRequest(result);
    }

    private static async Task<FileContentHttpResult> Export(MentoringDbContext db, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await RosterExporter.WriteAsync(db, buffer, cancellationToken);
        return TypedResults.File(buffer.ToArray(), "text/csv", "people.csv");
    }

    private static Task<Person?> Load(MentoringDbContext db, int id, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Include(p => p.Office).Include(p => p.Manager).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
}
