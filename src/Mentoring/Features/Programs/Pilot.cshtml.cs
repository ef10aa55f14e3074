using System.ComponentModel.DataAnnotations;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Programs;

/// <summary>What the pilot's scope can be: the roster's departments and offices, its managers, the program's pairs.</summary>
public sealed record PilotChoices(
    IReadOnlyList<string> Departments, IReadOnlyList<string> Offices, IReadOnlyList<(string ExternalId, string Name)> Managers,
    IReadOnlyList<(string Value, string Names)> Pairs)
{
    public static async Task<PilotChoices> LoadAsync(MentoringDbContext db, int programId, CancellationToken cancellationToken)
    {
        var active = db.People.AsNoTracking().Where(p => p.Active);
        var departments = await active.Where(p => p.Department != null).Select(p => p.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var offices = await db.Offices.AsNoTracking().Select(o => o.Name).OrderBy(o => o).ToListAsync(cancellationToken);
        var managers = (await active.Where(p => db.People.Any(r => r.ManagerId == p.Id && r.Active)).OrderBy(p => p.Name)
            .Select(p => new { p.ExternalId, p.Name }).ToListAsync(cancellationToken)).Select(p => (p.ExternalId, p.Name)).ToList();
        var pairs = (await db.Mentorships.AsNoTracking().Where(m => m.ProgramId == programId && m.Status == MentorshipStatus.Active)
            .OrderBy(m => m.Id).Select(m => new { Mentor = m.Mentor!.ExternalId, MentorName = m.Mentor.Name, Mentee = m.Mentee!.ExternalId, MenteeName = m.Mentee.Name })
            .ToListAsync(cancellationToken)).Select(m => ($"{m.Mentor}:{m.Mentee}", $"{m.MentorName} and {m.MenteeName}")).ToList();
        return new PilotChoices(departments, offices, managers, pairs);
    }
}

/// <summary>The step control on the program page, the pilot page and the evaluation page.</summary>
public sealed record NextStepView(int ProgramId, ProgramStatus Status, ScopeDto? Scope, IReadOnlyList<TransitionDto> Transitions, PilotChoices Choices, string Back, bool IsReverse = false)
{
    /// <summary>The steps the rule allows from here; a reverse-mentoring draft is not offered to skip its pilot.</summary>
    public IReadOnlyList<ProgramStatus> Next => ProgramLifecycleService.NextSteps(Status)
        .Where(to => !(IsReverse && Status == ProgramStatus.Draft && to == ProgramStatus.Active)).ToList();

    public string Label(ProgramStatus to) => (Status, to) switch
    {
        (ProgramStatus.Evaluating, ProgramStatus.Pilot) => "Back to the pilot",
        (_, ProgramStatus.Pilot) => "Start the pilot",
        (_, ProgramStatus.Evaluating) => "Evaluate the pilot",
        (ProgramStatus.Draft, ProgramStatus.Active) => "Start for everyone",
        (_, ProgramStatus.Active) => "Expand to everyone",
        (_, ProgramStatus.Completed) => "Complete the program",
        _ => "Archive the program",
    };

    public static string Describe(ScopeDto scope) => scope.Kind switch
    {
        ScopeKind.Department => $"the {scope.Value} department",
        ScopeKind.Office => $"the {scope.Value} office",
        ScopeKind.Team => $"the team of {scope.Value}",
        _ => $"the pair {scope.Value}",
    };
}

public sealed class SurveySettingsForm
{
    [Display(Name = "Smallest group shown (k)")]
    public int? K { get; set; }

    public bool AutoSurveys { get; set; }
}

public sealed class CriterionRow
{
    public string? Text { get; set; }

    public string? Kind { get; set; }

    public double? Target { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && Target is null;
}

/// <summary>
/// The pilot and its evaluation, for the admin: the next step (with the pilot's scope), the executive
/// sponsor, the success criteria, and the surveys' k and automatic sending. Every rule is the
/// lifecycle service's, the same as the API's.
/// </summary>
public sealed class PilotModel(MentoringDbContext db, ProgramLifecycleService lifecycle) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Label)> Measures =
    [
        ("check-in-rate", "Pairs checking in as their plan asks (%)"),
        ("mean-end-survey-score", "Mean end-survey score (1 to 5)"),
        ("response-rate", "People who answered a survey (%)"),
        ("matched-rate", "Mentees who have a mentor (%)"),
    ];

    public LifecycleDto? Program { get; private set; }

    public ProgramKind Kind { get; private set; }

    public NextStepView? Step { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Sponsors { get; private set; } = [];

    [BindProperty]
    public int? SponsorId { get; set; }

    [BindProperty]
    public SurveySettingsForm Settings { get; set; } = new();

    [BindProperty]
    public List<CriterionRow> Rows { get; set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        SponsorId = Program!.Sponsor?.PersonId;
        Settings = new SurveySettingsForm { K = Program.K, AutoSurveys = Program.AutoSurveys };
        Rows = CriteriaRows(Program);
        return Page();
    }

    private static List<CriterionRow> CriteriaRows(LifecycleDto program) =>
    [
        .. program.Criteria.Select(c => new CriterionRow { Text = c.Text, Kind = ProgramLifecycleService.Slug(c.Kind.ToString()), Target = c.Target }),
        new CriterionRow(),
    ];

    private async Task<bool> LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var outcome = await lifecycle.GetAsync(id, cancellationToken);
        if (outcome.Value is not { } program)
        {
            return false;
        }
        Program = program;
        Kind = await db.Programs.Where(p => p.Id == id).Select(p => p.Kind).SingleAsync(cancellationToken);
        Step = new NextStepView(id, program.Status, program.Scope, program.Transitions, await PilotChoices.LoadAsync(db, id, cancellationToken), "pilot",
            Kind == ProgramKind.ReverseMentoring);
        var sponsorRole = db.Roles.Where(r => r.Name == Roles.Sponsor).Select(r => r.Id);
        var sponsorPeople = db.Users.Where(u => u.PersonId != null && db.UserRoles.Any(ur => ur.UserId == u.Id && sponsorRole.Contains(ur.RoleId))).Select(u => u.PersonId!.Value);
        Sponsors = (await db.People.AsNoTracking().Where(p => p.Active && sponsorPeople.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken)).Select(p => (p.Id, p.Name)).ToList();
        return true;
    }

    /// <summary>Re-shows the page after a refused form: the other forms as saved, this one as it was sent.</summary>
    private async Task<IActionResult> RedisplayAsync(int id, bool keepSponsor = false, bool keepSettings = false, bool keepRows = false)
    {
        var (sponsor, settings, rows) = (SponsorId, Settings, Rows);
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        SponsorId = keepSponsor ? sponsor : Program!.Sponsor?.PersonId;
        Settings = keepSettings ? settings : new SurveySettingsForm { K = Program!.K, AutoSurveys = Program.AutoSurveys };
        Rows = keepRows ? rows : CriteriaRows(Program!);
        return Page();
    }

    public async Task<IActionResult> OnPostSponsorAsync(int id)
    {
        var outcome = await lifecycle.SetSponsorAsync(id, new SponsorInput(SponsorId), HttpContext.RequestAborted);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome, "", new Dictionary<string, string> { ["personId"] = nameof(SponsorId) });
            return await RedisplayAsync(id, keepSponsor: true);
        }
        StatusMessage = outcome.Value!.Sponsor is { } s ? $"{s.Name} is the executive sponsor." : "The program has no executive sponsor now.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSettingsAsync(int id)
    {
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(id, keepSettings: true);
        }
        if (Settings.K is null)
        {
            ModelState.AddModelError("Settings.K", $"Write k, a whole number of at least {MentoringProgram.LowestSurveyMinimumGroup}.");
            return await RedisplayAsync(id, keepSettings: true);
        }
        var outcome = await lifecycle.SetSurveySettingsAsync(id, new SurveySettingsInput(Settings.K, Settings.AutoSurveys), HttpContext.RequestAborted);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome, "", new Dictionary<string, string> { ["k"] = "Settings.K", ["autoSurveys"] = "Settings.AutoSurveys" });
            return await RedisplayAsync(id, keepSettings: true);
        }
        StatusMessage = $"Survey results show only for groups of at least {outcome.Value!.K}; surveys "
            + (outcome.Value.AutoSurveys ? "go out by themselves at the start, middle and end." : "go out only when you send them.");
        return RedirectToPage(new { id });
    }

    /// <summary>Saves the criteria as listed: a blank row adds nothing, a row whose Remove was pressed goes.</summary>
    public async Task<IActionResult> OnPostCriteriaAsync(int id, int? remove)
    {
        if (remove is { } removed && removed >= 0 && removed < Rows.Count)
        {
            Rows.RemoveAt(removed);
            // The rows after it moved up: the values they were sent with are under the old indexes.
            ModelState.Clear();
        }
        if (!ModelState.IsValid)
        {
            Rows = [.. Rows.Where(r => !r.IsBlank), new CriterionRow()];
            return await RedisplayAsync(id, keepRows: true);
        }
        var kept = Rows.Where(r => !r.IsBlank).ToList();
        var outcome = await lifecycle.SetCriteriaAsync(id, kept.Select(r => new CriterionInput(r.Text, r.Kind, r.Target)).ToList(), HttpContext.RequestAborted);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            // The service names rows by their place among the kept ones, as the page now lists them.
            Rows = [.. kept, new CriterionRow()];
            ModelState.Clear();
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(CriterionKey(error.Field), PageValidation.Sentence(error.Message));
            }
            return await RedisplayAsync(id, keepRows: true);
        }
        var count = outcome.Value!.Criteria.Count;
        StatusMessage = count switch { 0 => "The program has no success criteria now.", 1 => "One success criterion is saved.", _ => $"{count} success criteria are saved." };
        return RedirectToPage(new { id });
    }

    /// <summary><c>criteria[1].target</c> → <c>Rows[1].Target</c>.</summary>
    private static string CriterionKey(string field)
    {
        var dot = field.LastIndexOf('.');
        return dot < 0 || !field.StartsWith("criteria", StringComparison.Ordinal)
            ? "Rows"
            : $"Rows{field["criteria".Length..dot]}.{char.ToUpperInvariant(field[dot + 1])}{field[(dot + 2)..]}";
    }

    /// <summary>The step control's form: posted from this page, the program page or the evaluation page.</summary>
    public async Task<IActionResult> OnPostStepAsync(int id, string? to, string? scope, string? pairIds, string? back)
    {
        ScopeInput? scopeInput = null;
        if (to == "pilot" && !string.IsNullOrWhiteSpace(scope))
        {
            var parts = scope.Split('|', 2);
            var value = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : parts[0] == "pair" ? pairIds : null;
            scopeInput = new ScopeInput(parts[0], value);
        }
        var outcome = await lifecycle.TransitionAsync(id, new TransitionInput(to, scopeInput), HttpContext.RequestAborted);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            ModelState.Clear();
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(error.Field.StartsWith("scope", StringComparison.Ordinal) ? "Step.Scope" : "Step.To", PageValidation.Sentence(error.Message));
            }
            ViewData["StepScope"] = scope;
            ViewData["StepPairIds"] = pairIds;
            return await RedisplayAsync(id);
        }
        var done = outcome.Value!;
        var message = done.Status switch
        {
            ProgramStatus.Pilot => $"The pilot runs for {NextStepView.Describe(done.Scope!)}.",
            ProgramStatus.Evaluating => "The pilot is being evaluated: enrollment stays within its scope.",
            ProgramStatus.Active when done.Transitions[^1].From == ProgramStatus.Draft => "The program has started, open to everyone.",
            ProgramStatus.Active => "The program is open to everyone; the pilot's pairs, sessions and answers stay.",
            _ => $"The program is now {ProgramLifecycleService.Kebab(done.Status)}.",
        };
        StatusMessage = message + (done.Withdrawn switch
        {
            0 => "",
            1 => " One person outside the pilot's scope was taken out (their history stays).",
            var n => $" {n} people outside the pilot's scope were taken out (their history stays).",
        });
        return back switch
        {
            "details" => Redirect($"/Programs/{id}#next-step"),
            "evaluation" => RedirectToPage("Evaluation", new { id }),
            _ => RedirectToPage(new { id }),
        };
    }
}
