using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Cohorts;

public sealed class VictoryForm
{
    public string? Text { get; set; }

    public string? Visibility { get; set; } = "public";

    public List<int> SharedWith { get; set; } = [];
}

public sealed class KudosForm
{
    public int? To { get; set; }

    public string? Text { get; set; }
}

public sealed class StandupForm
{
    public string? Did { get; set; }

    public string? Next { get; set; }

    public string? Stuck { get; set; }
}

/// <summary>
/// A cohort's board: victories, kudos with their word cloud, and stand-ups with replies, through the
/// same service as the API. The program's board and a group's differ only in which cohort they open.
/// Whoever is not in the cohort (nor an admin) finds nothing.
/// </summary>
public abstract class BoardPageModel(CohortService cohorts, CurrentPerson current) : PageModel
{
    public Cohort? Cohort { get; private set; }

    public int? PersonId { get; private set; }

    /// <summary>The program's or group's id in the page's address.</summary>
    public int Id { get; private set; }

    public bool IsAdmin => current.IsAdmin;

    public IReadOnlyList<VictoryDto> Victories { get; private set; } = [];

    public IReadOnlyList<KudosDto> KudosList { get; private set; } = [];

    public IReadOnlyList<StandupDto> Standups { get; private set; } = [];

    public WordCloud Cloud { get; private set; } = new([], WordCloud.CloudWidth, 0);

    public IReadOnlyList<Person> People { get; private set; } = [];

    /// <summary>Whom the caller may share a private victory with.</summary>
    public IReadOnlyList<Person> ShareWith { get; private set; } = [];

    [BindProperty]
    public VictoryForm Victory { get; set; } = new();

    [BindProperty]
    public KudosForm Kudos { get; set; } = new();

    [BindProperty]
    public StandupForm Standup { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    /// <summary>The page's own address, for the forms' redirects.</summary>
    public abstract string Path(int id);

    protected abstract Task<Cohort?> ResolveAsync(CohortService cohorts, int id, int? personId, bool isAdmin, CancellationToken cancellationToken);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostVictoryAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return Page();
        }
        var visibility = Victory.Visibility switch { "public" => VictoryVisibility.Public, "private" => VictoryVisibility.Private, _ => (VictoryVisibility?)null };
        var input = new VictoryInput
        {
            Text = Victory.Text, Visibility = visibility,
            SharedWith = visibility == VictoryVisibility.Private ? Victory.SharedWith : [],
        };
        var outcome = await cohorts.AddVictoryAsync(Cohort!, PersonId, input, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, "Victory", "victories",
            visibility == VictoryVisibility.Private ? "Your private victory is saved: only you and the people you chose see it." : "Your victory is on the board.");
    }

    public async Task<IActionResult> OnPostKudosAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return Page();
        }
        var outcome = await cohorts.AddKudosAsync(Cohort!, PersonId, new KudosInput { To = Kudos.To, Text = Kudos.Text }, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, "Kudos", "kudos", "Your kudos are on the board.");
    }

    public async Task<IActionResult> OnPostStandupAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return Page();
        }
        var outcome = await cohorts.PostStandupAsync(Cohort!, PersonId,
            new StandupInput { Did = Standup.Did, Next = Standup.Next, Stuck = Standup.Stuck }, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, "Standup", "standups", "Your stand-up for today is posted.");
    }

    public async Task<IActionResult> OnPostReplyAsync(int id, int standupId, string? text)
    {
        var outcome = await cohorts.ReplyAsync(standupId, await current.IdAsync(HttpContext.RequestAborted), IsAdmin, new ReplyInput { Text = text }, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            StatusMessage = "Your reply is posted.";
        }
        else
        {
            ErrorMessage = outcome.IsNotFound ? "That stand-up is not on this board." : "Your reply: " + string.Join(" ", outcome.Errors.Select(e => e.Message)) + ".";
        }
        return Redirect(Path(id) + "#standup-" + standupId);
    }

    public async Task<IActionResult> OnPostReactAsync(int id, ReactionTarget target, int targetId, ReactionKind kind, bool add)
    {
        var outcome = await cohorts.ReactAsync(target, targetId, await current.IdAsync(HttpContext.RequestAborted), IsAdmin, kind, add, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ErrorMessage = outcome.IsNotFound ? "That is not on this board." : PageValidation.Sentence(outcome.Errors[0].Message);
        }
        return Redirect(Path(id) + "#" + target.ToString().ToLowerInvariant() + "-" + targetId);
    }

    private async Task<IActionResult> AfterAsync(int id, Outcome<Created> outcome, string prefix, string section, string message)
    {
        if (outcome.Succeeded)
        {
            StatusMessage = message;
            return Redirect(Path(id) + "#" + section);
        }
        ModelState.AddErrors(outcome, prefix);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Id = id;
        PersonId = await current.IdAsync(cancellationToken);
        Cohort = await ResolveAsync(cohorts, id, PersonId, IsAdmin, cancellationToken);
        if (Cohort is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
        Victories = await cohorts.VictoriesAsync(Cohort, PersonId, cancellationToken);
        KudosList = await cohorts.KudosAsync(Cohort, PersonId, cancellationToken);
        Standups = await cohorts.StandupsAsync(Cohort, PersonId, cancellationToken);
        Cloud = WordCloud.Of(await cohorts.KudosTextsAsync(Cohort, cancellationToken));
        People = (await cohorts.PeopleAsync(Cohort, cancellationToken)).Where(p => p.Id != PersonId).ToList();
        if (PersonId is { } me)
        {
            ShareWith = await cohorts.SharingCandidatesAsync(Cohort, me, cancellationToken);
        }
        return true;
    }
}
