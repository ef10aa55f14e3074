using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Enrollments;

/// <summary>
/// Enroll people in a program: one by one (search as you type), by rule, or from a list of HR ids.
/// Each shows who would be enrolled before anything is written; the rules are <see cref="EnrollmentService"/>'s.
/// </summary>
public sealed class EnrollModel(MentoringDbContext db, EnrollmentService enrollment) : PageModel
{
    /// <summary>The preview lists this many people; the count is of all of them.</summary>
    public const int Shown = 200;

    public const string One = "one";
    public const string ByRule = "rule";
    public const string FromList = "list";

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["role"] = nameof(Role), ["capacity"] = nameof(Capacity), ["levels"] = nameof(Levels), ["departments"] = nameof(Departments),
        ["offices"] = nameof(Offices), ["jobTitles"] = nameof(JobTitles), ["hiredFrom"] = nameof(HiredFrom), ["hiredTo"] = nameof(HiredTo),
        ["externalIds"] = nameof(Ids),
    };

    public MentoringProgram? Program { get; private set; }

    public RosterChoices Choices { get; private set; } = new([], [], []);

    /// <summary>Which way: <see cref="One"/>, <see cref="ByRule"/> or <see cref="FromList"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Way { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PersonId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Preview { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Capacity { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<int> Levels { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public List<string> Departments { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public List<string> Offices { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public List<string> JobTitles { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public DateOnly? HiredFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? HiredTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool NotInActiveProgram { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool NeverMentored { get; set; }

    /// <summary>The HR ids of the list (or of the one person chosen), as the preview carries them to the enroll button.</summary>
    [BindProperty(SupportsGet = true)]
    public List<string> ExternalIds { get; set; } = [];

    /// <summary>HR ids pasted in: one a line, or separated by commas, semicolons or spaces.</summary>
    [BindProperty]
    public string? Ids { get; set; }

    public IReadOnlyList<MatchedPerson> SearchResults { get; private set; } = [];

    public EnrollmentPreview? Result { get; private set; }

    public string CurrentWay => Way is ByRule or FromList ? Way : One;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFoundPage();
        }
        if (!(Request.Path.Value ?? "").EndsWith($"/{id}/Enroll", StringComparison.OrdinalIgnoreCase))
        {
            // Reached as /Programs/Enroll?id=… (the dashboard's program chooser): go to the program's own address.
            var query = string.Join("&", Request.Query.Where(q => !string.Equals(q.Key, "id", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? ""))));
            return Redirect($"/Programs/{id}/Enroll" + (query.Length > 0 ? "?" + query : ""));
        }
        var cancellationToken = HttpContext.RequestAborted;
        if (CurrentWay == One)
        {
            if (!string.IsNullOrWhiteSpace(Q))
            {
                SearchResults = await enrollment.SearchAsync(id, Q, 25, cancellationToken);
            }
            if (PersonId is { } personId && await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.ExternalId).SingleOrDefaultAsync(cancellationToken) is { } externalId)
            {
                ExternalIds = [externalId];
                await PreviewAsync(id);
            }
        }
        else if (Preview || CurrentWay == FromList && ExternalIds.Count > 0)
        {
            await PreviewAsync(id);
        }
        return Page();
    }

    /// <summary>The list of HR ids, pasted or uploaded, checked and previewed.</summary>
    public async Task<IActionResult> OnPostPreviewListAsync(int id, IFormFile? file)
    {
        Way = FromList;
        if (!await LoadAsync(id))
        {
            return NotFoundPage();
        }
        var text = Ids ?? "";
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            text += "\n" + await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }
        ExternalIds = ParseIds(text);
        if (ExternalIds.Count == 0)
        {
            ModelState.AddModelError(nameof(Ids), "Paste or upload at least one HR id.");
            return Page();
        }
        await PreviewAsync(id);
        return Page();
    }

    /// <summary>Enroll N people: the previewed rule (or list), written in one go.</summary>
    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFoundPage();
        }
        var outcome = await enrollment.EnrollAsync(id, Rule(dryRun: false), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome, "", Fields);
            Preview = true;
            await PreviewAsync(id, addErrors: false);
            return Page();
        }
        var done = outcome.Value!;
        var role = Result?.Role ?? ParsedRole();
        TempData["StatusMessage"] = $"{Display.Count(done.Enrolled, "person is", "people are")} enrolled as {RoleWord(role, done.Enrolled)}."
            + (done.AlreadyEnrolled > 0 ? $" {Display.Count(done.AlreadyEnrolled, "other was", "others were")} already in the program." : "");
        return Redirect($"/Programs/{id}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, int enrollmentId)
    {
        var outcome = await enrollment.WithdrawAsync(id, enrollmentId, HttpContext.RequestAborted);
        if (outcome.Value is { } withdrawn)
        {
            TempData["StatusMessage"] = $"{withdrawn.Name} is withdrawn from the program. What they did in it stays.";
            TempData["Withdrawn"] = $"{withdrawn.PersonId}:{withdrawn.Role}:{withdrawn.Capacity}";
        }
        else
        {
            TempData["StatusMessage"] = "That person was no longer in the program.";
        }
        return Redirect($"/Programs/{id}");
    }

    public async Task<IActionResult> OnPostReenrollAsync(int id, int personId, string? role, int? capacity)
    {
        var outcome = await enrollment.ReenrollAsync(id, personId, role, capacity, HttpContext.RequestAborted);
        TempData["StatusMessage"] = outcome.Value is { } name ? $"{name} is enrolled again."
            : outcome.IsNotFound ? "That person or program no longer exists."
            : string.Join(" ", outcome.Errors.Select(e => PageValidation.Sentence(e.Message)));
        return Redirect($"/Programs/{id}");
    }

    /// <summary>The query string of this rule, for links that keep it (the dashboard's, the way tabs).</summary>
    public static string RuleQuery(string role, IEnumerable<int> levels, bool notInActiveProgram) =>
        $"way={ByRule}&role={role}&{string.Join("&", levels.Select(l => $"levels={l}"))}&notInActiveProgram={(notInActiveProgram ? "true" : "false")}&preview=true";

    public static string RoleWord(EnrollmentRole role, int count) => (role, count == 1) switch
    {
        (EnrollmentRole.Mentor, true) => "a mentor",
        (EnrollmentRole.Mentor, false) => "mentors",
        (EnrollmentRole.Mentee, true) => "a mentee",
        (EnrollmentRole.Mentee, false) => "mentees",
        (_, true) => "a participant",
        _ => "participants",
    };

    public EnrollmentRole ParsedRole() =>
        Enum.TryParse<EnrollmentRole>(Role, ignoreCase: true, out var role) && Enum.IsDefined(role) ? role : EnrollmentService.DefaultRole(Program!.Kind);

    private EnrollmentRule Rule(bool dryRun) => new()
    {
        Role = Role,
        Capacity = Capacity,
        Levels = CurrentWay == ByRule ? Levels : null,
        Departments = CurrentWay == ByRule ? Departments : null,
        Offices = CurrentWay == ByRule ? Offices : null,
        JobTitles = CurrentWay == ByRule ? JobTitles : null,
        HiredFrom = CurrentWay == ByRule ? HiredFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
        HiredTo = CurrentWay == ByRule ? HiredTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
        NotInActiveProgram = CurrentWay == ByRule && NotInActiveProgram,
        NeverMentored = CurrentWay == ByRule && NeverMentored,
        ExternalIds = CurrentWay == ByRule ? null : ExternalIds,
        DryRun = dryRun,
    };

    private async Task PreviewAsync(int id, bool addErrors = true)
    {
        // The capacity is checked when enrolling; the preview is about who.
        var rule = Rule(dryRun: true) with { Capacity = null };
        var outcome = await enrollment.PreviewAsync(id, rule, Shown, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            Result = outcome.Value;
        }
        else if (addErrors)
        {
            ModelState.AddErrors(outcome, "", Fields);
        }
    }

    private async Task<bool> LoadAsync(int id)
    {
        Program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (Program is null)
        {
            return false;
        }
        Choices = await enrollment.ChoicesAsync(HttpContext.RequestAborted);
        return true;
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    internal static List<string> ParseIds(string text) =>
        text.Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.Trim('"', '\'', '\uFEFF')).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
