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

    private static async Task<Results<Ok<PersonDto>, NotFound>> Get(int id, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var person = await Load(db, id, cancellationToken);
        return person is null ? TypedResults.NotFound() : TypedResults.Ok(PersonDto.From(person));
    }

    private static async Task<Results<Created<PersonDto>, ValidationProblem>> Create(
        PersonInput input, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var person = new Person { ExternalId = input.ExternalId, Name = input.Name };
        if (await ApplyAsync(input, person, db, cancellationToken) is { } problem)
        {
            return problem;
        }
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        var saved = await Load(db, person.Id, cancellationToken);
        return TypedResults.Created($"/api/people/{person.Id}", PersonDto.From(saved!));
    }

    private static async Task<Results<Ok<PersonDto>, NotFound, ValidationProblem>> Update(
        int id, PersonInput input, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return TypedResults.NotFound();
        }
        if (await ApplyAsync(input, person, db, cancellationToken) is { } problem)
        {
            return problem;
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PersonDto.From((await Load(db, id, cancellationToken))!));
    }

    private static async Task<Results<NoContent, NotFound>> Deactivate(int id, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return TypedResults.NotFound();
        }
        person.Active = false;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

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

    /// <summary>Checks the id is free and the references (office, zone, manager) exist, then copies the input onto the person.</summary>
    internal static async Task<ValidationProblem?> ApplyAsync(PersonInput input, Person person, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var externalId = input.ExternalId.Trim();
        if (await db.People.AnyAsync(p => p.ExternalId == externalId && p.Id != person.Id, cancellationToken))
        {
            return Problems.Field("externalId", $"a person with id \"{externalId}\" already exists");
        }
        if (input.TimeZone is not null && Problems.Zone(input.TimeZone) is null)
        {
            return Problems.Field("timeZone", $"unknown time zone \"{input.TimeZone}\" (use an IANA id such as Europe/London)");
        }
        if (input.OfficeId is { } officeId && !await db.Offices.AnyAsync(o => o.Id == officeId, cancellationToken))
        {
            return Problems.Field("officeId", $"no office has id {officeId}");
        }
        if (input.ManagerId is { } managerId)
        {
            if (managerId == person.Id)
            {
                return Problems.Field("managerId", "a person cannot be their own manager");
            }
            if (!await db.People.AnyAsync(p => p.Id == managerId, cancellationToken))
            {
                return Problems.Field("managerId", $"no person has id {managerId}");
            }
            if (person.Id != 0 && await ReportingLine.IsInLineAsync(db, managerId, person.Id, cancellationToken))
            {
                return Problems.Field("managerId", "that manager reports to this person: the reporting line would loop");
            }
        }
        person.ExternalId = externalId;
        person.Name = input.Name.Trim();
        person.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        person.Department = string.IsNullOrWhiteSpace(input.Department) ? null : input.Department.Trim();
        person.JobTitle = string.IsNullOrWhiteSpace(input.JobTitle) ? null : input.JobTitle.Trim();
        person.Level = input.Level;
        person.OfficeId = input.OfficeId;
        person.TimeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? null : input.TimeZone;
        person.ManagerId = input.ManagerId;
        person.HireDate = input.HireDate is { } hired ? LocalDate.FromDateOnly(hired) : null;
        person.Interests = input.Interests ?? [];
        person.Skills = input.Skills ?? [];
        person.Values = input.Values ?? [];
        person.Active = input.Active;
        person.RefreshSearchText();
        return null;
    }
}
