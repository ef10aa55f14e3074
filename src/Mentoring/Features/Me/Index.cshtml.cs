using System.ComponentModel.DataAnnotations;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Groups;
using Mentoring.Features.Matching;
using Mentoring.Features.Roulette;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Me;

/// <summary>A mentee-choice program the caller waits for a mentor in, with the mentors they may ask.</summary>
public sealed record MentorChoice(int ProgramId, string ProgramName, IReadOnlyList<Suggestion> Suggestions);

/// <summary>A coffee-roulette program the caller is in (or may join), with their settings and recent coffees.</summary>
public sealed record MyCoffee(int ProgramId, string ProgramName, RouletteCadence ProgramCadence, MyRoulette Mine);

/// <summary>
/// My mentoring: everything the signed-in person does with their own matches, through the same
/// services as the API. Every handler acts only on the person linked to the caller's account, so
/// nobody sees or changes another person's mentorships, requests, coffees or goals.
/// </summary>
public sealed class IndexModel(
    MentoringDbContext db, CurrentPerson current, MentorshipService mentorships, RouletteService roulette, RouletteQueries coffees,
    RouletteParticipation participation, GroupMembers members, Surveys.SurveysService surveys) : PageModel
{
    public bool Linked { get; private set; }

    /// <summary>Surveys sent to me, answered or not.</summary>
    public IReadOnlyList<Surveys.MySurveyDto> Surveys { get; private set; } = [];

    public IReadOnlyList<MyMentorshipDto> Mentorships { get; private set; } = [];

    /// <summary>Requests mentees made to me, as their mentor-to-be.</summary>
    public IReadOnlyList<MentorRequest> Incoming { get; private set; } = [];

    /// <summary>Requests I made, as a mentee.</summary>
    public IReadOnlyList<MentorRequest> Outgoing { get; private set; } = [];

    public IReadOnlyDictionary<int, string> ProgramNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<MentorChoice> Choices { get; private set; } = [];

    public IReadOnlyList<MyCoffee> Coffees { get; private set; } = [];

    public IReadOnlyList<GroupActivity> Hosting { get; private set; } = [];

    public IReadOnlyList<GroupActivity> Groups { get; private set; } = [];

    public int? PersonId { get; private set; }

    /// <summary>The mentorship whose decline form failed validation: it stays open with its message.</summary>
    public int? Declining { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostDeclineAsync(int mentorshipId, string? reason)
    {
        var input = new DeclineInput { Reason = reason ?? "" };
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), errors, validateAllProperties: true))
        {
            // The reason is required: the form stays open with the message next to it.
            ModelState.AddModelError("reason", "Say in a few words why you decline (3 to 2,000 characters): the program admin reads it.");
            Declining = mentorshipId;
            await LoadAsync();
            return Page();
        }
        return await ActAsync("mentorships-heading", null, async personId =>
            (await mentorships.DeclineAsync(mentorshipId, personId, input.Reason, HttpContext.RequestAborted))
                .Map(_ => "The match is declined. Your program admin sees your reason and will find a better fit."));
    }

    public Task<IActionResult> OnPostAskAsync(int programId, int mentorId, string? message) =>
        ActAsync("choose-heading", new AskInput { MentorId = mentorId, Message = message ?? "" }, async personId =>
            (await mentorships.AskAsync(programId, personId, mentorId, message ?? "", HttpContext.RequestAborted)).Map(request =>
                request.Status == MentorRequestStatus.Waitlisted
                    ? "This mentor is full for now: your request waits on their list and goes to them as soon as a place frees up."
                    : "Your request is sent. You will see here when the mentor answers."));

    public Task<IActionResult> OnPostAcceptAsync(int requestId) =>
        ActAsync("requests-heading", null, async personId =>
            (await mentorships.AnswerAsync(requestId, personId, accept: true, null, HttpContext.RequestAborted))
                .Map(_ => "You accepted: the mentorship has started."));

    public Task<IActionResult> OnPostDeclineRequestAsync(int requestId, string? response) =>
        ActAsync("requests-heading", new AnswerInput { Response = response }, async personId =>
            (await mentorships.AnswerAsync(requestId, personId, accept: false, response, HttpContext.RequestAborted))
                .Map(_ => "You declined the request."));

    public Task<IActionResult> OnPostWithdrawAsync(int requestId) =>
        ActAsync("requests-heading", null, async personId =>
            (await mentorships.WithdrawAsync(requestId, personId, HttpContext.RequestAborted)).Map(_ => "Your request is withdrawn."));

    public Task<IActionResult> OnPostRouletteAsync(
        int programId, bool optedIn, DateOnly? pausedUntil, RouletteCadence? cadence, bool meetOtherOffices, bool meetOtherDepartments, bool meetOtherLevels) =>
        ActAsync("coffee-heading", null, async personId =>
        {
            var input = new MyRouletteInput(optedIn, pausedUntil, cadence, meetOtherOffices, meetOtherDepartments, meetOtherLevels);
            var saved = await participation.SaveMineAsync(programId, personId, input, HttpContext.RequestAborted);
            if (!saved.Succeeded)
            {
                return Outcome.Invalid("programId", "that coffee roulette is closed");
            }
            return !optedIn ? "You are out of the coffee roulette. Your earlier coffees stay here."
                : pausedUntil is { } until ? $"Saved. You are paused until {Display.Date(until)}, then back in the draw."
                : "Saved. You are in the next draw.";
        });

    public Task<IActionResult> OnPostMetAsync(int pairingId, bool met) =>
        ActAsync("coffee-heading", null, async personId =>
        {
            if (!(await roulette.AnswerAsync(pairingId, personId, met, HttpContext.RequestAborted)).Succeeded)
            {
                return Outcome.Invalid("pairingId", "you were not in that pairing");
            }
            return met ? "Thanks: glad you met." : "Thanks for saying. Maybe next time: the next draw finds you someone new.";
        });

    public Task<IActionResult> OnPostGoalAsync(int groupId, string? goal) =>
        ActAsync("groups-heading", new GoalInput { Goal = goal ?? "" }, async personId =>
        {
            if (!(await members.SetGoalAsync(groupId, personId, goal ?? "", HttpContext.RequestAborted)).Succeeded)
            {
                return Outcome.Invalid("groupId", "you are not in that group");
            }
            return "Your goal for the session is saved: your host sees it in their plan.";
        });

    public Task<IActionResult> OnPostCheckInAsync(int groupId) =>
        ActAsync("groups-heading", null, async personId =>
        {
            if (!(await members.AskCheckInAsync(groupId, personId, HttpContext.RequestAborted)).Succeeded)
            {
                return Outcome.Invalid("groupId", "you are not in that group");
            }
            return "Your host will check in with you first.";
        });

    /// <summary>
    /// Runs one of my actions as the person linked to my account, after the API's checks of its input,
    /// then goes back to its section of the page.
    /// </summary>
    private async Task<IActionResult> ActAsync(string section, object? input, Func<int, Task<Outcome<string>>> action)
    {
        if (await current.IdAsync(HttpContext.RequestAborted) is not { } personId)
        {
            ErrorMessage = "Your account is not linked to a person on the roster yet. Ask your program admin to link it.";
            return RedirectToPage();
        }
        var errors = new List<ValidationResult>();
        if (input is not null && !Validator.TryValidateObject(input, new ValidationContext(input), errors, validateAllProperties: true))
        {
            ErrorMessage = errors[0].ErrorMessage;
            return RedirectToPage(null, null, null, section);
        }
        var outcome = await action(personId);
        if (outcome.Succeeded)
        {
            StatusMessage = outcome.Value;
        }
        else
        {
            ErrorMessage = PageValidation.Sentence(outcome.Errors[0].Message);
        }
        return RedirectToPage(null, null, null, section);
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        PersonId = await current.IdAsync(cancellationToken);
        if (PersonId is not { } personId)
        {
            return;
        }
        Linked = true;
        Surveys = await surveys.MySurveysAsync(cancellationToken);
        Mentorships = await mentorships.MineAsync(personId, cancellationToken);

        var requests = await mentorships.RequestsAsync(personId, cancellationToken);
        Incoming = requests.Where(r => r.MentorId == personId).ToList();
        Outgoing = requests.Where(r => r.MenteeId == personId).ToList();

        var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Program)
            .Where(e => e.PersonId == personId && e.Program!.Status != ProgramStatus.Archived).ToListAsync(cancellationToken);
        var withMentor = await db.Mentorships.AsNoTracking().Where(m => m.MenteeId == personId && m.Status == MentorshipStatus.Active)
            .Select(m => m.ProgramId).ToListAsync(cancellationToken);
        var choices = new List<MentorChoice>();
        foreach (var enrollment in enrollments.Where(e => e.Role == EnrollmentRole.Mentee && e.Program!.Matching.Mode == MatchingMode.MenteeChoice
                     && !withMentor.Contains(e.ProgramId)))
        {
            choices.Add(new MentorChoice(enrollment.ProgramId, enrollment.Program!.Name,
                (await mentorships.SuggestionsAsync(enrollment.ProgramId, personId, cancellationToken)).Value ?? []));
        }
        Choices = choices;

        // Every open coffee roulette: the ones I am in, and the active ones anyone may join.
        var enrolled = enrollments.Select(e => e.ProgramId).ToList();
        var roulettes = await db.Programs.AsNoTracking()
            .Where(p => p.Kind == ProgramKind.CoffeeRoulette && p.Status != ProgramStatus.Archived && (p.Status == ProgramStatus.Active || enrolled.Contains(p.Id)))
            .OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var mine = new List<MyCoffee>();
        foreach (var program in roulettes)
        {
            mine.Add(new MyCoffee(program.Id, program.Name, program.Roulette.Cadence, await coffees.MineAsync(program.Id, personId, cancellationToken)));
        }
        Coffees = mine;

        var groups = await GroupQueries.MineAsync(db, personId, cancellationToken);
        Hosting = groups.Where(g => g.HostId == personId).ToList();
        Groups = groups.Where(g => g.HostId != personId).ToList();

        var programIds = requests.Select(r => r.ProgramId).Distinct().ToList();
        // Most people have no request: then there is no name to look up.
        ProgramNames = programIds.Count == 0 ? new Dictionary<int, string>()
            : await db.Programs.AsNoTracking().Where(p => programIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
    }
}
