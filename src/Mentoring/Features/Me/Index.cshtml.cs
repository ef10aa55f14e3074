using System.ComponentModel.DataAnnotations;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Cohorts;
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

    public IReadOnlyList<MyGroup> Hosting { get; private set; } = [];

    public IReadOnlyList<MyGroup> Groups { get; private set; } = [];

    /// <summary>The boards of my programs and groups.</summary>
    public IReadOnlyList<(string Name, string Path)> Boards { get; private set; } = [];

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
        // (All the sections' queries share one connection: PageConnectionFilter.)
        await LoadSectionsAsync(personId, cancellationToken);
    }

    private async Task LoadSectionsAsync(int personId, CancellationToken cancellationToken)
    {
        // One query per section: each statement costs (SQLite prepares it, PostgreSQL is a round trip away), so
        // what several sections share (my programs and enrollments, my groups) is read once and handed on.
        Surveys = await surveys.MySurveysAsync(cancellationToken);
        Mentorships = await mentorships.MineAsync(personId, cancellationToken);

        var requests = await mentorships.RequestsAsync(personId, cancellationToken);
        Incoming = requests.Where(r => r.MentorId == personId).ToList();
        Outgoing = requests.Where(r => r.MenteeId == personId).ToList();

        // My programs (active enrollments) and every active coffee roulette, with my enrollment when I have one.
        var programs = await (
                from p in db.Programs.AsNoTracking()
                join e in db.Enrollments.AsNoTracking().Where(e => e.PersonId == personId) on p.Id equals e.ProgramId into mine
                from e in mine.DefaultIfEmpty()
                where e != null || (p.Kind == ProgramKind.CoffeeRoulette && p.Status == ProgramStatus.Active)
                orderby p.Name, p.Id
                select new { p.Id, p.Name, p.Kind, p.Status, p.Matching.Mode, p.Roulette.Cadence, Enrollment = e })
            .ToListAsync(cancellationToken);
        var enrollments = programs.Where(p => p.Enrollment is not null && p.Status != ProgramStatus.Archived).ToList();

        var choosing = enrollments.Where(e => e.Enrollment!.Role == EnrollmentRole.Mentee && e.Mode == MatchingMode.MenteeChoice)
            .OrderBy(e => e.Enrollment!.Id).ToList();
        // Only a mentee of a mentee-choice program may still be choosing: for everyone else there is nothing to ask.
        var withMentor = choosing.Count == 0 ? []
            : await db.Mentorships.AsNoTracking().Where(m => m.MenteeId == personId && m.Status == MentorshipStatus.Active)
                .Select(m => m.ProgramId).ToListAsync(cancellationToken);
        var choices = new List<MentorChoice>();
        foreach (var enrollment in choosing.Where(e => !withMentor.Contains(e.Id)))
        {
            choices.Add(new MentorChoice(enrollment.Id, enrollment.Name,
                (await mentorships.SuggestionsAsync(enrollment.Id, personId, cancellationToken)).Value ?? []));
        }
        Choices = choices;

        // Every open coffee roulette: the ones I am in, and the active ones anyone may join; my latest coffees of
        // all of them in one query.
        var roulettes = programs.Where(p => p.Kind == ProgramKind.CoffeeRoulette && p.Status != ProgramStatus.Archived
            && (p.Status == ProgramStatus.Active || p.Enrollment is not null)).ToList();
        var latest = await coffees.LatestPairingsAsync(roulettes.Select(p => p.Id).ToList(), personId, cancellationToken);
        Coffees = roulettes.Select(p => new MyCoffee(p.Id, p.Name, p.Cadence, RouletteQueries.Mine(p.Enrollment, latest.GetValueOrDefault(p.Id) ?? [])))
            .ToList();

        var groups = await GroupQueries.MineByTitleAsync(db, personId, cancellationToken);
        Hosting = groups.Where(g => g.HostId == personId).OrderByDescending(g => g.Id).ToList();
        Groups = groups.Where(g => g.HostId != personId).OrderByDescending(g => g.Id).ToList();
        Boards = CohortService.Boards(programs.Where(p => p.Enrollment is not null).Select(p => (p.Id, p.Name)), groups.Select(g => (g.Id, g.Title)));

        // Most people have no request: then there is no name to look up, and most requests are in my programs.
        var names = programs.ToDictionary(p => p.Id, p => p.Name);
        var unnamed = requests.Select(r => r.ProgramId).Distinct().Where(id => !names.ContainsKey(id)).ToList();
        if (unnamed.Count > 0)
        {
            foreach (var program in await db.Programs.AsNoTracking().Where(p => unnamed.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
            {
                names[program.Id] = program.Name;
            }
        }
        ProgramNames = names;
    }
}
