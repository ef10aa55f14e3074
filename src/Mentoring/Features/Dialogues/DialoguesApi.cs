using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentoring.Features.Dialogues;

/// <summary>The dialogue library: everyone signed in reads the guides in use; the admin edits, adds and retires.</summary>
public static class DialoguesApi
{
    public static IServiceCollection AddDialoguesFeature(this IServiceCollection services) => services.AddScoped<DialogueLibrary>();

    public static RouteGroupBuilder MapDialoguesApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/dialogues").WithTags("Dialogues").RequireAuthorization(Policies.SignedIn);
        read.MapGet("/", List).WithName("ListDialogues")
            .WithSummary("The guided dialogues in use, optionally for one stage (first-weeks, middle, end); admins may add ?retired=true.");
        read.MapGet("/{id:int}", Get).WithName("GetDialogue").WithSummary("One guided dialogue.");
        var admin = api.MapGroup("/dialogues").WithTags("Dialogues").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", Create).WithName("AddDialogue").WithSummary("Add a guided dialogue to the library.");
        admin.MapPut("/{id:int}", Update).WithName("UpdateDialogue").WithSummary("Edit a guided dialogue (retired: true takes it out of use).");
        return api;
    }

    private static async Task<Ok<List<DialogueDto>>> List(
        DialogueStage? stage, bool? retired, CurrentPerson current, DialogueLibrary library, CancellationToken cancellationToken)
    {
        List<DiscussionGuide> guides = stage is { } s && retired != true && s != DialogueStage.Any
            ? [.. await library.SuggestFor(s, cancellationToken)]
            : await library.ListAsync(retired == true && current.IsAdmin, stage, cancellationToken);
        return TypedResults.Ok(guides.Select(DialogueDto.From).ToList());
    }

    private static async Task<Results<Ok<DialogueDto>, NotFound>> Get(int id, CurrentPerson current, DialogueLibrary library, CancellationToken cancellationToken) =>
        await library.FindAsync(id, current.IsAdmin, cancellationToken) is { } guide ? TypedResults.Ok(DialogueDto.From(guide)) : TypedResults.NotFound();

    private static async Task<Results<Created<DialogueDto>, NotFound, ValidationProblem>> Create(
        DialogueInput input, DialogueLibrary library, CancellationToken cancellationToken)
    {
        var saved = await library.SaveAsync(null, input, cancellationToken);
        return saved.Succeeded ? TypedResults.Created($"/api/dialogues/{saved.Value!.Id}", DialogueDto.From(saved.Value)) : saved.ToProblem();
    }

    private static async Task<Results<Ok<DialogueDto>, NotFound, ValidationProblem>> Update(
        int id, DialogueInput input, DialogueLibrary library, CancellationToken cancellationToken) =>
        (await library.SaveAsync(id, input, cancellationToken)).Map(DialogueDto.From).ToOk();
}
