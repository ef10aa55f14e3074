using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentoring.Features.Cohorts;

/// <summary>
/// Stand-ups, victories and kudos of a program's cohort (<c>/api/programs/{id}/…</c>) and of a group
/// (<c>/api/groups/{id}/…</c>), replies under a stand-up, and reactions. The cohort's people and
/// admins reach them; for anyone else the cohort is not found. A private victory is in no answer but
/// its author's and those of the people it is shared with.
/// </summary>
public static class CohortsApi
{
    public static IServiceCollection AddCohortsFeature(this IServiceCollection services)
    {
        services.AddScoped<CohortService>();
        services.AddSingleton<StandupDigestJob>();
        services.AddHostedService(sp => sp.GetRequiredService<StandupDigestJob>());
        return services;
    }

    private delegate Task<Cohort?> Resolve(CohortService cohorts, int id, int? personId, bool isAdmin, CancellationToken cancellationToken);

    public static RouteGroupBuilder MapCohortsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/").WithTags("Cohorts").RequireAuthorization(Policies.SignedIn);
        Map(group, "programs", "Program", (c, id, p, a, ct) => c.ProgramCohortAsync(id, p, a, ct));
        Map(group, "groups", "Group", (c, id, p, a, ct) => c.GroupCohortAsync(id, p, a, ct));

        group.MapGet("/standups/{id:int}/replies", Replies).WithName("ListStandupReplies").WithSummary("The replies under a stand-up.");
        group.MapPost("/standups/{id:int}/replies", Reply).WithName("ReplyToStandup").WithSummary("Reply under a stand-up, as the caller.");
        foreach (var (path, target) in new[] { ("victories", ReactionTarget.Victory), ("kudos", ReactionTarget.Kudos), ("standups", ReactionTarget.Standup) })
        {
            var name = target.ToString();
            group.MapPost($"/{path}/{{id:int}}/reactions", (int id, ReactionInput input, CurrentPerson current, CohortService cohorts, CancellationToken ct) =>
                    React(target, id, input.Kind, add: true, current, cohorts, ct))
                .WithName($"ReactTo{name}").WithSummary($"Add the caller's reaction (clap, party, heart, rocket, idea) to a {path[..^1]}; one per person and kind.");
            group.MapDelete($"/{path}/{{id:int}}/reactions/{{kind}}", (int id, string kind, CurrentPerson current, CohortService cohorts, CancellationToken ct) =>
                    React(target, id, ParseKind(kind), add: false, current, cohorts, ct))
                .WithName($"Unreact{name}").WithSummary($"Take back the caller's reaction of one kind on a {path[..^1]}.");
        }
        return api;
    }

    private static void Map(RouteGroupBuilder group, string root, string name, Resolve resolve)
    {
        var place = name.ToLowerInvariant();
        group.MapGet($"/{root}/{{id:int}}/victories", async (int id, CurrentPerson current, CohortService cohorts, CancellationToken ct) =>
                await InCohort(resolve, id, current, cohorts, ct, async (cohort, person) => TypedResults.Ok(await cohorts.VictoriesAsync(cohort, person, ct))))
            .WithName($"List{name}Victories").WithSummary($"The {place}'s victories the caller may see: the public ones, their own, and private ones shared with them.");
        group.MapPost($"/{root}/{{id:int}}/victories", async (int id, VictoryInput input, CurrentPerson current, CohortService cohorts, CancellationToken ct) =>
                await Create(resolve, id, current, cohorts, ct, $"/api/{root}/{id}/victories", (cohort, person) => cohorts.AddVictoryAsync(cohort, person, input, ct)))
            .WithName($"Add{name}Victory").WithSummary("Post a victory: public (the cohort sees it) or private (only the people in sharedWith: your mentor, mentees or group).");
        group.MapGet($"/{root}/{{id:int}}/kudos", async (int id, CurrentPerson current, CohortService cohorts, CancellationToken ct) =>
                await InCohort(resolve, id, current, cohorts, ct, async (cohort, person) => TypedResults.Ok(await cohorts.KudosAsync(cohort, person, ct))))
            .WithName($"List{name}Kudos").WithSummary($"The {place}'s kudos, newest first.");
        group.MapPost($"/{root}/{{id:int}}/kudos", async (int id, KudosInput input, CurrentPerson current, CohortService cohorts, CancellationToken ct) =>
                await Create(resolve, id, current, cohorts, ct, $"/api/{root}/{id}/kudos", (cohort, person) => cohorts.AddKudosAsync(cohort, person, input, ct)))
            .WithName($"Give{name}Kudos").WithSummary($"Give kudos to someone in the {place} with a short message.");
        group.MapGet($"/{root}/{{id:int}}/standups", async (int id, CurrentPerson current, CohortService cohorts, CancellationToken ct) =>
                await InCohort(resolve, id, current, cohorts, ct, async (cohort, person) => TypedResults.Ok(await cohorts.StandupsAsync(cohort, person, ct))))
            .WithName($"List{name}Standups").WithSummary($"The {place}'s latest stand-ups with their replies, newest day first.");
        group.MapPost($"/{root}/{{id:int}}/standups", async (int id, StandupInput input, CurrentPerson current, CohortService cohorts, CancellationToken ct) =>
                await Create(resolve, id, current, cohorts, ct, $"/api/{root}/{id}/standups", (cohort, person) => cohorts.PostStandupAsync(cohort, person, input, ct)))
            .WithName($"Post{name}Standup").WithSummary("Post today's stand-up (what I did, what I'll do, where I'm stuck); posting again the same day rewrites it.");
    }

    private static async Task<Results<Ok<List<T>>, NotFound>> InCohort<T>(
        Resolve resolve, int id, CurrentPerson current, CohortService cohorts, CancellationToken ct, Func<Cohort, int?, Task<Ok<List<T>>>> read)
    {
        var person = await current.IdAsync(ct);
        return await resolve(cohorts, id, person, current.IsAdmin, ct) is { } cohort ? await read(cohort, person) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<Created>, NotFound, ValidationProblem>> Create(
        Resolve resolve, int id, CurrentPerson current, CohortService cohorts, CancellationToken ct, string location,
        Func<Cohort, int?, Task<Outcome<Created>>> create)
    {
        var person = await current.IdAsync(ct);
        if (await resolve(cohorts, id, person, current.IsAdmin, ct) is not { } cohort)
        {
            return TypedResults.NotFound();
        }
        var created = await create(cohort, person);
        return created.Succeeded ? TypedResults.Created(location, created.Value) : created.ToProblem();
    }

    private static async Task<Results<Ok<List<ReplyDto>>, NotFound, ValidationProblem>> Replies(
        int id, CurrentPerson current, CohortService cohorts, CancellationToken cancellationToken) =>
        (await cohorts.RepliesAsync(id, await current.IdAsync(cancellationToken), current.IsAdmin, cancellationToken)).ToOk();

    private static async Task<Results<Created<Created>, NotFound, ValidationProblem>> Reply(
        int id, ReplyInput input, CurrentPerson current, CohortService cohorts, CancellationToken cancellationToken)
    {
        var created = await cohorts.ReplyAsync(id, await current.IdAsync(cancellationToken), current.IsAdmin, input, cancellationToken);
        return created.Succeeded ? TypedResults.Created($"/api/standups/{id}/replies", created.Value)
            : created.IsNotFound ? TypedResults.NotFound() : created.ToProblem();
    }

    private static async Task<Results<Ok<List<ReactionCount>>, NotFound, ValidationProblem>> React(
        ReactionTarget target, int id, ReactionKind? kind, bool add, CurrentPerson current, CohortService cohorts, CancellationToken cancellationToken) =>
        (await cohorts.ReactAsync(target, id, await current.IdAsync(cancellationToken), current.IsAdmin, kind, add, cancellationToken)).ToOk();

    private static ReactionKind? ParseKind(string kind) =>
        Enum.GetValues<ReactionKind>().Select(k => (ReactionKind?)k).FirstOrDefault(k => CohortService.KebabName(k!.Value) == kind);
}
