using System.Globalization;
using System.Text;
using System.Text.Json;
using Mentoring.Features.People;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentoring.Features.Privacy;

/// <summary>The audit trail, a person's own data, erasure and retention.</summary>
public static class PrivacyApi
{
    public static IServiceCollection AddPrivacyFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.PrivateNotesMonths >= 0 && o.CheckInNotesMonths >= 0 && o.SurveyTextsMonths >= 0 && o.OutboxMonths >= 0
                && o.DiscussionAnswersMonths >= 0
                && o.PseudonymiseLeaversAfterMonths >= 0, "Retention:*Months must be 0 (keep) or more").ValidateOnStart();
        services.AddScoped<AuditTrail>();
        services.AddScoped<PersonalDataService>();
        services.AddScoped<ErasureService>();
        services.AddScoped<RetentionService>();
        services.AddPersonalDataContributor<ProfileContributor>();
        services.AddPersonalDataContributor<EnrollmentsContributor>();
        services.AddPersonalDataContributor<MentoringContributor>();
        services.AddPersonalDataContributor<ActivitiesContributor>();
        services.AddPersonalDataContributor<NotificationsContributor>();
        services.AddPersonalDataContributor<PairSpaceContributor>();
        services.AddPersonalDataContributor<CohortsContributor>();
        services.AddPersonalDataContributor<SurveysContributor>();
        // Last: it blanks the audit values the others' changes might still have to read.
        services.AddPersonalDataContributor<AuditContributor>();
        services.AddRetentionRule<OutboxRetention>();
        services.AddRetentionRule<LeaverRetention>();
        services.AddRetentionRule<PairSpaceRetention>();
        services.AddRetentionRule<SurveyTextRetention>();
        services.AddRetentionRule<DiscussionAnswerRetention>();
        services.AddHostedService<RetentionJob>();
        return services;
    }

    public static RouteGroupBuilder MapPrivacyApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Privacy").RequireAuthorization(Policies.Admin);
        audit.MapGet("/", List).WithName("ListAuditRecords")
            .WithSummary("The audit trail, newest first: ?entity=person&entityId=…&actor=…&action=…&from=…&to=…&page=…&pageSize=…");
        audit.MapGet("/export", Csv).WithName("ExportAuditRecords").WithSummary("The audit records the same filters match, as CSV.");

        api.MapGet("/me/export", MyExport).WithTags("Privacy").RequireAuthorization(Policies.SignedIn).WithName("ExportMyData")
            .WithSummary("Everything the product holds about me, as one JSON file.");
        var people = api.MapGroup("/people").WithTags("Privacy").RequireAuthorization(Policies.Admin);
        people.MapPost("/{id:int}/export", PersonExport).WithName("ExportPersonData")
            .WithSummary("Everything held about a person, on their request (audited).");
        people.MapPost("/{id:int}/erase", Erase).WithName("ErasePerson")
            .WithSummary("Erase a person: name, e-mail, texts, account and tokens go; the record stays pseudonymised for the figures.");

        var retention = api.MapGroup("/privacy/retention").WithTags("Privacy").RequireAuthorization(Policies.Admin);
        retention.MapGet("/preview", Preview).WithName("PreviewRetention").WithSummary("The dry run: what the daily retention pass would remove now.");
        retention.MapPost("/run", Run).WithName("RunRetention").WithSummary("Run the retention pass now, as the daily job does.");
        return api;
    }

    private static async Task<Results<Ok<Page<AuditRecordDto>>, NotFound, ValidationProblem>> List(
        AuditTrail trail, CancellationToken cancellationToken, string? entity = null, string? entityId = null, string? actor = null,
        string? action = null, string? from = null, string? to = null, int page = 1, int pageSize = 50) =>
        (await trail.QueryAsync(new AuditQuery(entity, entityId, actor, action, from, to, page, pageSize), cancellationToken)).ToOk();

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Csv(
        AuditTrail trail, CancellationToken cancellationToken, string? entity = null, string? entityId = null, string? actor = null,
        string? action = null, string? from = null, string? to = null)
    {
        var csv = await trail.CsvAsync(new AuditQuery(entity, entityId, actor, action, from, to), cancellationToken);
        return csv.Succeeded ? TypedResults.File(Encoding.UTF8.GetBytes(csv.Value!), "text/csv", "audit.csv") : csv.ToProblem();
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> MyExport(
        CurrentPerson current, PersonalDataService data, CancellationToken cancellationToken)
    {
        if (await current.IdAsync(cancellationToken) is not { } id)
        {
            return Problems.NotLinkedToPerson();
        }
        return await File(data, id, "my-data.json", cancellationToken);
    }

    private static Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> PersonExport(int id, PersonalDataService data, CancellationToken cancellationToken) =>
        File(data, id, string.Create(CultureInfo.InvariantCulture, $"person-{id}-data.json"), cancellationToken);

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> File(
        PersonalDataService data, int id, string name, CancellationToken cancellationToken)
    {
        var export = await data.ExportAsync(id, cancellationToken);
        if (!export.Succeeded)
        {
            return export.IsNotFound ? TypedResults.NotFound() : export.ToProblem();
        }
        return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(export.Value, PersonalDataExport.Json), "application/json", name);
    }

    private static async Task<Results<Ok<ErasureResult>, NotFound, ValidationProblem>> Erase(int id, ErasureService erasure, CancellationToken cancellationToken) =>
        (await erasure.EraseAsync(id, cancellationToken)).ToOk();

    private static async Task<Ok<RetentionReport>> Preview(RetentionService retention, CancellationToken cancellationToken) =>
        TypedResults.Ok(await retention.PreviewAsync(cancellationToken));

    private static async Task<Ok<RetentionReport>> Run(RetentionService retention, CancellationToken cancellationToken) =>
        TypedResults.Ok(await retention.RunAsync(cancellationToken));
}
