using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Groups;

/// <summary>The group's format, title, date and timing, as the compose form takes them.</summary>
public sealed class ComposeForm
{
    [Required]
    [Display(Name = "Format")]
    public string Kind { get; set; } = ActivityFormats.GroupLunch;

    [StringLength(200)]
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Date")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Start time")]
    public string? StartTime { get; set; }

    [Display(Name = "Room")]
    public int? RoomId { get; set; }

    [Display(Name = "Length (minutes)")]
    public int? DurationMinutes { get; set; }

    [Display(Name = "Host checks in every (minutes)")]
    public int CheckInEveryMinutes { get; set; } = 30;
}

/// <summary>A row of the hosts table: blank rows are ignored.</summary>
public sealed class HostRow
{
    public int? PersonId { get; set; }

    public int? Capacity { get; set; }
}

/// <summary>Someone senior enough to host a group (<see cref="Person.SeniorMinLevel"/> and above).</summary>
public sealed record HostOption(int Id, string Name, string? JobTitle, string? Office);

/// <summary>
/// Group formats of a program: compose group lunches, group-mentoring cohorts or coworking tables
/// with the groups engine (<see cref="GroupsService.ComposeAsync"/>), and the groups composed so far
/// with their members, priorities and goals.
/// </summary>
public sealed class IndexModel(MentoringDbContext db, ComposeJobs compose, JobQueue jobs) : PageModel
{
    private const int BlankRows = 4;

    /// <summary>How long the form waits for a composition before it shows the job's status instead.</summary>
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(3);

    /// <summary>Group formats run in group programs and, as group lunches and coworking, alongside one-to-one mentoring.</summary>
    private static readonly Expression<Func<MentoringProgram, bool>> WithGroups =
        p => p.Kind == ProgramKind.Group || p.Kind == ProgramKind.Mentoring || p.Kind == ProgramKind.ReverseMentoring;

    [BindProperty]
    public ComposeForm Input { get; set; } = new();

    [BindProperty]
    public List<HostRow> Hosts { get; set; } = [];

    public MentoringProgram? Program { get; private set; }

    public IReadOnlyList<HostOption> HostOptions { get; private set; } = [];

    public IReadOnlyList<GroupActivity> Groups { get; private set; } = [];

    /// <summary>Every office's rooms, for an in-person group that wants one.</summary>
    public IReadOnlyList<(int Id, string Name)> RoomOptions { get; private set; } = [];

    /// <summary>How many of the program's people a group may draw from: everyone enrolled but its mentors.</summary>
    public int Candidates { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>A composition still running (or just finished) when the page was left to follow it.</summary>
    public BackgroundJob? Job { get; private set; }

    public ComposeResult? JobResult => Job is { Status: JobStatus.Succeeded } ? JobQueue.ResultOf<ComposeResult>(Job) : null;

    public async Task<IActionResult> OnGetAsync(int id, Guid? job)
    {
        if (!await LoadAsync(id))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (job is { } jobId)
        {
            Job = await compose.FindAsync(id, jobId, HttpContext.RequestAborted);
        }
        AddBlankRows(BlankRows);
        return Page();
    }

    /// <summary>More empty host rows, keeping what was chosen (no scripts needed).</summary>
    public async Task<IActionResult> OnPostAddHostsAsync(int id)
    {
        ModelState.Clear();
        await LoadAsync(id);
        Hosts.RemoveAll(h => h.PersonId is null);
        AddBlankRows(BlankRows);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!await LoadAsync(id))
        {
            return RedirectToPage(new { id });
        }
        var seats = new List<HostSeat>();
        for (var i = 0; i < Hosts.Count; i++)
        {
            if (Hosts[i] is not { PersonId: { } personId } row)
            {
                continue;
            }
            if (row.Capacity is not { } capacity)
            {
                ModelState.AddModelError($"{nameof(Hosts)}[{i}].{nameof(HostRow.Capacity)}", "Enter how many members this host takes.");
                continue;
            }
            seats.Add(new HostSeat(personId, capacity));
        }
        if (ModelState.IsValid)
        {
            var input = new ComposeInput(Input.Kind, Input.Title, Input.Date, seats, Input.CheckInEveryMinutes, Input.DurationMinutes, Input.StartTime, Input.RoomId);
            var job = await compose.StartAsync(id, input, User.Identity?.Name ?? "admin", cancellationToken);
            // Quick compositions (and mistakes in the form) answer here; a long search is followed on the page.
            job = await jobs.WaitAsync(job.Id, PageWait, cancellationToken);
            switch (job.Status)
            {
                case JobStatus.Succeeded:
                    StatusMessage = ComposeJobs.Summary(JobQueue.ResultOf<ComposeResult>(job)!);
                    return RedirectToPage(null, null, new { id }, "groups-heading");
                case JobStatus.Failed when job.ErrorField is { } field:
                    ModelState.AddErrors(Outcome<Done>.Invalid(field, job.Error ?? ""), nameof(Input), new Dictionary<string, string> { ["hosts"] = nameof(Hosts), ["roomId"] = "Input.RoomId" });
                    break;
                case JobStatus.Failed:
                    ModelState.AddModelError("", $"Composing the groups failed: {job.Error}");
                    break;
                default:
                    return RedirectToPage(null, null, new { id, job = job.Id }, "compose-job");
            }
        }
        Hosts.RemoveAll(h => h.PersonId is null && h.Capacity is null);
        AddBlankRows(Math.Max(1, BlankRows - Hosts.Count));
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Program = await db.Programs.AsNoTracking().Where(WithGroups).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Program is null)
        {
            return false;
        }
        HostOptions = await db.People.AsNoTracking().Where(p => p.Active && p.Level >= Person.SeniorMinLevel).OrderBy(p => p.Name)
            .Select(p => new HostOption(p.Id, p.Name, p.JobTitle, p.Office!.Name)).ToListAsync(cancellationToken);
        Groups = await GroupQueries.OfProgramAsync(db, id, cancellationToken);
        RoomOptions = (await db.Offices.AsNoTracking().Include(o => o.Rooms).OrderBy(o => o.Name).ToListAsync(cancellationToken))
            .SelectMany(o => o.Rooms.OrderBy(r => r.Name).Select(r => (r.Id, $"{r.Name}, {o.Name} office (seats {r.Capacity})"))).ToList();
        Candidates = await db.Enrollments.CountAsync(e => e.ProgramId == id && e.Role != EnrollmentRole.Mentor && !e.OptedOut && e.Person!.Active, cancellationToken);
        return true;
    }

    private void AddBlankRows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Hosts.Add(new HostRow());
        }
    }
}
