using Mentoring.Data;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Surveys;

/// <summary>
/// Surveys: made from templates and sent by the admin (or by the program itself on its dates), answered
/// by each respondent for themself, read by the admin and the program's sponsor as aggregates only.
/// No endpoint gives one person's response to anyone but its author.
/// </summary>
public static class SurveysApi
{
    public static IServiceCollection AddSurveysFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SurveysOptions>().Bind(configuration.GetSection("Surveys"));
        services.AddScoped<SurveysService>();
        services.AddSingleton<SurveyScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SurveyScheduler>());
        return services;
    }

    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        var programs = api.MapGroup("/programs/{id:int}/surveys").WithTags("Surveys");
        programs.MapPost("/", Create).WithName("CreateSurvey").WithSummary("Make a survey from a template (start, middle, end or session).")
            .RequireAuthorization(Policies.Admin);
        programs.MapGet("/", List).WithName("ListSurveys").WithSummary("A program's surveys, with how many were sent and answered.")
            .RequireAuthorization(Policies.AdminOrSponsor);
        programs.MapGet("/comparison", Compare).WithName("CompareSurveys")
            .WithSummary("The start and end answers of the same people, in aggregate.").RequireAuthorization(Policies.AdminOrSponsor);

        var surveys = api.MapGroup("/surveys/{id:int}").WithTags("Surveys");
        surveys.MapGet("/", Get).WithName("GetSurvey").WithSummary("A survey and its questions.").RequireAuthorization(Policies.SignedIn);
        surveys.MapPost("/send", Send).WithName("SendSurvey")
            .WithSummary("Send it to the program's mentors and mentees (each person once).").RequireAuthorization(Policies.Admin);
        surveys.MapPost("/responses", Respond).WithName("AnswerSurvey")
            .WithSummary("Answer it as yourself; a second answer replaces the first.").RequireAuthorization(Policies.SignedIn);
        surveys.MapGet("/responses/me", Mine).WithName("MySurveyResponse")
            .WithSummary("Your own answers (nobody else's are ever given).").RequireAuthorization(Policies.SignedIn);
        surveys.MapGet("/results", Results).WithName("SurveyResults")
            .WithSummary("Aggregates over at least k respondents, optionally by role, office, department or level.").RequireAuthorization(Policies.AdminOrSponsor);
        surveys.MapGet("/results.csv", ResultsCsv).WithName("SurveyResultsCsv")
            .WithSummary("The aggregates as CSV (no free text, no individual answers).").RequireAuthorization(Policies.AdminOrSponsor);

        api.MapGet("/me/surveys", MySurveys).WithTags("Surveys").WithName("MySurveys")
            .WithSummary("The surveys you were sent, and whether you answered.").RequireAuthorization(Policies.SignedIn);
        return api;
    }

    private static async Task<Results<Created<SurveyDto>, NotFound, ValidationProblem>> Create(
        int id, SurveyInput input, SurveysService surveys, CancellationToken cancellationToken)
    {
        var created = await surveys.CreateAsync(id, input, cancellationToken);
        if (!created.Succeeded)
        {
            return created.IsNotFound ? TypedResults.NotFound() : created.ToProblem();
        }
        var dto = await surveys.GetAsync(created.Value!.Id, cancellationToken);
        return TypedResults.Created($"/api/surveys/{dto!.Id}", dto);
    }

    private static async Task<Results<Ok<IReadOnlyList<SurveyDto>>, NotFound>> List(
        int id, SurveysService surveys, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == id, cancellationToken) || !await surveys.MayReadAggregatesAsync(id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await surveys.ListAsync(id, cancellationToken));
    }

    private static async Task<Results<Ok<ComparisonDto>, NotFound>> Compare(
        int id, SurveysService surveys, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (program is null || !await surveys.MayReadAggregatesAsync(id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await SurveyComparison.CompareAsync(db, program, cancellationToken));
    }

    private static async Task<Results<Ok<SurveyDto>, NotFound>> Get(int id, SurveysService surveys, CancellationToken cancellationToken) =>
        await surveys.GetAsync(id, cancellationToken) is { } survey ? TypedResults.Ok(survey) : TypedResults.NotFound();

    private static async Task<Results<Ok<SendResult>, NotFound, ValidationProblem>> Send(
        int id, SurveysService surveys, HttpRequest request, CancellationToken cancellationToken) =>
        (await surveys.SendAsync(id, $"{request.Scheme}://{request.Host}{request.PathBase}", cancellationToken)).ToOk();

    private static async Task<Results<Ok<MyResponseDto>, NotFound, ValidationProblem, ProblemHttpResult>> Respond(
        int id, ResponseInput input, SurveysService surveys, MentoringDbContext db, CurrentPerson current, CancellationToken cancellationToken)
    {
        var programId = await db.Surveys.Where(s => s.Id == id).Select(s => (int?)s.ProgramId).SingleOrDefaultAsync(cancellationToken);
        if (programId is null)
        {
            return TypedResults.NotFound();
        }
        if (await current.IdAsync(cancellationToken) is not { } personId || !await surveys.MayAnswerAsync(id, programId.Value, personId, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to answer",
                detail: "Only the people the survey was sent to, or who are enrolled in its program, may answer it.");
        }
        var outcome = await surveys.RespondAsync(id, input, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.IsNotFound ? TypedResults.NotFound() : outcome.ToProblem();
    }

    private static async Task<Results<Ok<MyResponseDto>, NotFound>> Mine(int id, SurveysService surveys, CancellationToken cancellationToken) =>
        await surveys.MineAsync(id, cancellationToken) is { } mine ? TypedResults.Ok(mine) : TypedResults.NotFound();

    private static async Task<Results<Ok<SurveyResultsDto>, NotFound, ValidationProblem>> Results(
        int id, string? by, SurveysService surveys, CancellationToken cancellationToken) =>
        (await surveys.ResultsAsync(id, by, cancellationToken)).ToOk();

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ResultsCsv(
        int id, string? by, SurveysService surveys, CancellationToken cancellationToken)
    {
        var results = await surveys.ResultsAsync(id, by, cancellationToken);
        if (!results.Succeeded)
        {
            return results.IsNotFound ? TypedResults.NotFound() : results.ToProblem();
        }
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(SurveysService.Csv(results.Value!)), "text/csv; charset=utf-8",
            $"survey-{id}-results{(string.IsNullOrWhiteSpace(by) ? "" : "-by-" + by.Trim().ToLowerInvariant())}.csv");
    }

    private static async Task<Ok<IReadOnlyList<MySurveyDto>>> MySurveys(SurveysService surveys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await surveys.MySurveysAsync(cancellationToken));
}
