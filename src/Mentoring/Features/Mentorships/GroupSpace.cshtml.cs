using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// A group cohort's space, for its host and members only (anyone else is told it does not exist):
/// the plan, check-ins, goals, sessions, action items, notes and reflections, through the same
/// service as the pair's space and the API, so a private note stays its author's here too.
/// </summary>
public sealed class GroupSpaceModel(CurrentPerson current, MentorshipSpaceService space, Dialogues.DialogueLibrary dialogues, NodaTime.IClock clock) : PageModel
{
    public GroupSpaceDto? Space { get; private set; }

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

    public bool Active => Space is not null;

    public string Today { get; private set; } = "";

    public IEnumerable<string> Errors(string prefix) =>
        ModelState.Where(e => e.Key == prefix || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal)).SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        if (Space is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPlanAsync(int id, PlanInput plan, CancellationToken ct) =>
        await ActAsync(id, "plan", "Plan saved and confirmed by you. It is waiting for the others to confirm it.", async p =>
        {
            var saved = await space.SetPlanAsync(Key(id), p, plan, ct);
            return saved.Succeeded ? await space.ConfirmPlanAsync(Key(id), p, ct) : saved;
        }, () => PlanForm = plan);

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct) =>
        ActAsync(id, "plan", "You confirmed the plan.", p => space.ConfirmPlanAsync(Key(id), p, ct));

    public Task<IActionResult> OnPostCheckInAsync(int id, CheckInInput checkIn, CancellationToken ct) =>
        ActAsync(id, "checkIn", "Check-in logged. Thank you.", p => space.AddCheckInAsync(Key(id), p, checkIn, ct));

    public Task<IActionResult> OnPostGoalAsync(int id, GoalInput goal, CancellationToken ct) =>
        ActAsync(id, "goal", "Goal set.", p => space.AddGoalAsync(Key(id), p, goal, ct));

    public Task<IActionResult> OnPostGoalProgressAsync(int id, int goalId, GoalUpdate update, CancellationToken ct) =>
        ActAsync(id, $"goal{goalId}", "Goal updated.", p => space.UpdateGoalAsync(goalId, p, update, ct));

    public Task<IActionResult> OnPostMilestoneAsync(int id, int goalId, MilestoneInput milestone, CancellationToken ct) =>
        ActAsync(id, $"milestone{goalId}", "Milestone added.", p => space.AddMilestoneAsync(goalId, p, milestone, ct));

    public Task<IActionResult> OnPostMilestoneDoneAsync(int id, int milestoneId, bool done, CancellationToken ct) =>
        ActAsync(id, "goals", done ? "Milestone done: well done." : "Milestone open again.", p => space.MilestoneDoneAsync(milestoneId, p, done, ct));

    public Task<IActionResult> OnPostSessionAsync(int id, LogSessionInput session, CancellationToken ct) =>
        ActAsync(id, "session", "Session logged.", p => space.LogSessionAsync(Key(id), p, session, ct));

    public Task<IActionResult> OnPostRateAsync(int id, int sessionId, int rating, CancellationToken ct) =>
        ActAsync(id, "sessions", "Thanks for rating the session.", p => space.RateAsync(sessionId, p, new RatingInput { Rating = rating }, ct));

    public Task<IActionResult> OnPostSessionNotesAsync(int id, int sessionId, SessionNotesInput notes, CancellationToken ct) =>
        ActAsync(id, $"session{sessionId}", "Session notes saved.", p => space.SetSessionNotesAsync(sessionId, p, notes, ct));

    public Task<IActionResult> OnPostNoteAsync(int id, NoteInput note, CancellationToken ct) =>
        ActAsync(id, "note", note.Visibility == NoteVisibility.Private ? "Private note saved: only you can read it." : "Note shared with the group.",
            p => space.AddNoteAsync(Key(id), p, note, ct));

    public Task<IActionResult> OnPostReflectionAsync(int id, ReflectionInput reflection, CancellationToken ct) =>
        ActAsync(id, "reflection", "Reflection saved.", p => space.AddReflectionAsync(Key(id), p, reflection, ct));

    public Task<IActionResult> OnPostActionAsync(int id, ActionItemInput action, CancellationToken ct) =>
        ActAsync(id, "action", "Action item added.", p => space.AddActionItemAsync(Key(id), p, action, ct));

    public Task<IActionResult> OnPostActionDoneAsync(int id, int itemId, bool done, CancellationToken ct) =>
        ActAsync(id, "actions", done ? "Action item done." : "Action item open again.", p => space.ActionItemDoneAsync(itemId, p, done, ct));

    /// <summary>Runs a change as the caller; refused input re-renders the page with the form open and its messages.</summary>
    private async Task<IActionResult> ActAsync<T>(int id, string form, string done, Func<int, Task<Outcome<T>>> action, Action? keepInput = null)
    {
        if (await current.IdAsync(HttpContext.RequestAborted) is not { } personId)
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
        return Redirect($"/Groups/{id}/Space#{form}");
    }

    private static SpaceKey Key(int groupId) => SpaceKey.Group(groupId);

    private async Task LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (await current.IdAsync(ct) is not { } personId || (await space.GroupSpaceAsync(id, personId, ct)).Value is not { } group)
        {
            return;
        }
        Space = group;
        var key = Key(id);
        Plan = (await space.PlanAsync(key, personId, ct)).Value;
        Goals = (await space.GoalsAsync(key, personId, ct)).Value ?? [];
        Sessions = (await space.SessionsAsync(key, personId, ct)).Value ?? [];
        Notes = (await space.NotesAsync(key, personId, ct)).Value ?? [];
        Reflections = (await space.ReflectionsAsync(key, personId, ct)).Value ?? [];
        CheckIns = (await space.CheckInsAsync(key, personId, ct)).Value ?? [];
        ActionItems = (await space.ActionItemsAsync(key, personId, ct)).Value ?? [];
        var today = clock.TodayIn(group.Me.TimeZone);
        Today = NodaTime.Text.LocalDatePattern.Iso.Format(today);
        Stage = MentorshipStages.Of(NodaTime.LocalDate.FromDateOnly(group.Started), today,
            Plan?.EndDate is { } end ? NodaTime.LocalDate.FromDateOnly(end) : null, MentorshipStatus.Active);
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
                Confidentiality = "What we say in the group stays in the group unless we agree otherwise.", TimeZone = group.Me.TimeZone,
            };
    }
}
