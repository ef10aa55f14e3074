using System.ComponentModel.DataAnnotations;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

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
        CurrentPerson current, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(current, async personId => Outcome<Ok<List<MyMentorshipDto>>>.Ok(TypedResults.Ok(await service.MineAsync(personId, cancellationToken))));

    private static async Task<Results<NoContent, ValidationProblem>> Decline(
        int id, DeclineInput input, CurrentPerson current, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(current, async personId => (await service.DeclineAsync(id, personId, input.Reason, cancellationToken)).Map(_ => TypedResults.NoContent()));

    private static async Task<Results<Ok<List<Suggestion>>, ValidationProblem>> Suggestions(
        int programId, CurrentPerson current, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(current, async personId => (await service.SuggestionsAsync(programId, personId, cancellationToken)).Map(suggestions => TypedResults.Ok(suggestions)));

    private static async Task<Results<Ok<MentorRequestDto>, ValidationProblem>> Ask(
        int programId, AskInput input, CurrentPerson current, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(current, async personId =>
            await RequestAsync(service, personId, await service.AskAsync(programId, personId, input.MentorId, input.Message, cancellationToken), cancellationToken));

    private static async Task<Results<Ok<List<MentorRequestDto>>, ValidationProblem>> Requests(
        CurrentPerson current, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(current, async personId =>
            Outcome<Ok<List<MentorRequestDto>>>.Ok(TypedResults.Ok((await service.RequestsAsync(personId, cancellationToken)).Select(MentorRequestDto.From).ToList())));

    private static Task<Results<Ok<MentorRequestDto>, ValidationProblem>> Accept(
        int id, CurrentPerson current, MentorshipService service, CancellationToken cancellationToken) =>
        Answer(id, accept: true, null, current, service, cancellationToken);

    private static Task<Results<Ok<MentorRequestDto>, ValidationProblem>> DeclineRequest(
        int id, AnswerInput input, CurrentPerson current, MentorshipService service, CancellationToken cancellationToken) =>
        Answer(id, accept: false, input.Response, current, service, cancellationToken);

    private static async Task<Results<Ok<MentorRequestDto>, ValidationProblem>> Answer(
        int id, bool accept, string? response, CurrentPerson current, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(current, async personId =>
            await RequestAsync(service, personId, await service.AnswerAsync(id, personId, accept, response, cancellationToken), cancellationToken));

    private static async Task<Results<Ok<MentorRequestDto>, ValidationProblem>> Withdraw(
        int id, CurrentPerson current, MentorshipService service, CancellationToken cancellationToken) =>
        await AsPerson(current, async personId =>
            await RequestAsync(service, personId, await service.WithdrawAsync(id, personId, cancellationToken), cancellationToken));

    /// <summary>A request as its mentee or mentor now sees it, after a change to it.</summary>
    private static async Task<Outcome<Ok<MentorRequestDto>>> RequestAsync(
        MentorshipService service, int personId, Outcome<MentorRequest> changed, CancellationToken cancellationToken)
    {
        if (changed.Value is not { } request)
        {
            return Outcome.Invalid(changed.Errors);
        }
        return TypedResults.Ok(MentorRequestDto.From((await service.RequestsAsync(personId, cancellationToken)).Single(r => r.Id == request.Id)));
    }

    /// <summary>Runs an action as the person linked to the caller's account; rule breaks become ProblemDetails.</summary>
    private static async Task<Results<T, ValidationProblem>> AsPerson<T>(CurrentPerson current, Func<int, Task<Outcome<T>>> action) where T : IResult
    {
        if (await current.IdAsync() is not { } personId)
        {
            return Problems.NotLinkedToPerson();
        }
        var outcome = await action(personId);
        if (!outcome.Succeeded)
        {
            return outcome.ToProblem();
        }
        return outcome.Value!;
    }
}
