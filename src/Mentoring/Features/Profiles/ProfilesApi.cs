using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentoring.Features.Profiles;

/// <summary>Everyone's own profile: <c>GET/PUT /api/me/profile</c> act on the caller's person only.</summary>
public static class ProfilesApi
{
    public static IServiceCollection AddProfilesFeature(this IServiceCollection services) =>
        services.AddScoped<ProfileService>().AddScoped<ThinProfiles>();

    public static RouteGroupBuilder MapProfilesApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/profile").WithTags("Profiles").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/", Get).WithName("GetMyProfile")
            .WithSummary("The caller's own profile: interests, skills, values, hopes, languages, working hours, zone, formats and channels.");
        me.MapPut("/", Put).WithName("UpdateMyProfile")
            .WithSummary("Replace the caller's own profile; a field left out is cleared. Matching and scheduling use it.");
        api.MapGet("/programs/{id:int}/thin-profiles", Thin).WithTags("Profiles").WithName("ListThinProfiles")
            .WithSummary("The people in a program whose profile is too thin to match well, and what each is missing.")
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    private static async Task<Results<Ok<ProfileDto>, NotFound, ValidationProblem>> Get(
        CurrentPerson current, ProfileService profiles, CancellationToken cancellationToken) =>
        await current.IdAsync(cancellationToken) is { } id ? (await profiles.GetAsync(id, cancellationToken)).ToOk() : TypedResults.NotFound();

    private static async Task<Results<Ok<ProfileDto>, NotFound, ValidationProblem>> Put(
        ProfileInput input, CurrentPerson current, ProfileService profiles, CancellationToken cancellationToken) =>
        await current.IdAsync(cancellationToken) is { } id ? (await profiles.SaveAsync(id, input, cancellationToken)).ToOk() : TypedResults.NotFound();

    private static async Task<Results<Ok<List<ThinProfile>>, NotFound>> Thin(int id, ThinProfiles thin, CancellationToken cancellationToken) =>
        await thin.ListAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();
}
