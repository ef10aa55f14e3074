using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
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

    [Display(Name = "Length (minutes)")]
    public int DurationMinutes { get; set; } = 120;

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
public sealed class IndexModel(MentoringDbContext db, GroupsService groups) : PageModel
{
    private const int BlankRows = 4;

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

    /// <summary>How many of the program's people a group may draw from: everyone enrolled but its mentors.</summary>
    public int Candidates { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
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
            var composed = await groups.ComposeAsync(id, new ComposeInput(Input.Kind, Input.Title, Input.Date, seats, Input.CheckInEveryMinutes, Input.DurationMinutes), cancellationToken);
            if (composed.Value is { } result)
            {
                StatusMessage = $"{Display.Count(result.ActivityIds.Count, "group", "groups")} composed: {Display.Count(result.Placed, "person", "people")} placed"
                    + (result.Unplaced > 0 ? $", {Display.Number(result.Unplaced)} not placed for lack of room" : "")
                    + (result.Repeats > 0 ? $", {Display.Count(result.Repeats, "repeat", "repeats")} of an earlier grouping" : ", nobody grouped with someone they met before")
                    + (result.Optimal ? "; proven the best mix." : ".");
                return RedirectToPage(null, null, new { id }, "groups-heading");
            }
            ModelState.AddErrors(composed, nameof(Input), new Dictionary<string, string> { ["hosts"] = nameof(Hosts) });
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
