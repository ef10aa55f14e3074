using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Scheduling;

/// <summary>
/// A program's schedule for a period: plan it with the schedule engine (re-planning keeps accepted
/// sessions), the sessions day by day, and each senior's office days against a three-day mandate.
/// </summary>
public sealed class ScheduleModel(MentoringDbContext db, PlanJobs plans, JobQueue jobs, IClock clock) : PageModel
{
    /// <summary>How long the form waits for a plan before it shows the job's status instead.</summary>
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(3);

    /// <summary>Kinds of program whose pairs and groups meet in scheduled sessions (roulette draws its own rounds).</summary>
    public static bool Schedules(ProgramKind kind) => kind is ProgramKind.Mentoring or ProgramKind.ReverseMentoring or ProgramKind.Group;

    public MentoringProgram? Program { get; private set; }

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    /// <summary>The period shown: the one just planned, or the one asked for in the address.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>The outcome of the plan just made, carried across the redirect after it.</summary>
    [TempData]
    public string? PlanJson { get; set; }

    public PlanResult? Result { get; private set; }

    /// <summary>A plan still being made (or just made) when the page was left to follow it.</summary>
    public BackgroundJob? Job { get; private set; }

    public IReadOnlyList<IGrouping<LocalDate, ScheduledSession>> Days { get; private set; } = [];

    public IReadOnlyList<OfficeDaysRow> OfficeDays { get; private set; } = [];

    public BarChart? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, Guid? job)
    {
        if (!await LoadProgramAsync(id))
        {
            return Page();
        }
        var (from, to) = await DefaultPeriodAsync();
        Input = new PlanForm { From = From ?? from, To = To ?? to };
        Result = PlanJson is null ? null : JsonSerializer.Deserialize<PlanResult>(PlanJson, JsonSerializerOptions.Web);
        if (job is { } jobId && await plans.FindAsync(id, jobId, HttpContext.RequestAborted) is { } found)
        {
            Job = found;
            Result ??= found.Status == JobStatus.Succeeded ? JobQueue.ResultOf<PlanResult>(found) : null;
        }
        await LoadPeriodAsync(id, Input.From, Input.To);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadProgramAsync(id))
        {
            return Page();
        }
        if (ModelState.IsValid)
        {
            var job = await plans.StartAsync(new PlanJobInput(id, Input.From, Input.To, Input.TimeLimitSeconds), User.Identity?.Name ?? "admin", HttpContext.RequestAborted);
            // Quick plans (and mistakes in the form) answer here; a long search is followed on the page.
            job = await jobs.WaitAsync(job.Id, PageWait, HttpContext.RequestAborted);
            switch (job.Status)
            {
                case JobStatus.Succeeded:
                    PlanJson = job.Result;
                    return RedirectToPage(new { id, from = Iso(Input.From), to = Iso(Input.To) });
                case JobStatus.Failed when job.ErrorField is { } field:
                    ModelState.AddModelError(field == "to" ? "Input.To" : "", Display.Sentence(job.Error ?? "") + ".");
                    break;
                case JobStatus.Failed:
                    ModelState.AddModelError("", $"Planning the schedule failed: {job.Error}");
                    break;
                default:
                    return RedirectToPage(null, null, new { id, from = Iso(Input.From), to = Iso(Input.To), job = job.Id }, "plan-job");
            }
        }
        await LoadPeriodAsync(id, Input.From, Input.To);
        return Page();
    }

    /// <summary>The same period moved by some days, to page through the schedule.</summary>
    public string PeriodLink(int days) =>
        $"/Programs/{Program!.Id}/Schedule?from={Iso(Input.From.AddDays(days))}&to={Iso(Input.To.AddDays(days))}";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<bool> LoadProgramAsync(int id)
    {
        Program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (Program is null || !Schedules(Program.Kind))
        {
            Program = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
        return true;
    }

    /// <summary>The next two working weeks: from the coming Monday to the Friday after next, in the first office's days.</summary>
    private async Task<(DateOnly From, DateOnly To)> DefaultPeriodAsync()
    {
        var zone = await db.Offices.AsNoTracking().OrderBy(o => o.Id).Select(o => o.TimeZone).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var monday = clock.TodayIn(zone).Next(IsoDayOfWeek.Monday);
        return (monday.ToDateOnly(), monday.PlusDays(11).ToDateOnly());
    }

    private async Task LoadPeriodAsync(int id, DateOnly fromDay, DateOnly toDay)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var (from, to) = (LocalDate.FromDateOnly(fromDay), LocalDate.FromDateOnly(toDay));
        if (to < from)
        {
            return;
        }
        var sessions = await SessionQueries.Query(db)
            .Where(s => s.ProgramId == id && s.Status != SessionStatus.Cancelled && s.Date >= from && s.Date <= to).ToListAsync(cancellationToken);
        Days = sessions.OrderBy(s => s.Start).GroupBy(s => s.Date).OrderBy(g => g.Key).ToList();
        OfficeDays = await SessionQueries.OfficeDaysAsync(db, id, from, to, cancellationToken);
        if (OfficeDays.Count > 0)
        {
            // Two people with one name are told apart by their department and office.
            var ids = OfficeDays.Select(r => r.PersonId).ToList();
            var details = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.Department, Office = p.Office == null ? null : p.Office.Name }).ToDictionaryAsync(p => p.Id, cancellationToken);
            Chart = new BarChart("office-days", "Office days per senior: this program against a three-day mandate", "Three-day mandate", "This program",
                OfficeDays.Select(r => new Bar(r.Name, r.MandateDays, r.ProgramDays,
                    details.TryGetValue(r.PersonId, out var d) ? string.Join(", ", new[] { d.Department, d.Office }.Where(x => !string.IsNullOrEmpty(x))) : null)).ToList());
        }
    }

    public sealed class PlanForm : IValidatableObject
    {
        [Display(Name = "First day")]
        [DataType(DataType.Date)]
        public DateOnly From { get; set; }

        [Display(Name = "Last day")]
        [DataType(DataType.Date)]
        public DateOnly To { get; set; }

        [Display(Name = "Time limit (seconds)")]
        [Range(1, 120, ErrorMessage = "Give the planner between 1 and 120 seconds.")]
        public int TimeLimitSeconds { get; set; } = 20;

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (To < From)
            {
                yield return new ValidationResult("The period must end on or after its first day.", [nameof(To)]);
            }
        }
    }
}
