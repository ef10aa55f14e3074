using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// What a pair's space and a group's space share: the plan, check-ins, goals, sessions, action items,
/// notes and reflections, loaded and changed through the same service for either kind of space. A page
/// says which space an id names, where it lives and who is in it (<see cref="FindAsync"/>).
/// </summary>
public abstract class SpacePageModel(CurrentPerson current, MentorshipSpaceService space, Dialogues.DialogueLibrary dialogues, NodaTime.IClock clock) : PageModel
{
    protected CurrentPerson Current { get; } = current;

    protected MentorshipSpaceService Service { get; } = space;

    /// <summary>Whose space it is and how the shared sections speak of it; null when it is not the caller's.</summary>
    public SpaceView? View { get; private set; }

    public PlanDto? Plan { get; private set; }

    public IReadOnlyList<GoalDto> Goals { get; private set; } = [];

    public IReadOnlyList<SpaceSessionDto> Sessions { get; private set; } = [];

    public IReadOnlyList<NoteDto> Notes { get; private set; } = [];

    public IReadOnlyList<ReflectionDto> Reflections { get; private set; } = [];

    public IReadOnlyList<CheckInDto> CheckIns { get; private set; } = [];

    public IReadOnlyList<ActionItemDto> ActionItems { get; private set; } = [];

    /// <summary>Where the mentorship is (first weeks, middle, end) and the guided dialogues that suit it.</summary>
    public DialogueStage Stage { get; private set; }

    public IReadOnlyList<DiscussionGuide> Suggested { get; private set; } = [];

    /// <summary>What the plan form shows: the current plan, or a first plan to start from.</summary>
    public PlanInput PlanForm { get; private set; } = new();

    /// <summary>The form whose input was refused: it stays open with its messages.</summary>
    public string? Failed { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public bool Active => View?.Status == MentorshipStatus.Active;

    public string Today { get; private set; } = "";

    public IEnumerable<string> Errors(string prefix) =>
        ModelState.Where(e => e.Key == prefix || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal)).SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage);

    /// <summary>How the page speaks of the others in the space: "the two of you" or "the group".</summary>
    public abstract SpaceWords Words { get; }

    /// <summary>The space a route id names.</summary>
    protected abstract SpaceKey Key(int id);

    /// <summary>The page's address, where a change returns to.</summary>
    protected abstract string PathOf(int id);

    /// <summary>Loads the space's own part for the caller (the page's header, anything only it shows); null when it is not theirs.</summary>
    protected abstract Task<SpaceView?> FindAsync(int id, int personId, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        if (View is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPlanAsync(int id, PlanInput plan, CancellationToken ct) =>
        await ActAsync(id, "plan", $"Plan saved and confirmed by you. It is waiting for {Words.WaitingFor} to confirm it.", async p =>
        {
            var saved = await Service.SetPlanAsync(Key(id), p, plan, ct);
            return saved.Succeeded ? await Service.ConfirmPlanAsync(Key(id), p, ct) : saved;
        }, () => PlanForm = plan);

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct) =>
        ActAsync(id, "plan", "You confirmed the plan.", p => Service.ConfirmPlanAsync(Key(id), p, ct));

    public Task<IActionResult> OnPostCheckInAsync(int id, CheckInInput checkIn, CancellationToken ct) =>
        ActAsync(id, "checkIn", "Check-in logged. Thank you.", p => Service.AddCheckInAsync(Key(id), p, checkIn, ct));

    public Task<IActionResult> OnPostGoalAsync(int id, GoalInput goal, CancellationToken ct) =>
        ActAsync(id, "goal", "Goal set.", p => Service.AddGoalAsync(Key(id), p, goal, ct));

    public Task<IActionResult> OnPostGoalProgressAsync(int id, int goalId, GoalUpdate update, CancellationToken ct) =>
        ActAsync(id, $"goal{goalId}", "Goal updated.", p => Service.UpdateGoalAsync(goalId, p, update, ct));

    public Task<IActionResult> OnPostMilestoneAsync(int id, int goalId, MilestoneInput milestone, CancellationToken ct) =>
        ActAsync(id, $"milestone{goalId}", "Milestone added.", p => Service.AddMilestoneAsync(goalId, p, milestone, ct));

    public Task<IActionResult> OnPostMilestoneDoneAsync(int id, int milestoneId, bool done, CancellationToken ct) =>
        ActAsync(id, "goals", done ? "Milestone done: well done." : "Milestone open again.", p => Service.MilestoneDoneAsync(milestoneId, p, done, ct));

    public Task<IActionResult> OnPostSessionAsync(int id, LogSessionInput session, CancellationToken ct) =>
        ActAsync(id, "session", "Session logged.", p => Service.LogSessionAsync(Key(id), p, session, ct));

    public Task<IActionResult> OnPostRateAsync(int id, int sessionId, int rating, CancellationToken ct) =>
        ActAsync(id, "sessions", "Thanks for rating the session.", p => Service.RateAsync(sessionId, p, new RatingInput { Rating = rating }, ct));

    public Task<IActionResult> OnPostSessionNotesAsync(int id, int sessionId, SessionNotesInput notes, CancellationToken ct) =>
        ActAsync(id, $"session{sessionId}", "Session notes saved.", p => Service.SetSessionNotesAsync(sessionId, p, notes, ct));

    public Task<IActionResult> OnPostNoteAsync(int id, NoteInput note, CancellationToken ct) =>
        ActAsync(id, "note", note.Visibility == NoteVisibility.Private ? "Private note saved: only you can read it." : $"Note shared with {Words.SharedWith}.",
            p => Service.AddNoteAsync(Key(id), p, note, ct));

    public Task<IActionResult> OnPostReflectionAsync(int id, ReflectionInput reflection, CancellationToken ct) =>
        ActAsync(id, "reflection", "Reflection saved.", p => Service.AddReflectionAsync(Key(id), p, reflection, ct));

    public Task<IActionResult> OnPostActionAsync(int id, ActionItemInput action, CancellationToken ct) =>
        ActAsync(id, "action", "Action item added.", p => Service.AddActionItemAsync(Key(id), p, action, ct));

    public Task<IActionResult> OnPostActionDoneAsync(int id, int itemId, bool done, CancellationToken ct) =>
        ActAsync(id, "actions", done ? "Action item done." : "Action item open again.", p => Service.ActionItemDoneAsync(itemId, p, done, ct));

    /// <summary>Runs a change as the caller; refused input re-renders the page with the form open and its messages.</summary>
    protected async Task<IActionResult> ActAsync<T>(int id, string form, string done, Func<int, Task<Outcome<T>>> action, Action? keepInput = null)
    {
        if (await Current.IdAsync(HttpContext.RequestAborted) is not { } personId)
        {
            return NotFound();
        }
        var outcome = await action(personId);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(form + "." + error.Field, PageValidation.Sentence(error.Message));
            }
            Failed = form;
            await LoadAsync(id);
            keepInput?.Invoke();
            return Page();
        }
        StatusMessage = done;
        return Redirect($"{PathOf(id)}#{form}");
    }

    private async Task LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (await Current.IdAsync(ct) is not { } personId || await FindAsync(id, personId, ct) is not { } view)
        {
            return;
        }
        View = view;
        var key = Key(id);
        Plan = (await Service.PlanAsync(key, personId, ct)).Value;
        Goals = (await Service.GoalsAsync(key, personId, ct)).Value ?? [];
        Sessions = (await Service.SessionsAsync(key, personId, ct)).Value ?? [];
        Notes = (await Service.NotesAsync(key, personId, ct)).Value ?? [];
        Reflections = (await Service.ReflectionsAsync(key, personId, ct)).Value ?? [];
        CheckIns = (await Service.CheckInsAsync(key, personId, ct)).Value ?? [];
        ActionItems = (await Service.ActionItemsAsync(key, personId, ct)).Value ?? [];
        var today = clock.TodayIn(view.TimeZone);
        Today = NodaTime.Text.LocalDatePattern.Iso.Format(today);
        Stage = MentorshipStages.Of(NodaTime.LocalDate.FromDateOnly(view.Started), today,
            Plan?.EndDate is { } end ? NodaTime.LocalDate.FromDateOnly(end) : null, view.Status);
        Suggested = (await dialogues.SuggestFor(Stage, ct)).Take(3).ToList();
        PlanForm = Plan is { } plan
            ? new PlanInput
            {
                Cadence = plan.Cadence, Day = plan.Day.ToString(), Time = plan.Time, Channels = [.. plan.Channels], Norms = plan.Norms,
                Confidentiality = plan.Confidentiality, EndDate = plan.EndDate, TimeZone = plan.TimeZone,
            }
            : new PlanInput
            {
                Cadence = PlanCadence.Weekly, Day = "Tuesday", Time = "10:00", Channels = ["video"], Norms = MentorshipSpaceService.SuggestedNorm,
                Confidentiality = Words.Confidentiality, TimeZone = view.TimeZone,
            };
    }
}
