using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Programs;

/// <summary>A program's life (pilot, evaluation, expansion), its success criteria, its sponsor and its evaluation.</summary>
public static class ProgramLifecycleApi
{
    public static IServiceCollection AddProgramLifecycleFeature(this IServiceCollection services)
    {
        services.AddScoped<ProgramLifecycleService>();
        services.PostConfigure<RazorPagesOptions>(options => options.Conventions.AuthorizePage("/Programs/Pilot", Policies.Admin));
        return services;
    }

    public static RouteGroupBuilder MapProgramLifecycleApi(this RouteGroupBuilder api)
    {
        var program = api.MapGroup("/programs/{id:int}").WithTags("Programs");
        program.MapGet("/lifecycle", (int id, ProgramLifecycleService service, CancellationToken ct) => Ok(service.GetAsync(id, ct)))
            .WithName("ProgramLifecycle").WithSummary("Status, a pilot's scope, the sponsor, criteria and every step so far.").RequireAuthorization(Policies.Admin);
        program.MapPost("/transition", (int id, TransitionInput input, ProgramLifecycleService service, CancellationToken ct) => Ok(service.TransitionAsync(id, input, ct)))
            .WithName("TransitionProgram").WithSummary("Take a step: draft → pilot (with a scope) → evaluating → active → completed.").RequireAuthorization(Policies.Admin);
        program.MapPut("/criteria", (int id, List<CriterionInput> input, ProgramLifecycleService service, CancellationToken ct) => Ok(service.SetCriteriaAsync(id, input, ct)))
            .WithName("SetSuccessCriteria").WithSummary("The success criteria, each with a measure and a target.").RequireAuthorization(Policies.Admin);
        program.MapPut("/sponsor", (int id, SponsorInput input, ProgramLifecycleService service, CancellationToken ct) => Ok(service.SetSponsorAsync(id, input, ct)))
            .WithName("SetSponsor").WithSummary("Name the executive sponsor (a person with the sponsor role).").RequireAuthorization(Policies.Admin);
        program.MapPut("/survey-settings", (int id, SurveySettingsInput input, ProgramLifecycleService service, CancellationToken ct) => Ok(service.SetSurveySettingsAsync(id, input, ct)))
            .WithName("SetSurveySettings").WithSummary("k (never below 3) and whether the program sends its surveys by itself.").RequireAuthorization(Policies.Admin);
        program.MapGet("/evaluation", (int id, ProgramLifecycleService service, CancellationToken ct) => Ok(service.EvaluateAsync(id, ct)))
            .WithName("EvaluateProgram").WithSummary("Each criterion against its measured value, with the survey aggregates.").RequireAuthorization(Policies.AdminOrSponsor);
        program.MapPost("/sponsor-message", (int id, SponsorMessageInput input, ProgramLifecycleService service, CancellationToken ct) => Ok(service.SponsorMessageAsync(id, input, ct)))
            .WithName("SponsorMessage").WithSummary("The sponsor writes to everyone in the program.").RequireAuthorization(Policies.AdminOrSponsor);
        return api;
    }

    private static async Task<Results<Ok<T>, NotFound, ValidationProblem>> Ok<T>(Task<Outcome<T>> outcome) => (await outcome).ToOk();
}
