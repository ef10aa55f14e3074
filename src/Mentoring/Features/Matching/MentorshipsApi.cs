using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Mentoring.Features.Matching;

public sealed record AskInput
{
    public int MentorId { get; init; }

    [StringLength(2000)]
    public string Message { get; init; } = "";
}

public sealed record AnswerInput
{
    [StringLength(2000)]
    public string? Response { get; init; }
}

/// <summary>
/// What a mentor or mentee does with their own matches. Everyone signed in may call these, and each
/// call acts only on the caller's own mentorships and requests (the person linked to their account).
/// </summary>
public static class MentorshipsApi
{
    public static RouteGroupBuilder MapMentorshipsApi(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/").WithTags("My mentoring").RequireAuthorization(Policies.SignedIn);
        mine.MapGet("/me/mentorships", Mine).WithName("MyMentorships").WithSummary("My mentorships: my counterpart's profile and why we were matched.");
        mine.MapPost("/mentorships/{id:int}/decline", Decline).WithName("DeclineMentorship").WithSummary("Decline one of my mentorships, saying why.");
        mine.MapGet("/programs/{programId:int}/suggestions", Suggestions).WithName("MentorSuggestions")
            .WithSummary("Mentee-choice programs: the mentors I may ask, best fit first, with reasons.");
        mine.MapPost("/programs/{programId:int}/requests", Ask).WithName("AskMentor").WithSummary("Ask a suggested mentor (onto their waitlist when they are full).");
        mine.MapGet("/me/requests", Requests).WithName("MyRequests").WithSummary("Requests I made, and requests made to me.");
        mine.MapPost("/requests/{id:int}/accept", Accept).WithName("AcceptRequest").WithSummary("As the mentor asked: accept, which starts the mentorship.");
        mine.MapPost("/requests/{id:int}/decline", DeclineRequest).WithName("DeclineRequest").WithSummary("As the mentor asked: decline.");
        mine.MapPost("/requests/{id:int}/withdraw", Withdraw).WithName("WithdrawRequest").WithSummary("As the mentee: withdraw my request.");
        return api;
    }

    private static async Task<Results<Ok<List<MyMentorshipDto>>, ValidationProblem>> Mine(
        ClaimsPrincipal user, UserManager<UserAccount> users, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(user, users, async personId => TypedResults.Ok(await service.MineAsync(personId, cancellationToken)));

    private static async Task<Results<NoContent, ValidationProblem>> Decline(
        int id, DeclineInput input, ClaimsPrincipal user, UserManager<UserAccount> users, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson<NoContent>(user, users, async personId =>
        {
            await service.DeclineAsync(id, personId, input.Reason, cancellationToken);
            return TypedResults.NoContent();
        });

    private static async Task<Results<Ok<List<Suggestion>>, ValidationProblem>> Suggestions(
        int programId, ClaimsPrincipal user, UserManager<UserAccount> users, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(user, users, async personId => TypedResults.Ok(await service.SuggestionsAsync(programId, personId, cancellationToken)));

    private static async Task<Results<Ok<MentorRequestDto>, ValidationProblem>> Ask(
        int programId, AskInput input, ClaimsPrincipal user, UserManager<UserAccount> users, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(user, users, async personId =>
        {
            var request = await service.AskAsync(programId, personId, input.MentorId, input.Message, cancellationToken);
            return TypedResults.Ok(MentorRequestDto.From((await service.RequestsAsync(personId, cancellationToken)).Single(r => r.Id == request.Id)));
        });

    private static async Task<Results<Ok<List<MentorRequestDto>>, ValidationProblem>> Requests(
        ClaimsPrincipal user, UserManager<UserAccount> users, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(user, users, async personId =>
            TypedResults.Ok((await service.RequestsAsync(personId, cancellationToken)).Select(MentorRequestDto.From).ToList()));

    private static Task<Results<Ok<MentorRequestDto>, ValidationProblem>> Accept(
        int id, ClaimsPrincipal user, UserManager<UserAccount> users, MentorshipService service, CancellationToken cancellationToken) =>
        Answer(id, accept: true, null, user, users, service, cancellationToken);

    private static Task<Results<Ok<MentorRequestDto>, ValidationProblem>> DeclineRequest(
        int id, AnswerInput input, ClaimsPrincipal user, UserManager<UserAccount> users, MentorshipService service, CancellationToken cancellationToken) =>
        Answer(id, accept: false, input.Response, user, users, service, cancellationToken);

    private static async Task<Results<Ok<MentorRequestDto>, ValidationProblem>> Answer(
        int id, bool accept, string? response, ClaimsPrincipal user, UserManager<UserAccount> users, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(user, users, async personId =>
        {
            await service.AnswerAsync(id, personId, accept, response, cancellationToken);
            return TypedResults.Ok(MentorRequestDto.From((await service.RequestsAsync(personId, cancellationToken)).Single(r => r.Id == id)));
        });

    private static async Task<Results<Ok<MentorRequestDto>, ValidationProblem>> Withdraw(
        int id, ClaimsPrincipal user, UserManager<UserAccount> users, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(user, users, async personId =>
        {
            await service.WithdrawAsync(id, personId, cancellationToken);
            return TypedResults.Ok(MentorRequestDto.From((await service.RequestsAsync(personId, cancellationToken)).Single(r => r.Id == id)));
        });

    /// <summary>Runs an action as the person linked to the caller's account; rule breaks become ProblemDetails.</summary>
    private static async Task<Results<T, ValidationProblem>> AsPerson<T>(
        ClaimsPrincipal user, UserManager<UserAccount> users, Func<int, Task<T>> action) where T : IResult
    {
        var account = await users.GetUserAsync(user);
        if (account?.PersonId is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        try
        {
            return await action(personId);
        }
        catch (MatchingException e)
        {
            return Problems.Field(e.Field, e.Message);
        }
    }
}
