using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Applications;

/// <summary>Application forms, applying, and the admin's decisions.</summary>
public static class ApplicationsApi
{
    public static IServiceCollection AddApplicationsFeature(this IServiceCollection services)
    {
        services.AddScoped<ApplicationsService>();
        services.AddScoped<Waitlist>();
        services.PostConfigure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Applications", Policies.SignedIn);
            options.Conventions.AuthorizePage("/Applications/Review", Policies.Admin);
            options.Conventions.AuthorizePage("/Applications/Form", Policies.Admin);
        });
        return services;
    }

    public static RouteGroupBuilder MapApplicationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/programs/{id:int}/application-form", GetForm).WithTags("Applications").WithName("GetApplicationForm")
            .WithSummary("A program's application form: questions, dates, approval and places per role.").RequireAuthorization(Policies.Admin);
        api.MapPut("/programs/{id:int}/application-form", PutForm).WithTags("Applications").WithName("SaveApplicationForm")
            .WithSummary("Save a program's application form; open it for applications with isOpen and the dates.").RequireAuthorization(Policies.Admin);
        api.MapGet("/programs/open", Open).WithTags("Applications").WithName("OpenPrograms")
            .WithSummary("Programs taking applications today, with where my application stands.").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/programs/{id:int}/applications", Apply).WithTags("Applications").WithName("Apply")
            .WithSummary("Apply to a program as mentor, mentee or participant, answering its form.").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/me/applications", Mine).WithTags("Applications").WithName("MyApplications")
            .WithSummary("My applications and where each stands (submitted, approved, waitlisted with my place, declined, withdrawn).")
            .RequireAuthorization(Policies.SignedIn);
        api.MapGet("/programs/{id:int}/applications", Review).WithTags("Applications").WithName("ProgramApplications")
            .WithSummary("A program's applications with their answers, and the places taken per role.").RequireAuthorization(Policies.Admin);
        api.MapPost("/applications/{id:int}/approve", Approve).WithTags("Applications").WithName("ApproveApplication")
            .WithSummary("Approve: in when the role has a place, else on the waitlist.").RequireAuthorization(Policies.Admin);
        api.MapPost("/applications/{id:int}/decline", Decline).WithTags("Applications").WithName("DeclineApplication")
            .WithSummary("Decline; a place it held goes to the first on the waitlist.").RequireAuthorization(Policies.Admin);
        api.MapPost("/applications/{id:int}/withdraw", Withdraw).WithTags("Applications").WithName("WithdrawApplication")
            .WithSummary("Withdraw my application (or, as an admin, anyone's); a place it held goes to the first on the waitlist.")
            .RequireAuthorization(Policies.SignedIn);
        return api;
    }

    private static async Task<Results<Ok<ApplicationFormDto>, NotFound, ValidationProblem>> GetForm(
        int id, ApplicationsService applications, CancellationToken cancellationToken) =>
        (await applications.FormAsync(id, cancellationToken)).ToOk();

    private static async Task<Results<Ok<ApplicationFormDto>, NotFound, ValidationProblem>> PutForm(
        int id, ApplicationFormInput input, ApplicationsService applications, CancellationToken cancellationToken) =>
        (await applications.SaveFormAsync(id, input, cancellationToken)).ToOk();

    private static async Task<Ok<IReadOnlyList<OpenProgramDto>>> Open(
        ApplicationsService applications, CurrentPerson current, CancellationToken cancellationToken) =>
        TypedResults.Ok(await applications.OpenAsync(await current.IdAsync(cancellationToken), cancellationToken));

    private static async Task<Results<Ok<ApplicationDto>, NotFound, ValidationProblem>> Apply(
        int id, ApplyInput input, ApplicationsService applications, CurrentPerson current, CancellationToken cancellationToken) =>
        (await applications.ApplyAsync(id, await current.IdAsync(cancellationToken), input, cancellationToken)).ToOk();

    private static async Task<Ok<IReadOnlyList<ApplicationDto>>> Mine(
        ApplicationsService applications, CurrentPerson current, CancellationToken cancellationToken) =>
        TypedResults.Ok(await current.IdAsync(cancellationToken) is { } personId
            ? await applications.MineAsync(personId, cancellationToken)
            : (IReadOnlyList<ApplicationDto>)[]);

    private static async Task<Results<Ok<ApplicationReview>, NotFound, ValidationProblem>> Review(
        int id, ApplicationsService applications, CancellationToken cancellationToken) =>
        (await applications.ReviewAsync(id, cancellationToken)).ToOk();

    private static async Task<Results<Ok<ApplicationDto>, NotFound, ValidationProblem>> Approve(
        int id, ApplicationsService applications, CancellationToken cancellationToken) =>
        (await applications.ApproveAsync(id, cancellationToken)).ToOk();

    private static async Task<Results<Ok<ApplicationDto>, NotFound, ValidationProblem>> Decline(
        int id, ApplicationsService applications, CancellationToken cancellationToken) =>
        (await applications.DeclineAsync(id, cancellationToken)).ToOk();

    private static async Task<Results<Ok<ApplicationDto>, NotFound, ValidationProblem>> Withdraw(
        int id, ApplicationsService applications, CancellationToken cancellationToken) =>
        (await applications.WithdrawAsync(id, cancellationToken)).ToOk();
}
